import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createDetection, loadRules, parseRule, TableGeo } from '../../../src/detectors/index.js';
import { grantsOutside } from '../../../src/detectors/sensitive-operation/detector.js';
import type { KeyEvent } from '../../../src/core/model.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));
const { rules } = loadRules([RULES_DIR]);
const KEY = 'arn:aws:kms:us-east-1:111111111111:key/k';
const T0 = Date.parse('2026-01-05T00:00:00Z');
let n = 0;
const ev = (minutes: number, patch: Partial<KeyEvent> = {}): KeyEvent => ({
  time: new Date(T0 + minutes * 60_000).toISOString(),
  provider: 'aws',
  account: '111111111111',
  region: 'us-east-1',
  keyId: KEY,
  operation: { raw: 'Decrypt', class: 'decrypt', readOnly: true },
  principal: { id: 'arn:aws:iam::111111111111:user/u', type: 'user', account: '111111111111' },
  outcome: 'success',
  eventId: `e${n++}`,
  ...patch,
});
const geo = new TableGeo({
  '1.1.': { country: 'FR', city: 'Paris', lat: 48.9, lon: 2.4 },
  '1.2.': { country: 'FR', city: 'Lyon', lat: 45.8, lon: 4.8 },
  '2.2.': { country: 'CH', city: 'Geneva', lat: 46.2, lon: 6.1 },
  '3.3.': { country: 'JP', city: 'Tokyo', lat: 35.7, lon: 139.7 },
  '4.4.': { country: 'ES', city: 'Madrid', lat: 40.4, lon: -3.7 },
});
const travel = rules.filter((r) => r.meta.id === 'anomaly/impossible-travel');

function detect(events: KeyEvent[], ruleSet = rules, extra: Partial<Parameters<typeof createDetection>[0]> = {}) {
  const run = createDetection({ rules: ruleSet, geo, ...extra });
  for (const e of events) run.observe(e);
  return run.finish();
}

describe('impossible travel', () => {
  const warm = Array.from({ length: 30 }, (_, i) => ev(i * 60, { sourceIp: '1.1.1.1' })); // 30 h in Paris
  it('alerts once for Paris then Tokyo 30 minutes later, with the speed as evidence', () => {
    const { findings } = detect([...warm, ev(30 * 60 + 30, { sourceIp: '3.3.3.3' }), ev(30 * 60 + 40, { sourceIp: '3.3.3.4' })], travel);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence.observed).toMatchObject({ minutes: 90 });
    expect((findings[0]!.evidence.observed as { speedKmh: number }).speedKmh).toBeGreaterThan(900);
  });
  it('stays silent for bordering countries, the same country and a plausible flight', () => {
    expect(detect([...warm, ev(30 * 60 + 10, { sourceIp: '2.2.2.2' })], travel).findings).toEqual([]);
    expect(detect([...warm, ev(30 * 60 + 10, { sourceIp: '1.2.2.2' })], travel).findings).toEqual([]);
    expect(detect([...warm, ev(30 * 60 + 14 * 60, { sourceIp: '3.3.3.3' })], travel).findings).toEqual([]);
  });
  it('never geolocates service-originated or private calls', () => {
    const { findings, stats } = detect([...warm, ev(30 * 60 + 5, { sourceIp: '3.3.3.3', viaService: 'ec2.amazonaws.com' }), ev(30 * 60 + 6, { sourceIp: '10.0.0.1' })], travel);
    expect(findings).toEqual([]);
    expect(stats.notGeolocated).toMatchObject({ service: 1, private: 1 });
  });
});

describe('engine', () => {
  it('counts invalid events and missing fields without failing', () => {
    const { stats } = detect([ev(0, { time: 'yesterday' }), ev(1, { principal: undefined as never }), ev(2, { keyId: undefined, sourceIp: undefined })]);
    expect(stats.invalid).toBe(2);
    expect(stats.missing).toMatchObject({ time: 1, principal: 1, keyId: 1, sourceIp: 1 });
    expect(stats.processed).toBe(1);
  });
  it('reorders events within the delivery window and counts later ones as late', () => {
    const { stats } = detect([ev(100), ev(95), ev(200), ev(190), ev(50)], rules, { latenessMinutes: 15 });
    expect(stats.late).toBe(1);
    expect(stats.processed).toBe(5);
  });
  it('drops duplicates by event id', () => {
    const e = ev(0);
    expect(detect([e, { ...e }, e]).stats.duplicates).toBe(2);
  });
  it('clamps events from the future beyond the allowed clock skew', () => {
    expect(detect([ev(0), ev(600)], rules, { now: T0 + 60 * 60_000 }).stats.futureSkewed).toBe(1);
  });
  it('applies per-key-tag overrides and exclusions', () => {
    const sensitive = parseRule(
      [
        'id: anomaly/sensitive-operation', 'detector: sensitive-operation', 'title: t', 'description: d', 'severity: high',
        'exclude:', '  - principals: ["arn:aws:iam::*:role/terraform"]',
        'overrides:', '  - match: { keyTags: { env: sandbox } }', '    severity: low',
      ].join('\n'),
      'inline.yaml',
    );
    const tags = (k: string) => (k.endsWith('/sandbox') ? { env: 'sandbox' } : undefined);
    const del = (keyId: string, principal = 'arn:aws:iam::111111111111:user/u') =>
      ev(1, { keyId, operation: { raw: 'ScheduleKeyDeletion', class: 'delete', readOnly: false }, principal: { id: principal, type: 'user' } });
    const { findings } = detect([del(KEY), del('arn:aws:kms:us-east-1:111111111111:key/sandbox'), del(KEY, 'arn:aws:iam::111111111111:role/terraform')], [sensitive], { keyTags: tags });
    expect(findings.map((f) => [f.resource.id.split('/')[1], f.severity]).sort()).toEqual([['k', 'high'], ['sandbox', 'low']].sort());
  });
});

describe('access widening', () => {
  it('recognises public and external principals in policies and grants', () => {
    expect(grantsOutside({ policy: '{"Statement":[{"Principal":{"AWS":"*"}}]}' }, ['111111111111'])).toEqual({ public: true, externalAccounts: [] });
    expect(grantsOutside({ policy: { Statement: [{ Principal: { AWS: 'arn:aws:iam::999999999999:root' } }] } }, ['111111111111']).externalAccounts).toEqual(['999999999999']);
    expect(grantsOutside({ granteePrincipal: 'arn:aws:iam::111111111111:role/x' }, ['111111111111'])).toEqual({ public: false, externalAccounts: [] });
    expect(grantsOutside({ bindings: [{ members: ['allUsers'] }] }, []).public).toBe(true);
  });
});

describe('snapshot on demand', () => {
  it('is built when first read, plain JSON, the same object on every read, and resumes a run', () => {
    const events = Array.from({ length: 48 }, (_, i) => ev(i * 30, { sourceIp: '1.1.1.1' }));
    const whole = detect(events);
    const first = detect(events.slice(0, 30));
    const snapshot = first.snapshot;
    expect(first.snapshot).toBe(snapshot);
    expect(JSON.parse(JSON.stringify(snapshot))).toStrictEqual(snapshot);
    expect(snapshot.version).toBe(1);
    expect(Object.keys(snapshot.detectors).length).toBeGreaterThan(0);
    const resumed = detect(events.slice(30), rules, { baseline: snapshot });
    expect(JSON.stringify(resumed.snapshot.detectors)).toBe(JSON.stringify(whole.snapshot.detectors));
  });
});
