// Resolving what a policy result points at: policies may return a full resource object, just an id,
// or (conftest style) only a message; the inventory fills in provider, account, region and name.
import type { Inventory, Provider, ResourceRef } from '../core/model.js';
import { PROVIDERS } from '../core/model.js';

export type FindingResource = { provider: Provider; account: string; region?: string; id: string; name?: string; type?: string };

export class ResourceIndex {
  private readonly byId = new Map<string, ResourceRef>();
  /** Ids longest first, for finding an id inside a free-text message. */
  private readonly idsByLength: string[];
  readonly providers: Provider[];

  constructor(inv: Pick<Inventory, 'keys' | 'containers' | 'logging'>) {
    for (const r of [...inv.containers, ...inv.logging, ...inv.keys]) {
      const ref: ResourceRef = { ...r.ref };
      this.byId.set(r.ref.id, ref);
      if (r.id !== r.ref.id) this.byId.set(r.id, ref);
    }
    for (const k of inv.keys) for (const a of k.aliases ?? []) if (!this.byId.has(a)) this.byId.set(a, { ...k.ref });
    this.idsByLength = [...this.byId.keys()].filter((id) => id.length >= 8).sort((a, b) => b.length - a.length || a.localeCompare(b));
    this.providers = PROVIDERS.filter((p) => [...inv.keys, ...inv.containers].some((r) => r.provider === p));
  }

  get(id: string): ResourceRef | undefined {
    return this.byId.get(id);
  }

  /** The longest inventory id that appears in the text (conftest-style string results). */
  findIn(text: string): ResourceRef | undefined {
    for (const id of this.idsByLength) if (text.includes(id)) return this.byId.get(id);
    return undefined;
  }
}

function toFindingResource(ref: ResourceRef): FindingResource {
  const out: FindingResource = { provider: ref.provider, account: ref.account, id: ref.id, type: ref.type };
  if (ref.region !== undefined) out.region = ref.region;
  if (ref.name !== undefined) out.name = ref.name;
  return out;
}

function isProvider(v: unknown): v is Provider {
  return typeof v === 'string' && (PROVIDERS as readonly string[]).includes(v);
}

/**
 * Resolve a policy's `resource` field (object, id string or absent) to a finding resource.
 * Without any resource the finding is attached to the policy itself within the first provider
 * the policy names (or the inventory holds).
 */
export function resolveResource(raw: unknown, message: string, index: ResourceIndex, ruleId: string, providers: readonly Provider[]): FindingResource {
  if (typeof raw === 'string') {
    const ref = index.get(raw);
    if (ref) return toFindingResource(ref);
  } else if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    const nested = (o.ref && typeof o.ref === 'object' ? o.ref : o) as Record<string, unknown>;
    const id = typeof nested.id === 'string' ? nested.id : undefined;
    const known = id ? index.get(id) : undefined;
    if (known) return toFindingResource(known);
    if (id && isProvider(nested.provider)) {
      const out: FindingResource = { provider: nested.provider, account: typeof nested.account === 'string' ? nested.account : '', id };
      if (typeof nested.region === 'string') out.region = nested.region;
      if (typeof nested.name === 'string') out.name = nested.name;
      if (typeof nested.type === 'string') out.type = nested.type;
      return out;
    }
  }
  const inText = index.findIn(message);
  if (inText) return toFindingResource(inText);
  const provider = providers[0] ?? index.providers[0] ?? 'aws';
  return { provider, account: '', id: typeof raw === 'string' && raw !== '' ? raw : `policy:${ruleId}`, type: 'policy' };
}
