import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/core/model.js';
import { render } from '../../../src/reporters/json/index.js';
import { canonicalReport } from '../../fixtures/reports/canonical-report.js';

const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../reports/schemas/report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateFormats: false }).compile(schema);

function errors(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('JSON report', () => {
  const doc = JSON.parse(render(canonicalReport())) as RunReport;

  it('validates against reports/schemas/report.schema.json', () => {
    expect(errors(doc)).toEqual([]);
  });

  it('keeps the contract fields of every finding', () => {
    const spike = doc.findings.find((f) => f.ruleId === 'anomaly/op-spike')!;
    expect(Object.keys(spike)).toEqual(expect.arrayContaining(['ruleId', 'kind', 'severity', 'status', 'message', 'resource', 'principal', 'window', 'evidence', 'fingerprint']));
    expect(spike.resource).toMatchObject({ provider: 'aws', account: '111122223333', region: 'eu-west-1' });
    expect(spike.window).toEqual({ start: '2026-01-31T14:00:00Z', end: '2026-01-31T15:00:00Z' });
    expect(doc.inputs.every((i) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
  });

  it('sorts findings most severe first and recomputes the summary from them', () => {
    expect(doc.findings.map((f) => f.severity)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'medium', 'medium', 'low']);
    const shuffled = canonicalReport();
    shuffled.findings.reverse();
    shuffled.gaps.reverse();
    shuffled.summary.bySeverity.critical = 99;
    expect(render(shuffled)).toBe(render(canonicalReport()));
    expect(doc.summary.byStatus).toEqual({ fail: 6, unknown: 1, suppressed: 1 });
    expect(doc.summary.byProvider).toEqual({ aws: 5, azure: 1, gcp: 1, pkcs11: 1 });
  });

  it('rejects documents that break the contract', () => {
    const bad = structuredClone(doc) as unknown as { findings: Record<string, unknown>[] };
    bad.findings[0]!['status'] = 'pass';
    delete bad.findings[1]!['fingerprint'];
    const anomaly = bad.findings.find((f) => f['kind'] === 'anomaly')!;
    delete anomaly['window'];
    (bad.findings[2]!['resource'] as Record<string, unknown>)['provider'] = 'oracle';
    const problems = errors(bad).join('\n');
    expect(problems).toMatch(/\/findings\/0\/status must be equal to one of the allowed values/);
    expect(problems).toMatch(/\/findings\/1 must have required property 'fingerprint'/);
    expect(problems).toMatch(/must have required property 'window'/);
    expect(problems).toMatch(/\/findings\/2\/resource\/provider/);
  });
});
