import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/model.js';
import { readTrend } from '../../../src/state/history.js';
import { StateStore } from '../../../src/state/store.js';

function finding(id: string, account: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'aws-kms-auto-rotation-enabled',
    kind: 'policy',
    severity: 'medium',
    status: 'fail',
    message: `rotation off on ${id}`,
    resource: { provider: 'aws', account, region: 'eu-west-1', id },
    evidence: {},
    fingerprint: createHash('sha256').update(`${account}/${id}`).digest('hex'),
    ...extra,
  };
}

/** Records one scan the way runScan does: assess, then commit. */
function scan(store: StateStore, id: string, at: string, findings: Finding[], covered: string[]) {
  const assessment = store.assess(findings, new Set(covered), at);
  store.commit({ id, startedAt: at, finishedAt: at, toolVersion: '0.1.0', parameters: {}, exitCode: 0 }, findings, assessment);
  return assessment;
}

describe('readTrend (state history)', () => {
  const a = finding('key-a', '111');
  const b = finding('key-b', '111');
  const c = finding('key-c', '222');
  const waived = finding('key-w', '111', { status: 'suppressed', waiver: { reason: 'accepted' } });
  const spike = finding('role-x', '111', { ruleId: 'anomaly/op-spike', kind: 'anomaly' });

  function history() {
    const file = join(mkdtempSync(join(tmpdir(), 'kw-history-')), 'state.db');
    const store = StateStore.open(file);
    scan(store, 'kw-1', '2026-10-01T00:00:00.000Z', [a, b, c, waived, spike], ['aws:111', 'aws:222']);
    // b fixed in 111; 222 not covered, so c is not fixed although absent; the anomaly is never "fixed"
    scan(store, 'kw-2', '2026-10-08T00:00:00.000Z', [a, waived], ['aws:111']);
    // 222 covered again without c: now c is fixed
    scan(store, 'kw-3', '2026-10-15T00:00:00.000Z', [a, waived], ['aws:111', 'aws:222']);
    store.close();
    return file;
  }

  it('gives per scan the findings reported, open (not waived), new and fixed, oldest first', () => {
    const trend = readTrend(history());
    expect(trend).toEqual([
      { scanId: 'kw-1', at: '2026-10-01T00:00:00.000Z', findings: 5, open: 4, new: 5, fixed: 0 },
      { scanId: 'kw-2', at: '2026-10-08T00:00:00.000Z', findings: 2, open: 1, new: 0, fixed: 1 },
      { scanId: 'kw-3', at: '2026-10-15T00:00:00.000Z', findings: 2, open: 1, new: 0, fixed: 1 },
    ]);
  });

  it('appends the current (uncommitted) run with its exact fixed list and keeps only the last points', () => {
    const file = history();
    const d = finding('key-d', '111');
    const current = {
      run: { id: 'kw-4', startedAt: '2026-10-22T00:00:00.000Z', finishedAt: '2026-10-22T00:00:00.000Z', parameters: {}, scope: {} },
      findings: [d],
      fixed: [{ ruleId: a.ruleId, fingerprint: a.fingerprint, resourceId: a.resource.id, firstSeen: '2026-10-01T00:00:00.000Z', lastSeen: '2026-10-15T00:00:00.000Z' }],
    };
    const trend = readTrend(file, current, 2);
    expect(trend.map((p) => p.scanId)).toEqual(['kw-3', 'kw-4']);
    expect(trend[1]).toEqual({ scanId: 'kw-4', at: '2026-10-22T00:00:00.000Z', findings: 1, open: 1, new: 1, fixed: 1 });
  });

  it('never writes to the state file', () => {
    const file = history();
    const before = readFileSync(file);
    readTrend(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(() => readTrend(join(tmpdir(), 'kw-no-such-state.db'))).toThrow();
  });
});
