// The live collectors, by provider: one registry entry each, loaded on demand (the PKCS#11 addon and
// the cloud SDKs are only needed when that provider is scanned). A provider without an entry is
// refused with exit 2 and a message saying what to use instead.
import { systemClock, type Clock } from '../core/clock.js';
import { ToolError } from '../core/errors.js';
import type { Inventory, KeyEvent } from '../core/model.js';
import type { Pkcs11CollectOptions } from '../collectors/pkcs11/index.js';
import { emptyCollection, type LiveCollection, type LiveContext } from '../collectors/live.js';
import { progressFor, type ProgressSink } from '../collectors/progress.js';

export const PROVIDERS = ['aws', 'azure', 'gcp', 'pkcs11'] as const;

export interface LiveCollectOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  signal?: AbortSignal;
  /** Default: progress on stderr (redrawn on a terminal, line-based in CI). */
  progress?: ProgressSink;
  /** Read usage logs for this window (scan only). */
  events?: { from: Date; to: Date };
  /** Tests inject a PKCS#11 module loader. */
  pkcs11Load?: Pkcs11CollectOptions['load'];
}

type Collect = (flags: Record<string, unknown>, ctx: LiveContext, opts: LiveCollectOptions) => Promise<LiveCollection>;

const REGISTRY: Partial<Record<(typeof PROVIDERS)[number], Collect>> = {
  aws: async (flags, ctx) => (await import('../collectors/aws/flags.js')).collectFromFlags(flags, ctx),
  azure: async (flags, ctx) => (await import('../collectors/azure/flags.js')).collectFromFlags(flags, ctx),
  gcp: async (flags, ctx) => (await import('../collectors/gcp/flags.js')).collectFromFlags(flags, ctx),
  pkcs11: async (flags, ctx, opts) => {
    const { collectPkcs11FromFlags } = await import('../collectors/pkcs11/flags.js');
    const r = await collectPkcs11FromFlags(flags, ctx.env, opts.pkcs11Load);
    return { ...emptyCollection(), keys: r.keys, containers: r.containers, gaps: r.gaps, scope: r.scope };
  },
};

/** Providers with a live collector in this build. */
export const AVAILABLE_COLLECTORS: readonly string[] = PROVIDERS.filter((p) => REGISTRY[p] !== undefined);

/** The provider a provider-specific flag belongs to (`provider` belongs to none). */
function flagProvider(name: string): string | undefined {
  const m = /^(aws|azure|gcp|pkcs11)-/.exec(name);
  return m?.[1];
}

const isGiven = (flags: Record<string, unknown>, n: string) => flags[n] !== undefined && flags[n] !== false;

/**
 * A usage error (exit 2) naming the flags this build cannot honour: providers without a collector and
 * their flags. Flags of an available collector need that collector's --provider.
 */
export function refuseUnavailable(flags: Record<string, unknown>, names: readonly string[], available: readonly string[] = AVAILABLE_COLLECTORS): void {
  const given = names.filter((n) => isGiven(flags, n));
  const providers = (flags.provider as string[] | undefined) ?? [];
  const missing = providers.filter((p) => !available.includes(p));
  const blocked = given.filter((n) => (n === 'provider' ? missing.length > 0 : !available.includes(flagProvider(n) ?? '')));
  if (blocked.length > 0) {
    const what = missing.length > 0 ? `live collection (${missing.join(', ')})` : 'these flags';
    throw new ToolError('collector-unavailable', `${what} not available in this build: --${blocked.join(', --')}`, {
      actions: [
        `Live collection here: ${available.map((p) => `--provider ${p}`).join(', ')}. Otherwise use --inventory FILE (a snapshot) and --logs PATH (exported logs); \`keywarden scan --demo\` shows the offline flow.`,
      ],
    });
  }
  const orphans = given.filter((n) => {
    const p = flagProvider(n);
    return p !== undefined && !providers.includes(p);
  });
  if (orphans.length > 0) {
    const p = flagProvider(orphans[0]!)!;
    throw new ToolError('usage', `--${orphans.join(', --')} ${orphans.length === 1 ? 'needs' : 'need'} --provider ${p}`, { actions: [`Add --provider ${p}.`] });
  }
}

/** What the live collectors found, merged into the inventory like one more snapshot, plus live events. */
export type LiveInventory = Pick<Inventory, 'keys' | 'containers' | 'logging' | 'gaps' | 'scope'> & { events: KeyEvent[] };

const byTime = (a: KeyEvent, b: KeyEvent) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/**
 * Run the collectors named by --provider, in provider order (call refuseUnavailable first). Undefined
 * when no provider is given. Secrets stay inside the collectors: the result carries none.
 */
export async function collectLive(flags: Record<string, unknown>, opts: LiveCollectOptions = {}): Promise<LiveInventory | undefined> {
  const providers = [...new Set((flags.provider as string[] | undefined) ?? [])].sort();
  if (providers.length === 0) return undefined;
  const env = opts.env ?? process.env;
  const clock = opts.clock ?? systemClock;
  const progress = opts.progress ?? progressFor(process.stderr, env, clock);
  const ctx: LiveContext = { env, clock, progress, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.events ? { events: opts.events } : {}) };
  const live: LiveInventory = { keys: [], containers: [], logging: [], gaps: [], scope: {}, events: [] };
  try {
    for (const p of providers) {
      const collect = REGISTRY[p as (typeof PROVIDERS)[number]];
      if (!collect) throw new ToolError('collector-unavailable', `live collection (${p}) not available in this build: --provider`);
      const r = await collect(flags, ctx, opts);
      live.keys.push(...r.keys);
      live.containers.push(...r.containers);
      live.logging.push(...r.logging);
      live.gaps.push(...r.gaps);
      live.events.push(...r.events);
      Object.assign(live.scope, r.scope);
    }
  } finally {
    progress.close();
  }
  live.events.sort(byTime);
  return live;
}

/** The live part as an inventory snapshot collected at `collectedAt` (events are not part of a snapshot). */
export function liveSnapshot(live: LiveInventory, version: string, collectedAt: string): Inventory {
  return { schemaVersion: 1, tool: { name: 'keywarden', version }, collectedAt, scope: live.scope, keys: live.keys, containers: live.containers, logging: live.logging, gaps: live.gaps };
}
