import { describe, expect, it } from 'vitest';
import { applyWaivers, isWaiverExpired, type Waiver } from '../../../src/config/waivers.js';
import { globMatch } from '../../../src/config/glob.js';
import type { Finding } from '../../../src/core/model.js';

const now = new Date('2026-11-01T00:00:00Z');

function finding(ruleId: string, id: string): Finding {
  return {
    ruleId,
    kind: 'policy',
    severity: 'high',
    status: 'fail',
    message: 'm',
    resource: { provider: 'aws', account: '111122223333', region: 'eu-west-1', id },
    evidence: {},
    fingerprint: `${ruleId}:${id}`,
  };
}

const arn = 'arn:aws:kms:eu-west-1:111122223333:key/abc';
const waiver = (expires: string, rule = 'aws-kms-auto-rotation-enabled', resource = 'arn:aws:kms:*:111122223333:key/*'): Waiver => ({
  rule,
  resource,
  reason: 'legacy workload, replacement planned',
  owner: 'platform-team',
  expires,
});

describe('waivers', () => {
  it('globs match across ARN separators and treat regex characters literally', () => {
    expect(globMatch('arn:aws:kms:*:111122223333:key/*', arn)).toBe(true);
    expect(globMatch('arn:aws:kms:us-*:111122223333:key/*', arn)).toBe(false);
    expect(globMatch('a.b', 'axb')).toBe(false);
    expect(globMatch('anomaly/*', 'anomaly/op-spike')).toBe(true);
  });

  it('a date-only expiry lasts through that day', () => {
    expect(isWaiverExpired(waiver('2026-10-31'), new Date('2026-10-31T23:59:59Z'))).toBe(false);
    expect(isWaiverExpired(waiver('2026-10-31'), now)).toBe(true);
  });

  it('an active waiver suppresses the finding but keeps it visible', () => {
    const { findings, report } = applyWaivers([finding('aws-kms-auto-rotation-enabled', arn), finding('other', arn)], [waiver('2027-01-01')], now);
    expect(findings.map((f) => f.status)).toEqual(['suppressed', 'fail']);
    expect(findings[0]?.waiver).toEqual({ reason: 'legacy workload, replacement planned', owner: 'platform-team', expires: '2027-01-01' });
    expect(findings[0]?.evidence.waivedStatus).toBe('fail');
    expect(report.suppressed).toBe(1);
    expect(report.expired).toEqual([]);
  });

  it('an expired waiver turns back into a finding and is reported', () => {
    const { findings, report } = applyWaivers([finding('aws-kms-auto-rotation-enabled', arn)], [waiver('2026-06-30')], now);
    expect(findings[0]?.status).toBe('fail');
    expect(findings[0]?.waiver).toBeUndefined();
    expect(findings[0]?.evidence.expiredWaiver).toMatchObject({ owner: 'platform-team', expires: '2026-06-30' });
    expect(report.expired).toHaveLength(1);
    expect(report.expired[0]?.matched).toBe(1);
  });

  it('lists active waivers that matched nothing', () => {
    const { report } = applyWaivers([finding('x', arn)], [waiver('2027-01-01', 'anomaly/*', '*')], now);
    expect(report.unused).toHaveLength(1);
  });

  it('matches the resource name as well as the id', () => {
    const f = { ...finding('r', 'projects/p/locations/l/keyRings/k/cryptoKeys/c'), resource: { provider: 'gcp' as const, account: 'p', id: 'projects/p/locations/l/keyRings/k/cryptoKeys/c', name: 'billing-key' } };
    expect(applyWaivers([f], [waiver('2027-01-01', 'r', 'billing-*')], now).findings[0]?.status).toBe('suppressed');
  });
});
