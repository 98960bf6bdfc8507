// Public entry point of the AWS collectors: `collectAws` resolves the accounts (caller, --aws-accounts
// or the organisation), reads each one (./account.ts) with bounded concurrency, reads CloudTrail Lake
// once when an event data store is given, and returns the inventory part, usage events and gaps.
// Read-only by construction: every client comes from ./clients.ts and passes through ./guard.ts.
import type { Clock } from '../../core/clock.js';
import type { Gap, KeyContainer, KeyEvent, KeyRecord, LoggingConfig } from '../../core/model.js';
import { silentProgress, type ProgressSink } from '../progress.js';
import { collectAccount, type LogSourceChoice } from './account.js';
import { cloudTrailClient, type AwsCredentials } from './clients.js';
import { readLakeKmsEvents } from './cloudtrail/lake.js';
import { dedupeTrails } from './cloudtrail/trails.js';
import { resolveAccounts, type FanoutOptions } from './fanout.js';
import { mapLimited } from './limit.js';
import { realPaceClock, type PaceClock } from './pace.js';

export interface AwsCollectOptions extends FanoutOptions {
  /** `--aws-regions`; absent = each account's enabled Regions (EC2 DescribeRegions). */
  regions?: string[];
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
  /** Regions read at once per account. Default 4. */
  regionConcurrency?: number;
  /** Accounts read at once. Default 4. */
  accountConcurrency?: number;
  /** KMS requests/s per operation (overrides the documented quotas; see kms/quotas.ts). */
  kmsRates?: Record<string, number>;
  /**
   * Read each Region's KMS in its own worker thread (own client, guard and pacers; needs the built
   * dist/ code, static credentials or the default chain, and the real clock). Default true: 10,000 keys
   * in 3 Regions took 117 s instead of 191 s on a loaded 2-core machine (docs/aws.md "Speed").
   */
  kmsWorkers?: boolean;
  /** Call kms:GetKeyLastUsage. Default true. */
  lastUsage?: boolean;
  /** Read CloudTrail trail configuration. Default true. */
  trails?: boolean;
  /** Read IAM identity policies (GetAccountAuthorizationDetails). Default true. */
  iam?: boolean;
  /** Read KMS usage events for this window. */
  events?: { from: Date; to: Date };
  /** `--aws-event-data-store`: read events from this CloudTrail Lake store (ARN or id) instead. */
  eventDataStore?: string;
  /** `--aws-log-source`: auto (S3 files of a trail, else LookupEvents), s3, lookup. Default auto; lake when eventDataStore is set. */
  logSource?: Exclude<LogSourceChoice, 'lake'>;
}

export interface AwsCollectContext {
  clock: Clock;
  signal?: AbortSignal;
  /** Time source for request pacing (KMS quotas, LookupEvents 2/s); default the real timers. */
  pace?: PaceClock;
  progress?: ProgressSink;
}

export interface AwsCollected {
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
  /** KMS usage events (only when `events` was asked for), sorted by time then event id. */
  events: KeyEvent[];
  /** For Inventory.scope.aws: what was scanned (never a credential). */
  scope: { accounts: string[]; regions: string[]; organization: boolean; collectedAt: string; logSources?: Record<string, string> };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const gapKey = (g: Gap) => `${g.scope}\u0000${g.resource?.id ?? ''}\u0000${g.code}`;
const byScope = (a: Gap, b: Gap) => (gapKey(a) < gapKey(b) ? -1 : gapKey(a) > gapKey(b) ? 1 : 0);
const byTime = (a: KeyEvent, b: KeyEvent) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

export async function collectAws(options: AwsCollectOptions, ctx: AwsCollectContext): Promise<AwsCollected> {
  const collectedAt = ctx.clock.now().toISOString();
  const progress = ctx.progress ?? silentProgress;
  const pace = ctx.pace ?? realPaceClock;
  const base = {
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  };
  const regions = options.regions === undefined || options.regions.length === 0 ? undefined : [...new Set(options.regions)].sort();
  const homeRegion = options.homeRegion ?? regions?.[0] ?? 'us-east-1';
  const { targets, gaps } = await resolveAccounts(base, { ...options, homeRegion });
  if (targets.length > 1) progress.note(`aws: reading ${targets.length} accounts`);
  const lake = options.eventDataStore !== undefined && options.events !== undefined;
  const accounts = await mapLimited(targets, options.accountConcurrency ?? 4, (target) =>
    collectAccount(target, {
      base,
      ...(regions !== undefined ? { regions } : {}),
      homeRegion,
      regionConcurrency: options.regionConcurrency ?? 4,
      ...(options.kmsConcurrency !== undefined ? { kmsConcurrency: options.kmsConcurrency } : {}),
      ...(options.kmsRates !== undefined ? { kmsRates: options.kmsRates } : {}),
      ...(options.kmsWorkers !== undefined ? { kmsWorkers: options.kmsWorkers } : {}),
      ...(options.lastUsage !== undefined ? { lastUsage: options.lastUsage } : {}),
      trails: options.trails !== false,
      iam: options.iam !== false,
      ...(options.events !== undefined ? { events: options.events } : {}),
      logSource: lake ? 'lake' : (options.logSource ?? 'auto'),
      pace,
      progress,
      ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
    }),
  );
  const keys: KeyRecord[] = [];
  const containers: KeyContainer[] = [];
  const logging: LoggingConfig[] = [];
  const events: KeyEvent[] = [];
  const logSources: Record<string, string> = {};
  for (const a of accounts) {
    keys.push(...a.keys);
    containers.push(...a.containers);
    logging.push(...a.logging);
    gaps.push(...a.gaps);
    events.push(...a.events);
    if (a.logSource !== undefined) logSources[a.account] = a.logSource;
  }
  if (lake) {
    const storeRegion = /^arn:[^:]+:cloudtrail:([^:]+):/.exec(options.eventDataStore!)?.[1] ?? homeRegion;
    const client = cloudTrailClient({ ...base, region: storeRegion });
    try {
      const r = await readLakeKmsEvents({
        client, eventDataStore: options.eventDataStore!, accounts: targets.map((t) => t.account),
        regions: [...new Set(accounts.flatMap((a) => a.regions))].sort(), ...options.events!, pace,
        onRows: (n) => progress.update('aws cloudtrail-lake', 'events', n),
      });
      events.push(...r.events);
      gaps.push(...r.gaps);
      progress.end('aws cloudtrail-lake', 'events', r.events.length);
      for (const k of keys) {
        const used = r.lastUse.get(k.id);
        if (used !== undefined && (k.lastUsedAt === undefined || Date.parse(k.lastUsedAt) < Date.parse(used))) k.lastUsedAt = used;
      }
      for (const t of targets) logSources[t.account] = `cloudtrail-lake:${options.eventDataStore!}`;
    } finally {
      client.destroy();
    }
  }
  const allRegions = regions ?? [...new Set(accounts.flatMap((a) => a.regions))].sort();
  return {
    keys: keys.sort(byId),
    containers: containers.sort(byId),
    // Organisation trails are seen from every account: one record per trail ARN.
    logging: dedupeTrails(logging, logging.map((l) => l.region ?? '')),
    gaps: gaps.sort(byScope),
    events: events.sort(byTime),
    scope: { accounts: targets.map((t) => t.account), regions: allRegions, organization: options.organization === true, collectedAt, ...(Object.keys(logSources).length > 0 ? { logSources } : {}) },
  };
}

export { READ_ONLY_OPERATIONS, ReadOnlyViolation, guardClient } from './guard.js';
export type { AwsCredentials } from './clients.js';
