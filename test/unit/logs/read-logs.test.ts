import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { KeyEvent } from '../../../src/core/model.js';
import { readLogBatches, readLogs, type ReadLogsOptions } from '../../../src/logs/index.js';

const FIX = 'test/fixtures/logs';

async function read(paths: string[], opts: ReadLogsOptions = {}) {
  const { events, result } = readLogs(paths, opts);
  const out: KeyEvent[] = [];
  for await (const e of events) out.push(e);
  return { events: out, ...(await result) };
}

const formats: [string, string, number][] = [
  ['aws/111122223333_CloudTrail_us-east-1_20240501T1000Z_fixture.json', 'cloudtrail-s3', 7],
  ['aws/lookup-events.json', 'cloudtrail-lookup-events', 2],
  ['aws/cloudtrail-lake-export.ndjson', 'cloudtrail-ndjson', 3],
  ['azure/PT1H.json', 'azure-auditevent-ndjson', 5],
  ['azure/auditevent-records.json', 'azure-auditevent-records', 2],
  ['azure/azkvauditlogs-export.json', 'azure-log-analytics-array', 3],
  ['azure/azurediagnostics-export.ndjson', 'azure-log-analytics-ndjson', 3],
  ['gcp/gcloud-logging-read.json', 'gcp-logentry-array', 5],
  ['gcp/00_00_00_00_59_59_S0.json', 'gcp-logentry-ndjson', 3],
];

describe('readLogs on each native format', () => {
  it.each(formats)('%s is read as %s, plain and gzip alike', async (file, format, count) => {
    const plain = await read([join(FIX, file)]);
    expect(plain.inputs[0]?.format).toBe(format);
    expect(plain.events.length).toBe(count);
    expect(plain.gaps).toEqual([]);
    const gz = await read([join(FIX, 'gz', `${file.replace('/', '-')}.gz`)]);
    expect(gz.inputs[0]?.format).toBe(`${format}+gzip`);
    expect(gz.events.map(({ origin: _o, ...e }) => e)).toEqual(plain.events.map(({ origin: _o, ...e }) => e));
  });

  it('records each input with the sha256 and size of its raw bytes', async () => {
    const file = join(FIX, 'gz/aws-cloudtrail-lake-export.ndjson.gz');
    const { inputs } = await read([file]);
    const raw = readFileSync(file);
    expect(inputs).toEqual([
      { path: file, sha256: createHash('sha256').update(raw).digest('hex'), bytes: raw.length, kind: 'logs', format: 'cloudtrail-ndjson+gzip', records: 4, malformed: 0, duplicates: 0, skipped: 1 },
    ]);
  });

  it('counts a re-delivered CloudTrail event once and skips non-KMS events', async () => {
    const { events, inputs, stats } = await read([join(FIX, 'aws/111122223333_CloudTrail_us-east-1_20240501T1000Z_fixture.json')]);
    expect(stats).toMatchObject({ records: 9, events: 7, skipped: 1, duplicates: 1 });
    expect(inputs[0]?.duplicates).toBe(1);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(7);
    expect(events[0]?.origin).toEqual({ file: join(FIX, 'aws/111122223333_CloudTrail_us-east-1_20240501T1000Z_fixture.json'), line: 1, format: 'cloudtrail-s3' });
  });

  it('deduplicates across files and formats of the same trail', async () => {
    const { stats } = await read([join(FIX, 'aws/cloudtrail-lake-export.ndjson'), join(FIX, 'aws/lookup-events.json')]);
    expect(stats.events).toBe(3);
    expect(stats.duplicates).toBe(2);
  });

  it('reads folders recursively in sorted order', async () => {
    const { inputs, events } = await read([join(FIX, 'azure'), join(FIX, 'gcp')]);
    expect(inputs.map((i) => i.path)).toEqual([
      'azure/PT1H.json', 'azure/auditevent-records.json', 'azure/azkvauditlogs-export.json', 'azure/azurediagnostics-export.ndjson',
      'gcp/00_00_00_00_59_59_S0.json', 'gcp/gcloud-logging-read.json',
    ].map((p) => join(FIX, p)));
    // The same Key Vault events in storage, AZKVAuditLogs and AzureDiagnostics layouts count once.
    expect(events.filter((e) => e.provider === 'azure').length).toBe(5);
    expect(events.filter((e) => e.provider === 'gcp').length).toBe(5);
  });

  it('applies --since (inclusive) and --until (exclusive)', async () => {
    const { events, stats } = await read([join(FIX, 'aws/cloudtrail-lake-export.ndjson')], { since: new Date('2024-05-01T10:02:00Z'), until: new Date('2024-05-01T10:03:00Z') });
    expect(events.map((e) => e.time)).toEqual(['2024-05-01T10:02:00.000Z']);
    expect(stats.outOfWindow).toBe(2);
  });
});

