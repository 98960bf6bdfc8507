import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../src/core/errors.js';
import type { Finding, KeyEvent } from '../../../src/core/model.js';
import { refuseUnavailable } from '../../../src/pipeline/collectors.js';
import { LIVE_COLLECTOR_FLAGS } from '../../../src/pipeline/live-flags.js';
import { exitCodeFor, sortFindings, summarize } from '../../../src/pipeline/summary.js';
import { parseTimeFlag, parseWindow } from '../../../src/pipeline/time.js';
import { UsageAccumulator } from '../../../src/pipeline/usage.js';

const now = new Date('2026-11-01T00:00:00Z');

function ev(time: string, id: string, extra: Partial<KeyEvent> = {}): KeyEvent {
  return {
    time,
    provider: 'aws',
    keyId: 'k1',
    operation: { raw: 'Decrypt', class: 'decrypt', readOnly: true },
    principal: { id: 'p1', type: 'role' },
    outcome: 'success',
    eventId: id,
    ...extra,
  };
}

const f = (ruleId: string, severity: Finding['severity'], status: Finding['status'] = 'fail', id = 'r'): Finding => ({
  ruleId,
  kind: 'policy',
  severity,
  status,
  message: 'm',
  resource: { provider: 'aws', account: '1', id },
  evidence: {},
  fingerprint: `${ruleId}${id}`,
});

describe('time window flags', () => {
  it('accepts ISO 8601 and relative durations', () => {
    expect(parseTimeFlag('since', '7d', now).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(parseTimeFlag('since', '12h', now).toISOString()).toBe('2026-10-31T12:00:00.000Z');
    expect(parseTimeFlag('since', '2w', now).toISOString()).toBe('2026-10-18T00:00:00.000Z');
    expect(parseTimeFlag('since', '2026-10-01', now).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(parseTimeFlag('since', '2026-10-01T12:30:00+02:00', now).toISOString()).toBe('2026-10-01T10:30:00.000Z');
  });

  it('rejects nonsense and inverted windows with a usage error', () => {
    expect(() => parseTimeFlag('since', 'last week', now)).toThrow(ToolError);
    expect(() => parseWindow({ since: '1d', until: '2d' }, now)).toThrow(/must be before/);
  });
});

describe('usage summary', () => {
  it('counts per key and remembers the last successful cryptographic use', () => {
    const u = new UsageAccumulator();
    u.observe(ev('2026-10-01T00:00:00Z', '1'));
    u.observe(ev('2026-10-05T00:00:00Z', '2', { outcome: 'failure', errorCode: 'AccessDenied' }));
    u.observe(ev('2026-10-03T00:00:00Z', '3', { operation: { raw: 'DescribeKey', class: 'describe', readOnly: true }, principal: { id: 'p2', type: 'user' } }));
    const s = u.summary();
    expect(s.window).toEqual({ start: '2026-10-01T00:00:00Z', end: '2026-10-05T00:00:00Z' });
    expect(s.keys.k1).toMatchObject({ events: 3, cryptoEvents: 1, failures: 1, principals: 2, lastCryptoUseAt: '2026-10-01T00:00:00Z', operations: { decrypt: 2, describe: 1 } });
  });

  it('counts an event for its key and every other key it names, and events without a key only in the window', () => {
    const u = new UsageAccumulator();
    u.observe(ev('2026-10-02T00:00:00Z', 'a', { operation: { raw: 'ReEncrypt', class: 're-encrypt', readOnly: false }, otherKeyIds: ['k2', '', 'k3'] }));
    u.observe(ev('2026-10-01T00:00:00Z', 'b', { keyId: undefined, principal: { id: 'p9', type: 'user' } }));
    u.observe(ev('2026-10-03T00:00:00Z', 'c', { keyId: 'k2', outcome: 'failure' }));
    const s = u.summary();
    expect(u.events).toBe(3);
    expect(s.window).toEqual({ start: '2026-10-01T00:00:00Z', end: '2026-10-03T00:00:00Z' });
    expect(Object.keys(s.keys)).toEqual(['k1', 'k2', 'k3']);
    expect(s.keys.k1).toEqual({ events: 1, cryptoEvents: 1, failures: 0, firstSeen: '2026-10-02T00:00:00Z', lastSeen: '2026-10-02T00:00:00Z', lastCryptoUseAt: '2026-10-02T00:00:00Z', principals: 1, operations: { 're-encrypt': 1 } });
    expect(s.keys.k2).toEqual({ events: 2, cryptoEvents: 1, failures: 1, firstSeen: '2026-10-02T00:00:00Z', lastSeen: '2026-10-03T00:00:00Z', lastCryptoUseAt: '2026-10-02T00:00:00Z', principals: 1, operations: { 're-encrypt': 1, decrypt: 1 } });
    expect(s.keys.k3!.events).toBe(1);
  });
});

describe('summary and exit code', () => {
  it('fails only on failing findings at or above the threshold', () => {
    const list = [f('a', 'medium'), f('b', 'critical', 'suppressed'), f('c', 'critical', 'unknown')];
    expect(exitCodeFor(list, 'high')).toBe(0);
    expect(exitCodeFor(list, 'medium')).toBe(1);
    expect(exitCodeFor(list, 'none')).toBe(0);
    expect(summarize(list)).toEqual({
      bySeverity: { critical: 2, high: 0, medium: 1, low: 0, info: 0 },
      byProvider: { aws: 3 },
      byStatus: { fail: 1, unknown: 1, suppressed: 1 },
    });
  });

  it('sorts by severity, rule and resource', () => {
    const sorted = sortFindings([f('z', 'low'), f('b', 'high', 'fail', 'r2'), f('b', 'high', 'fail', 'r1'), f('a', 'critical')]);
    expect(sorted.map((x) => `${x.ruleId}/${x.resource.id}`)).toEqual(['a/r', 'b/r1', 'b/r2', 'z/r']);
  });
});

describe('live collectors missing from a build', () => {
  it('refuses their flags with a hint to use offline inputs', () => {
    expect(() => refuseUnavailable({ provider: ['aws'] }, LIVE_COLLECTOR_FLAGS, ['pkcs11'])).toThrow(/live collection \(aws\) not available in this build/);
    expect(() => refuseUnavailable({ 'gcp-projects': 'p' }, LIVE_COLLECTOR_FLAGS, ['pkcs11'])).toThrow(ToolError);
    expect(() => refuseUnavailable({ 'aws-org': false, demo: true }, LIVE_COLLECTOR_FLAGS, ['pkcs11'])).not.toThrow();
  });
});
