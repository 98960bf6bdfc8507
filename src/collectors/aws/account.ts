// One account: its Regions (given, or the enabled ones), IAM once (global), KMS and trails per Region,
// then its KMS usage events from the best log source it can read (see chooseLogSource).
import type { Gap, KeyContainer, KeyEvent, KeyRecord, LoggingConfig } from '../../core/model.js';
import type { ProgressSink } from '../progress.js';
import { cloudTrailClient, iamClient, kmsClient, s3Client, type AwsClientOptions } from './clients.js';
import { lookupKmsEvents } from './cloudtrail/lookup.js';
import { readS3KmsEvents, type TrailBucket } from './cloudtrail/s3-logs.js';
import { CLOUDTRAIL_SOURCE, dedupeTrails, readTrails } from './cloudtrail/trails.js';
import { awsGap, awsScope } from './errors.js';
import type { AccountTarget } from './fanout.js';
import { readIamAccount } from './iam/read.js';
import { collectKmsRegion } from './kms/collect.js';
import { canReadInWorker, collectKmsRegionInWorker } from './kms/in-worker.js';
import { paceKmsClient } from './kms/quotas.js';
import { mapLimited } from './limit.js';
import { realPaceClock, type PaceClock } from './pace.js';
import { enabledRegions } from './regions.js';

export type LogSourceChoice = 'auto' | 's3' | 'lookup' | 'lake';

export interface AccountOptions {
  base: Omit<AwsClientOptions, 'region'>;
  /** Absent: the account's enabled Regions. */
  regions?: string[];
  homeRegion: string;
  regionConcurrency: number;
  kmsConcurrency?: number;
  kmsRates?: Record<string, number>;
  /** Read each Region's KMS in a worker thread when possible (see kms/in-worker.ts). Default true. */
  kmsWorkers?: boolean;
  lastUsage?: boolean;
  trails: boolean;
  iam: boolean;
  events?: { from: Date; to: Date };
  logSource: LogSourceChoice;
  pace: PaceClock;
  progress: ProgressSink;
  signal?: AbortSignal;
}

export interface AccountCollected {
  account: string;
  regions: string[];
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
  events: KeyEvent[];
  /** Where the events came from: 's3://bucket', 'lookup-events', or absent when none were asked. */
  logSource?: string;
}

/**
 * The trail whose S3 files hold this account's KMS events for every scanned Region: logging, covering
 * KMS read events, multi-Region (or homed in the only scanned Region), with a bucket.
 */
export function chooseTrailBucket(logging: readonly LoggingConfig[], account: string, regions: readonly string[]): TrailBucket | undefined {
  const usable = logging.filter((l) =>
    l.kind === 'cloudtrail-trail' && l.enabled !== false && l.readEvents === true && (l.covers ?? []).includes('kms') &&
    typeof l.raw?.['S3BucketName'] === 'string' && (l.account === account || l.organization === true) &&
    (l.multiRegion === true || (regions.length === 1 && l.region === regions[0])));
  // Prefer the account's own trail (its bucket is more likely readable), then organisation trails.
  usable.sort((a, b) => Number(a.account !== account) - Number(b.account !== account) || (a.id < b.id ? -1 : 1));
  const t = usable[0];
  if (t === undefined) return undefined;
  const prefix = t.raw?.['S3KeyPrefix'];
  return { bucket: t.raw!['S3BucketName'] as string, ...(typeof prefix === 'string' && prefix !== '' ? { prefix: prefix.replace(/\/+$/, '') } : {}), organization: t.organization === true };
}

