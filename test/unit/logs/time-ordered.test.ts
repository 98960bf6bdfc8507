// readLogsInTimeOrder: one pass in event time over many files, with memory bounded by the reorder
// window and the files open at once, never by the number of events.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { KeyEvent } from '../../../src/core/model.js';
import { readLogsInTimeOrder, timeFromPath, type TimeOrderOptions } from '../../../src/logs/index.js';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const MIN = 60_000;

/** A CloudTrail KMS Decrypt record at T0 + minutes, with a given event id. */
function record(minutes: number, id: string): Record<string, unknown> {
  return {
    eventVersion: '1.08', eventTime: new Date(T0 + minutes * MIN).toISOString().replace('.000', ''), eventSource: 'kms.amazonaws.com', awsRegion: 'us-east-1',
    requestID: `req-${id}`, eventID: id, eventType: 'AwsApiCall', recipientAccountId: '111122223333', eventName: 'Decrypt', sourceIPAddress: '203.0.113.10',
    userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:s', arn: 'arn:aws:sts::111122223333:assumed-role/app/s', accountId: '111122223333' },
    readOnly: true, resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: 'arn:aws:kms:us-east-1:111122223333:key/k1' }],
  };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kw-order-'));
}

/** NDJSON file (no time in its name) with records at the given minutes; ids are prefix-index. */
function ndjson(dir: string, name: string, minutes: number[], prefix = name): string {
  const path = join(dir, name);
  writeFileSync(path, minutes.map((m, i) => JSON.stringify(record(m, `${prefix}-${i}`))).join('\n') + '\n');
  return path;
}

/** A CloudTrail S3 delivery file (`{"Records":[...]}`, gzip) whose name carries `stamp`. */
function trailFile(dir: string, stamp: string, minutes: number[], prefix: string): string {
  const path = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', `111122223333_CloudTrail_us-east-1_${stamp}_${prefix}.json.gz`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(JSON.stringify({ Records: minutes.map((m, i) => record(m, `${prefix}-${i}`)) })));
  return path;
}

async function read(paths: string[], opts: TimeOrderOptions = {}) {
  const { batches, result } = readLogsInTimeOrder(paths, opts);
  const events: KeyEvent[] = [];
  for await (const b of batches) events.push(...b);
  return { events, ...(await result) };
}