describe('readLogs on damaged input', () => {
  it('reports malformed lines with file, count and first line, and keeps the good records', async () => {
    const file = join(FIX, 'problems/malformed.ndjson');
    const { events, gaps, inputs } = await read([file]);
    expect(events.map((e) => e.origin?.line)).toEqual([1, 3, 6]);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ source: 'log-reader', code: 'MalformedRecord', count: 2, file, line: 2, scope: `${file}:2`, retryable: false });
    expect(gaps[0]?.message).toContain('line 2, line 4');
    expect(inputs[0]?.malformed).toBe(2);
  });

  it('keeps the events read before a gzip stream is cut and reports TruncatedFile', async () => {
    const file = join(FIX, 'problems/truncated.json.gz');
    const { events, gaps, inputs } = await read([file]);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(200);
    expect(gaps.map((g) => g.code)).toEqual(['TruncatedFile']);
    expect(gaps[0]?.file).toBe(file);
    expect(inputs[0]?.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('keeps the records of a small gzip file cut before its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-logs-'));
    const file = join(dir, 'small-cut.json.gz');
    const whole = gzipSync(readFileSync(join(FIX, 'aws/cloudtrail-lake-export.ndjson')));
    writeFileSync(file, whole.subarray(0, whole.length - 12));
    const { events, gaps } = await read([file]);
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(gaps).toEqual([expect.objectContaining({ code: 'TruncatedFile', file })]);
  });

  it('reports a plain JSON document that ends inside a value', async () => {
    const { events, gaps } = await read([join(FIX, 'problems/truncated-plain.json')]);
    expect(events.length).toBe(2);
    expect(gaps.map((g) => g.code)).toEqual(['TruncatedFile']);
  });

  it('accepts empty files and empty record arrays without gaps', async () => {
    const { events, gaps, inputs } = await read([join(FIX, 'problems/empty.json'), join(FIX, 'problems/empty-records.json')]);
    expect(events).toEqual([]);
    expect(gaps).toEqual([]);
    expect(inputs.map((i) => i.bytes)).toEqual([0, 14]);
  });

  it('skips a record over the size limit with a RecordTooLarge gap', async () => {
    const file = join(FIX, 'problems/huge-line.ndjson');
    const { events, gaps } = await read([file], { maxRecordBytes: 4096 });
    expect(events.map((e) => e.origin?.line)).toEqual([1, 3]);
    expect(gaps).toEqual([expect.objectContaining({ code: 'RecordTooLarge', file, line: 2, count: 1 })]);
    expect((await read([file])).events.length).toBe(3);
  });

  it('handles a multi-megabyte line with the default limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-logs-'));
    const file = join(dir, 'big.ndjson');
    const small = readFileSync(join(FIX, 'aws/cloudtrail-lake-export.ndjson'), 'utf8').split('\n')[0] as string;
    writeFileSync(file, `${small}\n{"eventSource":"kms.amazonaws.com","pad":"${'z'.repeat(3 << 20)}"}\n${small.replace('evt-0001', 'evt-9999')}\n`);
    const { events, gaps } = await read([file]);
    expect(events.length).toBe(2);
    expect(gaps).toEqual([expect.objectContaining({ code: 'RecordTooLarge', line: 2 })]);
  });

  it('reports unknown formats and missing paths as gaps, and still reads the rest', async () => {
    const { events, gaps } = await read([join(FIX, 'problems/unknown.txt'), join(FIX, 'no-such-file.json'), join(FIX, 'aws/lookup-events.json')]);
    expect(events.length).toBe(2);
    expect(gaps.map((g) => g.code).sort()).toEqual(['FileNotFound', 'UnknownFormat']);
  });

  it('reads a trail folder holding digest files without gaps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-logs-'));
    writeFileSync(join(dir, 'digest.json'), '{"awsAccountId":"111122223333","digestStartTime":"2024-05-01T09:00:00Z","logFiles":[]}');
    writeFileSync(join(dir, 'log.json'), readFileSync(join(FIX, 'aws/111122223333_CloudTrail_us-east-1_20240501T1000Z_fixture.json')));
    const { events, gaps, inputs } = await read([dir]);
    expect(gaps).toEqual([]);
    expect(events.length).toBe(7);
    expect(inputs.map((i) => i.format)).toEqual(['cloudtrail-digest', 'cloudtrail-s3']);
  });

  it('settles the result with what was read when the consumer stops early', async () => {
    const { events, result } = readLogs([join(FIX, 'azure/PT1H.json'), join(FIX, 'gcp')]);
    let n = 0;
    for await (const _ of events) if (++n === 2) break;
    const r = await result;
    expect(r.stats.events).toBeGreaterThanOrEqual(2); // whole batches are counted
    expect(r.inputs).toEqual([]);
  });
});

describe('readLogBatches', () => {
  it('yields the same events as readLogs, in batches', async () => {
    const paths = [join(FIX, 'aws'), join(FIX, 'gcp')];
    const { batches, result } = readLogBatches(paths);
    const flat: KeyEvent[] = [];
    for await (const b of batches) {
      expect(b.length).toBeGreaterThan(0);
      flat.push(...b);
    }
    expect(flat).toEqual((await read(paths)).events);
    expect((await result).stats.events).toBe(flat.length);
  });
});