export async function collectAccount(target: AccountTarget, o: AccountOptions): Promise<AccountCollected> {
  const { account } = target;
  const creds = target.credentials !== undefined ? { credentials: target.credentials } : {};
  const at = (region: string): AwsClientOptions => ({ ...o.base, ...creds, region });
  const gaps: Gap[] = [];
  let regions = o.regions;
  if (regions === undefined) {
    const found = await enabledRegions(account, at(o.homeRegion));
    regions = found.regions;
    gaps.push(...found.gaps);
    o.progress.note(`aws ${account}: ${regions.length} enabled Regions (${regions.join(', ')})`);
  }
  const containers: KeyContainer[] = [];
  const iam = o.iam ? (async () => {
    const client = iamClient(at(o.homeRegion));
    try {
      const r = await readIamAccount(account, client);
      containers.push(r.container);
      gaps.push(...r.gaps);
    } finally {
      client.destroy();
    }
  })() : Promise.resolve();
  // One worker thread per Region when asked and several are read at once (CPU-bound in the SDK).
  const inWorkers = o.kmsWorkers !== false && regions.length > 1 && o.regionConcurrency > 1 && o.pace === realPaceClock && canReadInWorker(at(regions[0] ?? o.homeRegion));
  const perRegion = await mapLimited(regions, o.regionConcurrency, async (region) => {
    if (o.signal?.aborted === true) return undefined;
    const source = `aws ${account} ${region}`;
    const readOptions = {
      ...(o.kmsConcurrency !== undefined ? { concurrency: o.kmsConcurrency } : {}),
      ...(o.lastUsage !== undefined ? { lastUsage: o.lastUsage } : {}),
    };
    const onProgress = (done: number, total: number) => o.progress.update(source, 'keys', done, total);
    if (inWorkers) {
      const trailClient = o.trails ? cloudTrailClient(at(region)) : undefined;
      try {
        const [kms, trails] = await Promise.all([
          collectKmsRegionInWorker({ account, client: at(region), read: readOptions, ...(o.kmsRates !== undefined ? { rates: o.kmsRates } : {}) }, onProgress, o.signal),
          trailClient === undefined ? { logging: [], gaps: [] } : readTrails({ account, region, client: trailClient }),
        ]);
        o.progress.end(source, 'keys', kms.keys.length);
        return { region, kms, trails };
      } finally {
        trailClient?.destroy();
      }
    }
    // Paced at the quotas already: standard retries (throttles from other callers are still retried)
    // spare the adaptive limiter's per-request bookkeeping, the hottest per-call cost after signing.
    const client = paceKmsClient(kmsClient({ ...at(region), retryMode: 'standard' }), { clock: o.pace, ...(o.kmsRates !== undefined ? { rates: o.kmsRates } : {}) });
    const trailClient = o.trails ? cloudTrailClient(at(region)) : undefined;
    try {
      const [kms, trails] = await Promise.all([
        collectKmsRegion({ account, region, client }, { ...readOptions, onProgress }),
        trailClient === undefined ? { logging: [], gaps: [] } : readTrails({ account, region, client: trailClient }),
      ]);
      o.progress.end(source, 'keys', kms.keys.length);
      return { region, kms, trails };
    } finally {
      client.destroy();
      trailClient?.destroy();
    }
  });
  await iam;
  const keys: KeyRecord[] = [];
  const logging: LoggingConfig[] = [];
  const readIn: string[] = [];
  for (const r of perRegion) {
    if (r === undefined) continue;
    keys.push(...r.kms.keys);
    containers.push(...r.kms.containers);
    gaps.push(...r.kms.gaps, ...r.trails.gaps);
    for (const l of r.trails.logging) {
      logging.push(l);
      readIn.push(r.region);
    }
  }
  const trails = dedupeTrails(logging, readIn);
  const out: AccountCollected = { account, regions, keys, containers, logging: trails, gaps, events: [] };
  if (o.events !== undefined && o.logSource !== 'lake') await readEvents(out, trails, at, o);
  return out;
}

async function readEvents(out: AccountCollected, trails: LoggingConfig[], at: (region: string) => AwsClientOptions, o: AccountOptions): Promise<void> {
  const { account, regions } = out;
  const window = o.events!;
  const bucket = o.logSource === 'lookup' ? undefined : chooseTrailBucket(trails, account, regions);
  if (bucket !== undefined) {
    const client = s3Client(at(o.homeRegion));
    try {
      const r = await readS3KmsEvents({ account, regions, client, trail: bucket, ...window, onFile: (n) => o.progress.update(`aws ${account}`, 'log files', n) });
      out.events.push(...r.events);
      out.gaps.push(...r.gaps);
      out.logSource = `s3://${bucket.bucket}`;
      o.progress.end(`aws ${account}`, `events from s3://${bucket.bucket} (${r.files} files)`, r.events.length);
      return;
    } catch (err) {
      const gap = awsGap(CLOUDTRAIL_SOURCE, awsScope(account, 'global', 's3', `ListObjectsV2:s3://${bucket.bucket}`), err);
      gap.message = `cannot read the trail's log files (${gap.message}); fell back to LookupEvents (2 requests/s per Region)`;
      out.gaps.push(gap);
    } finally {
      client.destroy();
    }
  } else if (o.logSource === 's3') {
    out.gaps.push({ source: CLOUDTRAIL_SOURCE, scope: awsScope(account, 'global', 'cloudtrail', 'DescribeTrails'), code: 'NoTrailBucket', message: 'no logging trail with an S3 bucket records KMS events for every scanned Region; fell back to LookupEvents', retryable: false });
  }
  out.logSource = 'lookup-events';
  const results = await Promise.all(regions.map(async (region) => {
    const client = cloudTrailClient(at(region));
    try {
      const r = await lookupKmsEvents({ account, region, client }, { ...window, pace: o.pace });
      o.progress.end(`aws ${account} ${region}`, 'events (LookupEvents)', r.events.length);
      return r;
    } finally {
      client.destroy();
    }
  }));
  for (const r of results) {
    out.events.push(...r.events);
    out.gaps.push(...r.gaps);
  }
}
