// Public entry point of the AWS collectors: `collectAws` reads KMS in every (account, Region) the
// options name, with bounded concurrency, and returns the inventory part plus gaps. Read-only by
// construction: every client comes from ./clients.ts and passes through ./guard.ts.
import type { Clock } from '../../core/clock.js';
import type { Gap, KeyContainer, KeyEvent, KeyRecord, LoggingConfig } from '../../core/model.js';
import { lookupKmsEvents } from './cloudtrail/lookup.js';
import { realPaceClock, type PaceClock } from './pace.js';
import { cloudTrailClient, kmsClient, type AwsCredentials } from './clients.js';
import { dedupeTrails, readTrails } from './cloudtrail/trails.js';
import { resolveAccounts, type FanoutOptions } from './fanout.js';
import { collectKmsRegion } from './kms/collect.js';
import { paceKmsClient } from './kms/quotas.js';
import { mapLimited } from './limit.js';

export interface AwsCollectOptions extends FanoutOptions {
  /** `--aws-regions`. Required until enabled-Region discovery exists (see docs/permissions.md). */
  regions: string[];
  /** `--aws-profile`. */
  profile?: string;
  /** Explicit credentials (embedding); default the SDK chain. Never logged or stored. */
  credentials?: AwsCredentials;
  /** Explicit endpoint for every service; normally absent so AWS_ENDPOINT_URL[_<SERVICE>] apply. */
  endpoint?: string;
  /** SDK attempts per call (adaptive retry). Default 5. */
  maxAttempts?: number;
  /** Keys read at once per account+Region. Default 16. */
  kmsConcurrency?: number;
  /** (account, Region) pairs read at once. Default 4. */
  regionConcurrency?: number;
  /** KMS requests/s per operation (overrides the documented quotas; see kms/quotas.ts). */
  kmsRates?: Record<string, number>;
  /** Call kms:GetKeyLastUsage. Default true. */
  lastUsage?: boolean;
  /** Read CloudTrail trail configuration (DescribeTrails, GetTrailStatus, GetEventSelectors). Default true. */
  trails?: boolean;
  /** Read KMS usage events through LookupEvents for this window (at most the last 90 days). */
  events?: { from: Date; to: Date };
}

export interface AwsCollectContext {
  clock: Clock;
  signal?: AbortSignal;
  /** Time source for request pacing (LookupEvents 2/s); default the real timers. */
  pace?: PaceClock;
}

export interface AwsCollected {
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
  /** KMS usage events (only when `events` was asked for), sorted by time then event id. */
  events: KeyEvent[];
  /** For Inventory.scope.aws: what was scanned. */
  scope: { accounts: string[]; regions: string[]; organization: boolean; collectedAt: string };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byScope = (a: Gap, b: Gap) => {
  const ka = `${a.scope}\u0000${a.resource?.id ?? ''}`;
  const kb = `${b.scope}\u0000${b.resource?.id ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export async function collectAws(options: AwsCollectOptions, ctx: AwsCollectContext): Promise<AwsCollected> {
  const collectedAt = ctx.clock.now().toISOString();
  const base = {
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  };
  const regions = [...new Set(options.regions)].sort();
  const { targets, gaps } = await resolveAccounts(base, { ...options, ...(options.homeRegion === undefined && regions[0] !== undefined ? { homeRegion: regions[0] } : {}) });
  const pairs = targets.flatMap((t) => regions.map((region) => ({ target: t, region })));
  const results = await mapLimited(pairs, options.regionConcurrency ?? 4, async ({ target, region }) => {
    if (ctx.signal?.aborted === true) return undefined;
    const clientOptions = { ...base, region, ...(target.credentials !== undefined ? { credentials: target.credentials } : {}) };
    const client = paceKmsClient(kmsClient(clientOptions), { clock: ctx.pace ?? realPaceClock, ...(options.kmsRates !== undefined ? { rates: options.kmsRates } : {}) });
    const trailClient = options.trails === false ? undefined : cloudTrailClient(clientOptions);
    try {
      const [kms, trails, usage] = await Promise.all([
        collectKmsRegion(
          { account: target.account, region, client },
          { ...(options.kmsConcurrency !== undefined ? { concurrency: options.kmsConcurrency } : {}), ...(options.lastUsage !== undefined ? { lastUsage: options.lastUsage } : {}) },
        ),
        trailClient === undefined ? { logging: [], gaps: [] } : readTrails({ account: target.account, region, client: trailClient }),
        options.events === undefined
          ? { events: [], gaps: [] }
          : withClient(cloudTrailClient(clientOptions), (c) =>
              lookupKmsEvents({ account: target.account, region, client: c }, { ...options.events!, pace: ctx.pace ?? realPaceClock }),
            ),
      ]);
      return { ...kms, logging: trails.logging, events: usage.events, region, gaps: [...kms.gaps, ...trails.gaps, ...usage.gaps] };
    } finally {
      client.destroy();
      trailClient?.destroy();
    }
  });
  const keys: KeyRecord[] = [];
  const containers: KeyContainer[] = [];
  const logging: LoggingConfig[] = [];
  const events: KeyEvent[] = [];
  const loggingReadIn: string[] = [];
  for (const r of results) {
    if (r === undefined) continue;
    keys.push(...r.keys);
    containers.push(...r.containers);
    gaps.push(...r.gaps);
    events.push(...r.events);
    for (const l of r.logging) {
      logging.push(l);
      loggingReadIn.push(r.region);
    }
  }
  return {
    keys: keys.sort(byId),
    containers: containers.sort(byId),
    logging: dedupeTrails(logging, loggingReadIn),
    gaps: gaps.sort(byScope),
    events: events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)),
    scope: { accounts: targets.map((t) => t.account), regions, organization: options.organization === true, collectedAt },
  };
}

export { READ_ONLY_OPERATIONS, ReadOnlyViolation, guardClient } from './guard.js';
export type { AwsCredentials } from './clients.js';

/** Runs `fn` with a client of its own (LookupEvents is paced separately) and destroys it after. */
async function withClient<C extends { destroy(): void }, T>(client: C, fn: (client: C) => Promise<T>): Promise<T> {
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}
