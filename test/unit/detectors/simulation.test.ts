// End-to-end detection on simulated KMS traffic: steady traffic stays silent, every injected
// anomaly is found once by the right rule with evidence, a run split in two with the baseline
// restored finds what one run finds, and a re-scan of the same logs is idempotent.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createDetection, loadRules } from '../../../src/detectors/index.js';
import { simulateTraffic } from '../../../src/detectors/simulate/traffic.js';
import type { Finding } from '../../../src/core/model.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));
const { rules } = loadRules([RULES_DIR]);
const DAYS = 28;
const GOLDEN = fileURLToPath(new URL('../../fixtures/detectors/simulated-findings.json', import.meta.url));

function run(traffic: ReturnType<typeof simulateTraffic>, from: number, to: number, baseline?: unknown) {
  const detection = createDetection({ rules, geo: traffic.geo, ...(baseline ? { baseline } : {}) });
  for (const e of traffic.events(from, to)) detection.observe(e);
  return detection.finish(traffic.start + to * 86_400_000);
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.window?.start} ${f.ruleId} ${f.principal ?? ''} ${f.resource.id}: ${f.message}`).join('\n');
}

describe('simulated KMS traffic', { timeout: 300_000 }, () => {
  it('stays silent on steady traffic (no false positive in four weeks)', () => {
    const traffic = simulateTraffic({ seed: 7, days: DAYS });
    const { findings, stats } = run(traffic, 0, DAYS);
    expect(describeFindings(findings)).toBe('');
    expect(stats.processed).toBeGreaterThan(100_000);
    expect(stats.notGeolocated.service).toBeGreaterThan(0);
    expect(stats.notGeolocated.private).toBeGreaterThan(0);
  });

  const injected = simulateTraffic({ seed: 7, days: DAYS, inject: true, disorder: true });
  const whole = run(injected, 0, DAYS);

  it('finds every injected anomaly exactly once, with the right rule and evidence', () => {
    const unmatched = [...whole.findings];
    const report: string[] = [];
    for (const inj of injected.injections) {
      const hits = unmatched.filter(
        (f) =>
          f.ruleId === inj.rule &&
          (inj.principal ? f.principal === inj.principal : f.resource.id === inj.resource) &&
          Date.parse(f.window!.end) >= inj.start - 3_600_000 &&
          Date.parse(f.window!.start) <= inj.end + 3_600_000,
      );
      report.push(`${inj.id}: ${hits.length}`);
      expect(hits, `${inj.id}\n${describeFindings(whole.findings)}`).toHaveLength(1);
      const hit = hits[0]!;
      for (const field of ['observed', 'expected', 'baseline', 'threshold', 'score']) expect(hit.evidence).toHaveProperty(field);
      expect(hit.evidence.firstEventId ?? hit.evidence.reason).toBeTruthy();
      expect(hit.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      unmatched.splice(unmatched.indexOf(hit), 1);
      for (const rule of inj.companions ?? []) {
        const companion = unmatched.findIndex((f) => f.ruleId === rule && f.principal === inj.principal);
        if (companion >= 0) unmatched.splice(companion, 1);
      }
    }
    const recall = (injected.injections.length - report.filter((r) => r.endsWith(': 0')).length) / injected.injections.length;
    const falsePositivesPerDay = unmatched.length / DAYS;
    console.log(`recall ${recall}, false positives per day ${falsePositivesPerDay.toFixed(3)}\n${describeFindings(unmatched)}`);
    expect(recall).toBe(1);
    expect(unmatched, describeFindings(unmatched)).toHaveLength(0);
  });

  it('matches the golden anomaly list (UPDATE_GOLDEN=1 rewrites it; review the diff)', () => {
    const list = whole.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, resource: f.resource.id, principal: f.principal ?? null, window: f.window, fingerprint: f.fingerprint }));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, `${JSON.stringify(list, null, 2)}\n`);
    expect(list).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('tolerates disorder and duplicates, and counts them', () => {
    expect(whole.stats.duplicates).toBeGreaterThan(0);
    expect(whole.stats.invalid).toBe(0);
  });

  it('gives the same findings when the run is split in two and the baseline restored', () => {
    const first = run(injected, 0, 20);
    const second = run(injected, 20, DAYS, JSON.parse(JSON.stringify(first.snapshot)));
    const merged = new Map<string, Finding>();
    for (const f of [...first.findings, ...second.findings]) merged.set(f.fingerprint, f);
    const key = (f: Finding) => `${f.fingerprint} ${f.window?.end}`;
    expect([...merged.values()].map(key).sort()).toEqual(whole.findings.map(key).sort());
  });

  it('is idempotent when the same logs are scanned again with the stored baseline', () => {
    const again = run(injected, 15, DAYS, whole.snapshot);
    expect(again.findings).toEqual([]);
    expect(again.stats.alreadyProcessed).toBeGreaterThan(0);
    expect(again.stats.processed).toBe(0);
  });
});
