// Live collection in this build: PKCS#11 only. The contract's other live-collector flags are accepted
// by the parser so that scripts written for a full build fail with a clear message (exit 2) here
// instead of "unknown flag".
import type { Pkcs11CollectOptions } from '../collectors/pkcs11/index.js';
import { ToolError } from '../core/errors.js';
import type { Inventory } from '../core/model.js';

/** Providers with a live collector in this build. */
export const AVAILABLE_COLLECTORS: readonly string[] = ['pkcs11'];

export const LIVE_COLLECTOR_FLAGS = [
  'provider',
  'aws-regions',
  'aws-profile',
  'aws-accounts',
  'aws-org',
  'aws-role-name',
  'aws-external-id',
  'azure-subscriptions',
  'azure-workspace',
  'gcp-projects',
  'pkcs11-module',
  'pkcs11-token',
  'pkcs11-pin-file',
  'evidence',
] as const;

/** The provider a provider-specific flag belongs to (`provider` and `evidence` belong to none). */
function flagProvider(name: string): string | undefined {
  const m = /^(aws|azure|gcp|pkcs11)-/.exec(name);
  return m?.[1];
}

const isGiven = (flags: Record<string, unknown>, n: string) => flags[n] !== undefined && flags[n] !== false;

/**
 * A usage error (exit 2) naming the flags this build cannot honour: providers without a collector,
 * their flags, and --evidence. Flags of an available collector need that collector's --provider.
 */
export function refuseUnavailable(flags: Record<string, unknown>, names: readonly string[]): void {
  const given = names.filter((n) => isGiven(flags, n));
  const providers = (flags.provider as string[] | undefined) ?? [];
  const missing = providers.filter((p) => !AVAILABLE_COLLECTORS.includes(p));
  const blocked = given.filter((n) => (n === 'provider' ? missing.length > 0 : !AVAILABLE_COLLECTORS.includes(flagProvider(n) ?? '')));
  if (blocked.length > 0) {
    const what = missing.length > 0 ? `live collection (${missing.join(', ')})` : 'these flags';
    throw new ToolError('collector-unavailable', `${what} not available in this build: --${blocked.join(', --')}`, {
      actions: [
        `Live collection here: ${AVAILABLE_COLLECTORS.map((p) => `--provider ${p}`).join(', ')}. Otherwise use --inventory FILE (a snapshot) and --logs PATH (exported logs); \`keywarden scan --demo\` shows the offline flow.`,
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

/** What the live collectors found, merged into the inventory like one more snapshot. */
export type LiveInventory = Pick<Inventory, 'keys' | 'containers' | 'gaps' | 'scope'>;

export interface LiveCollectOptions {
  env?: NodeJS.ProcessEnv;
  /** Tests inject a PKCS#11 module loader. */
  pkcs11Load?: Pkcs11CollectOptions['load'];
}

/**
 * Run the collectors named by --provider (call refuseUnavailable first). Undefined when no provider
 * is given. Secrets (the PKCS#11 PIN) stay inside the collectors: the result carries none.
 */
export async function collectLive(flags: Record<string, unknown>, opts: LiveCollectOptions = {}): Promise<LiveInventory | undefined> {
  const providers = [...new Set((flags.provider as string[] | undefined) ?? [])].sort();
  if (providers.length === 0) return undefined;
  const live: LiveInventory = { keys: [], containers: [], gaps: [], scope: {} };
  for (const p of providers) {
    if (p !== 'pkcs11') throw new ToolError('collector-unavailable', `live collection (${p}) not available in this build: --provider`);
    // Loaded on demand: the native pkcs11js addon is only needed when a token is scanned.
    const { collectPkcs11FromFlags } = await import('../collectors/pkcs11/flags.js');
    const r = await collectPkcs11FromFlags(flags, opts.env ?? process.env, opts.pkcs11Load);
    live.keys.push(...r.keys);
    live.containers.push(...r.containers);
    live.gaps.push(...r.gaps);
    Object.assign(live.scope, r.scope);
  }
  return live;
}

/** The live part as an inventory snapshot collected at `collectedAt`. */
export function liveSnapshot(live: LiveInventory, version: string, collectedAt: string): Inventory {
  return { schemaVersion: 1, tool: { name: 'keywarden', version }, collectedAt, scope: live.scope, keys: live.keys, containers: live.containers, logging: [], gaps: live.gaps };
}
