// KMS events from a trail's log files in S3: `<prefix>/AWSLogs/[<org id>/]<account>/CloudTrail/<region>/
// YYYY/MM/DD/*.json.gz`, one day prefix per Region and day of the window. Each object is streamed
// through gunzip into the offline reader's JSON splitter ({"Records":[...]}) and mapper, so the events
// are the same as `--logs` on downloaded files; only KMS records are parsed (substring prefilter).
// Listing the bucket is refused → the caller falls back to LookupEvents; one unreadable file is a gap.
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { Gap, KeyEvent } from '../../../core/model.js';
import { JsonArraySplitter } from '../../../logs/json-splitter.js';
import { mapRawRecord } from '../../../logs/records.js';
import { awsGap, awsScope } from '../errors.js';
import { mapLimited } from '../limit.js';
import { CLOUDTRAIL_SOURCE } from './trails.js';

export const S3_LOG_FORMAT = 'aws-cloudtrail-s3';
const MAX_RECORD_BYTES = 1024 * 1024;

export interface TrailBucket {
  bucket: string;
  /** S3KeyPrefix of the trail, without trailing slash; absent when none. */
  prefix?: string;
  organization: boolean;
}

export interface S3LogTarget {
  account: string;
  regions: string[];
  client: S3Client;
  trail: TrailBucket;
  from: Date;
  to: Date;
  /** Objects downloaded at once. Default 8. */
  concurrency?: number;
  onFile?: (filesRead: number) => void;
}

/** The UTC days (YYYY/MM/DD) the window touches, oldest first. */
export function daysOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  while (day.getTime() <= to.getTime()) {
    out.push(`${day.getUTCFullYear()}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}`);
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}

async function listKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
  }
  return keys.sort();
}

/** Organisation trails write under AWSLogs/<o-id>/<account>/: find the o-id prefix(es). */
async function accountRoots(client: S3Client, trail: TrailBucket, account: string): Promise<string[]> {
  const base = `${trail.prefix !== undefined && trail.prefix !== '' ? `${trail.prefix}/` : ''}AWSLogs/`;
  const roots = [`${base}${account}/CloudTrail/`];
  if (!trail.organization) return roots;
  for await (const page of paginateListObjectsV2({ client }, { Bucket: trail.bucket, Prefix: base, Delimiter: '/' })) {
    for (const p of page.CommonPrefixes ?? []) {
      if (p.Prefix !== undefined && /\/o-[a-z0-9]+\/$/.test(p.Prefix)) roots.push(`${p.Prefix}${account}/CloudTrail/`);
    }
  }
  return roots;
}

async function readObject(client: S3Client, bucket: string, key: string, from: number, to: number, events: KeyEvent[]): Promise<{ malformed: number }> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (out.Body === undefined) return { malformed: 0 };
  const origin = { file: `s3://${bucket}/${key}`, format: S3_LOG_FORMAT };
  let malformed = 0;
  const splitter = new JsonArraySplitter('Records', MAX_RECORD_BYTES, (rec) => {
    const mapped = mapRawRecord('cloudtrail', rec.bytes, { ...origin, line: rec.line });
    if (mapped.kind === 'event') {
      const t = Date.parse(mapped.event.time);
      if (t >= from && t <= to) events.push(mapped.event);
    } else if (mapped.kind === 'error') malformed += 1;
  }, () => (malformed += 1), () => (malformed += 1));
  const body = out.Body as Readable;
  const source = key.endsWith('.gz') ? body.pipe(createGunzip()) : body;
  for await (const chunk of source) splitter.push(chunk as Buffer);
  if (splitter.end().truncated) malformed += 1;
  return { malformed };
}

/**
 * Reads the window's log files for one account. Throws when the bucket cannot be listed (the caller
 * decides on a fallback); per-file failures and unreadable records are gaps.
 */
export async function readS3KmsEvents(target: S3LogTarget): Promise<{ events: KeyEvent[]; gaps: Gap[]; files: number }> {
  const { client, trail, account } = target;
  const roots = await accountRoots(client, trail, account);
  const keys: string[] = [];
  for (const root of roots) {
    for (const region of [...target.regions].sort()) {
      for (const day of daysOf(target.from, target.to)) keys.push(...(await listKeys(client, trail.bucket, `${root}${region}/${day}/`)));
    }
  }
  const events: KeyEvent[] = [];
  const gaps: Gap[] = [];
  let malformed = 0;
  let files = 0;
  await mapLimited(keys, target.concurrency ?? 8, async (key) => {
    try {
      malformed += (await readObject(client, trail.bucket, key, target.from.getTime(), target.to.getTime(), events)).malformed;
    } catch (err) {
      gaps.push(awsGap(CLOUDTRAIL_SOURCE, `${awsScope(account, 'global', 's3', 'GetObject')}:s3://${trail.bucket}/${key}`, err));
    }
    files += 1;
    target.onFile?.(files);
  });
  if (malformed > 0) {
    gaps.push({ source: CLOUDTRAIL_SOURCE, scope: awsScope(account, 'global', 's3', `s3://${trail.bucket}`), code: 'MalformedRecord', message: `${malformed} unreadable CloudTrail records or files in s3://${trail.bucket}`, retryable: false, count: malformed });
  }
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return { events, gaps: gaps.sort((a, b) => (a.scope < b.scope ? -1 : 1)), files };
}