const times = (events: KeyEvent[]) => events.map((e) => Date.parse(e.time));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('readLogsInTimeOrder', () => {
  it('merges files whose events interleave in time, whatever their path order', async () => {
    const dir = tmp();
    ndjson(dir, 'a.ndjson', [0, 20, 40, 60]);
    ndjson(dir, 'b.ndjson', [10, 30, 50, 70]);
    const r = await read([dir], { reorderWindowMs: 5 * MIN });
    expect(r.events.map((e) => e.eventId)).toEqual(['a.ndjson-0', 'b.ndjson-0', 'a.ndjson-1', 'b.ndjson-1', 'a.ndjson-2', 'b.ndjson-2', 'a.ndjson-3', 'b.ndjson-3']);
    expect(r.order).toMatchObject({ late: 0, probedFiles: 2, sortedFiles: 0 });
    expect(r.inputs.map((i) => i.path)).toEqual([join(dir, 'a.ndjson'), join(dir, 'b.ndjson')]);
    expect(r.stats).toMatchObject({ files: 2, events: 8 });
  });

  it('sorts a small file written newest first (gcloud logging read) and merges it', async () => {
    const dir = tmp();
    ndjson(dir, 'newest-first.ndjson', [300, 200, 100, 0]);
    ndjson(dir, 'other.ndjson', [50, 150, 250]);
    const r = await read([dir], { reorderWindowMs: 5 * MIN });
    expect(times(r.events)).toEqual(sorted(times(r.events)));
    expect(r.events).toHaveLength(7);
    expect(r.order).toMatchObject({ late: 0, sortedFiles: 1 });
  });

  it('orders CloudTrail files by the time in their names without probing them', async () => {
    const dir = tmp();
    // Path order (by id suffix in one folder) is the reverse of time order.
    trailFile(dir, '20240501T0200Z', [120, 125, 130], 'a');
    trailFile(dir, '20240501T0100Z', [60, 65, 70], 'b');
    trailFile(dir, '20240501T0000Z', [0, 5, 10], 'c');
    const r = await read([dir], { reorderWindowMs: 5 * MIN });
    expect(times(r.events)).toEqual(sorted(times(r.events)));
    expect(r.order).toMatchObject({ late: 0, probedFiles: 0, openFilesPeak: 1 });
  });

  it('puts events a little before their file name time back in order within the window', async () => {
    const dir = tmp();
    trailFile(dir, '20240501T0010Z', [10, 12, 14], 'a');
    // Named 00:20 but holds events from 00:05: earlier than events already merged from file a.
    trailFile(dir, '20240501T0020Z', [5, 20, 25], 'b');
    const r = await read([dir], { reorderWindowMs: 30 * MIN });
    expect(times(r.events)).toEqual(sorted(times(r.events)));
    expect(r.order.late).toBe(0);
  });

  it('holds no more than a window of events, however many the input has', async () => {
    const dir = tmp();
    // Three files, 2,000 events each, one every 3 minutes, interleaved: 100 hours of events.
    for (const [i, name] of ['x', 'y', 'z'].entries()) ndjson(dir, `${name}.ndjson`, Array.from({ length: 2000 }, (_, k) => k * 3 + i));
    const r = await read([dir], { reorderWindowMs: 30 * MIN });
    expect(r.events).toHaveLength(6000);
    expect(times(r.events)).toEqual(sorted(times(r.events)));
    // One event a minute: the window holds 30 minutes of them (plus the one that pushes it on).
    expect(r.order.reorderPeak).toBeLessThanOrEqual(32);
    expect(r.order.openFilesPeak).toBe(3);
  });

  it('passes on and counts events that arrive later than the window', async () => {
    const dir = tmp();
    // Larger than sortFileCap, so streamed as is: the jump back by 10 hours cannot be repaired.
    ndjson(dir, 'shuffled.ndjson', [0, 600, 601, 620, 1, 2, 621]);
    const r = await read([dir], { reorderWindowMs: 5 * MIN, sortFileCap: 4 });
    expect(times(r.events)).toEqual([0, 600, 601, 1, 2, 620, 621].map((m) => T0 + m * MIN));
    expect(r.order.late).toBe(2);
    expect(r.order.maxLatenessMs).toBe(600 * MIN);
    expect(r.order.sortedFiles).toBe(0);
  });

  it('keeps the first copy of a duplicate in path order and counts it against the later file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, '1.ndjson'), [JSON.stringify(record(5, 'dup')), JSON.stringify(record(6, 'one'))].join('\n'));
    writeFileSync(join(dir, '2.ndjson'), [JSON.stringify(record(1, 'two')), JSON.stringify(record(5, 'dup'))].join('\n'));
    const r = await read([dir]);
    expect(r.events.map((e) => e.eventId)).toEqual(['two', 'dup', 'one']);
    expect(r.events[1]?.origin?.file).toBe(join(dir, '1.ndjson'));
    expect(r.inputs.map((i) => i.duplicates)).toEqual([0, 1]);
    expect(r.stats.duplicates).toBe(1);
  });

  it('merges events handed in (live collection) by time, before file events at the same time', async () => {
    const dir = tmp();
    ndjson(dir, 'f.ndjson', [0, 10, 20]);
    const template = (await read([dir])).events[1]!;
    const extra = [10, 15].map((m, i) => ({ ...template, time: new Date(T0 + m * MIN).toISOString(), eventId: `live-${i}` }));
    const r = await read([dir], { extra });
    expect(r.events.map((e) => e.eventId)).toEqual(['f.ndjson-0', 'live-0', 'f.ndjson-1', 'live-1', 'f.ndjson-2']);
    expect(r.stats.events).toBe(5);
  });

  it('applies --since/--until to file events and counts what it drops', async () => {
    const dir = tmp();
    ndjson(dir, 'f.ndjson', [0, 10, 20, 30]);
    const r = await read([dir], { since: new Date(T0 + 10 * MIN), until: new Date(T0 + 30 * MIN) });
    expect(times(r.events)).toEqual([T0 + 10 * MIN, T0 + 20 * MIN]);
    expect(r.stats.outOfWindow).toBe(2);
  });

  it('reports missing paths as gaps, like readLogs', async () => {
    const r = await read(['/nonexistent/kw-logs']);
    expect(r.events).toEqual([]);
    expect(r.gaps.map((g) => g.code)).toEqual(['FileNotFound']);
  });
});

describe('timeFromPath', () => {
  it('reads the time of CloudTrail, Azure storage and Cloud Storage sink layouts', () => {
    expect(timeFromPath('/x/AWSLogs/1/CloudTrail/eu-west-1/2024/05/01/111122223333_CloudTrail_eu-west-1_20240501T1335Z_abc.json.gz')).toBe(Date.parse('2024-05-01T13:35:00Z'));
    expect(timeFromPath('/c/resourceId=/SUBSCRIPTIONS/S/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/V/y=2024/m=05/d=01/h=13/m=00/PT1H.json')).toBe(Date.parse('2024-05-01T13:00:00Z'));
    expect(timeFromPath('/b/cloudaudit.googleapis.com/data_access/2024/05/01/13:00:00_13:59:59_S0.json')).toBe(Date.parse('2024-05-01T13:00:00Z'));
  });

  it('says nothing for other names and for impossible dates', () => {
    expect(timeFromPath('/x/lookup-events.json')).toBeUndefined();
    expect(timeFromPath('/x/2024-05-01.ndjson.gz')).toBeUndefined();
    expect(timeFromPath('/x/1_CloudTrail_us-east-1_20241301T0000Z_a.json.gz')).toBeUndefined();
  });
});
