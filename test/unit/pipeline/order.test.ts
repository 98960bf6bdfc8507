// The scan feeds usage and the detectors one pass in event time: log files merged by time, live
// events merged in, what the reorder window could not repair reported as a gap.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeyEvent } from '../../../src/core/model.js';
import { TimeWindowReorder, type TimedEvent } from '../../../src/logs/index.js';
import type { DetectionFactory } from '../../../src/pipeline/detection.js';
import { outOfOrderGap } from '../../../src/pipeline/order.js';
import { runScan } from '../../../src/pipeline/scan.js';

const T0 = Date.parse('2026-10-20T00:00:00Z');
const MIN = 60_000;
const clock = { now: () => new Date('2026-11-01T00:00:00Z') };

function event(minutes: number, id: string): KeyEvent {
  return {
    time: new Date(T0 + minutes * MIN).toISOString(),
    provider: 'aws',
    account: '111122223333',
    region: 'us-east-1',
    keyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
    operation: { raw: 'Decrypt', class: 'decrypt', readOnly: true },
    principal: { id: 'arn:aws:iam::111122223333:role/app', type: 'role' },
    outcome: 'success',
    eventId: id,
  };
}

function cloudTrailLine(minutes: number, id: string): string {
  return JSON.stringify({
    eventVersion: '1.08', eventTime: new Date(T0 + minutes * MIN).toISOString(), eventSource: 'kms.amazonaws.com', awsRegion: 'us-east-1', eventID: id, eventName: 'Decrypt',
    recipientAccountId: '111122223333', sourceIPAddress: '203.0.113.10', readOnly: true,
    userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:s', arn: 'arn:aws:sts::111122223333:assumed-role/app/s', accountId: '111122223333' },
    resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: 'arn:aws:kms:us-east-1:111122223333:key/k1' }],
  });
}

/** A detection double that records the order in which events reach it. */
function recording(seen: string[]): DetectionFactory {
  return () =>
    Promise.resolve({
      rules: [],
      observe: (e: KeyEvent) => void seen.push(e.eventId),
      finish: () => ({ findings: [], snapshot: undefined, stats: {}, gaps: [] }),
    });
}

describe('TimeWindowReorder', () => {
  const item = (ms: number, rec: number): TimedEvent => ({ event: event(ms, String(rec)), ms, src: 0, rec });

  it('never holds more than the events of one window, and releases them in time order', () => {
    const out: number[] = [];
    const reorder = new TimeWindowReorder((e) => out.push(e.ms), 10);
    let maxHeld = 0;
    // 10,000 events one unit apart, each swapped with its neighbour (out of order by one unit).
    for (let i = 0; i < 10_000; i += 2) {
      reorder.push(item(i + 1, i + 1));
      reorder.push(item(i, i));
      maxHeld = Math.max(maxHeld, reorder.size);
    }
    reorder.flush();
    expect(out).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(maxHeld).toBeLessThanOrEqual(12);
    expect(reorder.peak).toBeLessThanOrEqual(12);
    expect(reorder.late).toBe(0);
  });

  it('releases a too-late event at once and counts it', () => {
    const out: number[] = [];
    const reorder = new TimeWindowReorder((e) => out.push(e.ms), 10);
    for (const ms of [0, 50, 100, 3, 101]) reorder.push(item(ms, ms));
    reorder.flush();
    expect(out).toEqual([0, 50, 3, 100, 101]);
    expect(reorder.late).toBe(1);
    expect(reorder.maxLatenessMs).toBe(47);
  });
});

describe('outOfOrderGap', () => {
  it('is absent when every event was in order and counts the late ones otherwise', () => {
    const base = { reorderWindowMs: 3_600_000, late: 0, maxLatenessMs: 0, reorderPeak: 10, openFilesPeak: 1, probedFiles: 0, sortedFiles: 0 };
    expect(outOfOrderGap(base)).toBeUndefined();
    const gap = outOfOrderGap({ ...base, late: 1234, maxLatenessMs: 5 * 3_600_000 });
    expect(gap).toMatchObject({ code: 'EventsNotTimeOrdered', scope: 'anomaly-detection', count: 1234 });
    expect(gap?.message).toContain('1,234 events arrived more than the 60 min reorder window');
    expect(gap?.message).toContain('up to 300 min late');
  });
});

describe('runScan event order', () => {
  it('feeds the detectors live events and files merged by time, in one pass', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-order-scan-'));
    writeFileSync(join(cwd, 'b.ndjson'), [cloudTrailLine(5, 'b1'), cloudTrailLine(25, 'b2')].join('\n'));
    writeFileSync(join(cwd, 'a.ndjson'), [cloudTrailLine(10, 'a1'), cloudTrailLine(30, 'a2')].join('\n'));
    // gcloud-style newest first, small enough to be sorted whole.
    writeFileSync(join(cwd, 'c.ndjson'), [cloudTrailLine(40, 'c2'), cloudTrailLine(1, 'c1')].join('\n'));
    const seen: string[] = [];
    const live = { keys: [], containers: [], logging: [], gaps: [], scope: {}, events: [event(0, 'live0'), event(20, 'live20')] };
    const r = await runScan({ cwd, logs: [cwd], live, state: false, formats: ['json'], failOn: 'none', clock, detection: recording(seen) });
    expect(seen).toEqual(['live0', 'c1', 'b1', 'a1', 'live20', 'b2', 'a2', 'c2']);
    expect(r.report.coverage.events).toBe(8);
    expect(r.report.gaps.map((g) => g.code)).not.toContain('EventsNotTimeOrdered');
  });

  it('reports events the window could not put in order, and still counts them', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-order-scan-'));
    // A trail file whose name says 02:00 but which holds an event from 00:01, read after the 01:00 file.
    const trail = (stamp: string, minutes: number[], id: string) =>
      writeFileSync(join(cwd, `111122223333_CloudTrail_us-east-1_20261020T${stamp}Z_${id}.json`), `{"Records":[${minutes.map((m, i) => cloudTrailLine(m, `${id}${i}`)).join(',')}]}`);
    trail('0100', [60, 70, 80, 119], 'a');
    trail('0200', [1, 120, 125], 'b');
    const seen: string[] = [];
    const r = await runScan({ cwd, logs: [cwd], state: false, formats: ['json'], failOn: 'none', clock, detection: recording(seen), reorderWindowMs: 30 * MIN });
    expect(seen).toEqual(['a0', 'a1', 'a2', 'b0', 'a3', 'b1', 'b2']);
    expect(r.report.coverage.events).toBe(7);
    expect(r.report.gaps.find((g) => g.code === 'EventsNotTimeOrdered')).toMatchObject({ count: 1 });
  });
});
