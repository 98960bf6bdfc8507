import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/core/model.js';
import { buildSarif, render } from '../../../src/reporters/sarif/index.js';
import type { SarifLog } from '../../../src/reporters/sarif/types.js';
import { canonicalReport, largeReport } from '../../fixtures/reports/canonical-report.js';
import { githubIngestionProblems, multitoolPath, runMultitool, sarifSchemaAvailable, validateSarifSchema } from './sarif-validators.js';

const parse = (text: string) => JSON.parse(text) as SarifLog;

function shuffled(report: RunReport): RunReport {
  const copy = structuredClone(report);
  copy.findings.reverse();
  copy.rules.reverse();
  copy.gaps.reverse();
  return copy;
}

const variants: [string, () => string][] = [
  ['default (by kind, waived left out)', () => render(canonicalReport())],
  ['by account', () => render(canonicalReport(), { grouping: 'account' })],
  ['with suppressions', () => render(canonicalReport(), { includeSuppressed: true })],
  ['aggregated', () => render(canonicalReport(), { maxResultsPerRun: 3 })],
  ['empty report', () => render({ ...canonicalReport(), findings: [], rules: [], gaps: [] })],
];

describe('SARIF structure', () => {
  const log = parse(render(canonicalReport()));

  it('writes one run per kind with distinct categories', () => {
    expect(log.runs.map((r) => r.automationDetails.id)).toEqual(['keywarden/policy/', 'keywarden/anomaly/']);
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'keywarden', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://github.com/keywarden/keywarden' });
  });

  it('describes rules for GitHub: tags with framework ids, numeric-string security-severity, precision, level', () => {
    const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'aws-kms-auto-rotation-enabled')!;
    expect(rule.name).toBe('AwsKmsAutoRotationEnabled');
    expect(rule.properties['security-severity']).toBe('5.5');
    expect(rule.properties.precision).toBe('very-high');
    expect(rule.defaultConfiguration.level).toBe('warning');
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'aws', 'cis-aws-5.0/3.6', 'pci-dss-4.0.1/3.7.4', 'iso-27001-2022/A.8.24']));
    expect(rule.help.markdown).toContain('| pci-dss-4.0.1 | 3.7.4, 3.7.5 |');
    expect(rule.help.text).toContain('Remediation: Enable automatic rotation');
    const critical = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'aws-kms-key-policy-not-public')!;
    expect([critical.properties['security-severity'], critical.defaultConfiguration.level]).toEqual(['9.5', 'error']);
    const anomalyRule = log.runs[1]!.tool.driver.rules.find((r) => r.id === 'anomaly/op-spike')!;
    expect(anomalyRule.properties.precision).toBe('medium');
  });

  it('gives each result a pseudo-path, the ARN as logical location, evidence and fingerprints', () => {
    const results = log.runs[0]!.results;
    const rotation = results.find((r) => r.ruleId === 'aws-kms-auto-rotation-enabled')!;
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules[rotation.ruleIndex]!.id).toBe(rotation.ruleId);
    expect(rotation.level).toBe('warning');
    expect(rotation.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'cloud/aws/111122223333/eu-west-1/kms/key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      region: { startLine: 1 },
    });
    expect(rotation.locations[0]!.logicalLocations).toEqual([
      { name: 'alias/payments', fullyQualifiedName: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', kind: 'resource' },
    ]);
    expect(rotation.message.text).toContain('arn:aws:kms:eu-west-1:111122223333:key/1234abcd');
    expect(rotation.properties).toMatchObject({ status: 'fail', evidence: { KeyRotationEnabled: false }, account: '111122223333', region: 'eu-west-1' });
    const fp = canonicalReport().findings[0]!.fingerprint;
    expect(rotation.partialFingerprints).toEqual({ primaryLocationLineHash: `${fp.slice(0, 16)}:1`, 'keywardenFingerprint/v1': fp });
    const uris = results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort();
    expect(uris).toEqual([
      'cloud/aws/111122223333/eu-west-1/kms/key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'cloud/aws/444455556666/us-east-1/kms/key/mrk-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'cloud/azure/00000000-1111-2222-3333-444444444444/contoso-prod-kv/keys/payments-cmk',
      'cloud/gcp/acme-prod/europe-west1/keyRings/payments/cryptoKeys/card-data',
      'hsm/Acme%20HSM%201/01a2',
    ]);
  });

  it('orders results most severe first and reports unknown findings as review', () => {
    const results = log.runs[0]!.results;
    expect(results.map((r) => r.properties['severity'])).toEqual(['critical', 'high', 'medium', 'medium', 'low']);
    const unknown = results.find((r) => r.properties['status'] === 'unknown')!;
    expect(unknown.kind).toBe('review');
    expect(unknown.level).toBeUndefined();
    expect(unknown.message.text).toMatch(/^Could not be evaluated: .*Reason: AccessDenied/);
  });

  it('leaves waived findings out by default and writes them as external suppressions on request', () => {
    const all = log.runs.flatMap((r) => r.results);
    expect(all.some((r) => r.properties['status'] === 'suppressed')).toBe(false);
    expect(log.runs[0]!.properties['findings']).toMatchObject({ suppressedOmitted: 1 });
    const withWaived = parse(render(canonicalReport(), { includeSuppressed: true }));
    const waived = withWaived.runs[0]!.results.find((r) => r.properties['status'] === 'suppressed')!;
    expect(waived.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Multi-Region key rotated by the primary; owner: platform-security@example.com; expires: 2026-06-30' },
    ]);
  });

  it('reports gaps as tool execution notifications in the run they concern', () => {
    const policyNotes = log.runs[0]!.invocations[0]!.toolExecutionNotifications!.map((n) => n.descriptor?.id);
    const anomalyNotes = log.runs[1]!.invocations[0]!.toolExecutionNotifications!.map((n) => n.descriptor?.id);
    expect(policyNotes).toEqual(['Throttled', 'AccessDenied']);
    expect(anomalyNotes).toEqual(['MalformedRecord', 'TruncatedFile']);
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('groups by provider and account on request', () => {
    const byAccount = parse(render(canonicalReport(), { grouping: 'account' }));
    expect(byAccount.runs.map((r) => r.automationDetails.id)).toEqual([
      'keywarden/aws/111122223333/',
      'keywarden/aws/444455556666/',
      'keywarden/azure/00000000-1111-2222-3333-444444444444/',
      'keywarden/gcp/acme-prod/',
      'keywarden/pkcs11/Acme_HSM_1/',
    ]);
  });
});

describe('SARIF stability', () => {
  it('is byte-identical across renders and input orderings', () => {
    expect(render(canonicalReport())).toBe(render(canonicalReport()));
    expect(render(shuffled(canonicalReport()))).toBe(render(canonicalReport()));
  });

  it('keeps fingerprints stable when other findings change', () => {
    const before = parse(render(canonicalReport()));
    const changed = canonicalReport();
    changed.findings.splice(1, 1);
    changed.findings[0]!.message = 'Reworded message.';
    const after = parse(render(changed));
    const key = (l: SarifLog) => new Map(l.runs.flatMap((r) => r.results).map((r) => [r.partialFingerprints['keywardenFingerprint/v1'], r.partialFingerprints['primaryLocationLineHash']]));
    const a = key(after);
    for (const [fp, hash] of a) expect(key(before).get(fp)).toBe(hash);
    expect(a.size).toBe(key(before).size - 1);
  });
});

describe('SARIF limits', () => {
  it('aggregates a 30,000-finding report to fit 25,000 results per run', () => {
    const report = largeReport(30_000);
    const started = performance.now();
    const out = buildSarif(report);
    const ms = performance.now() - started;
    const run = out.log.runs[0]!;
    expect(run.results.length).toBeLessThanOrEqual(25_000);
    const aggregates = run.results.filter((r) => r.properties['aggregated'] === true);
    // critical and high rules keep everything; the medium rule keeps its most severe finding and is summarised
    expect(aggregates.map((r) => r.ruleId)).toEqual(['aws-kms-auto-rotation-enabled']);
    const kept = run.results.length - aggregates.length;
    const summarised = aggregates.reduce((n, r) => n + (r.properties['aggregatedCount'] as number), 0);
    expect(kept + summarised).toBe(30_000);
    expect(run.results.filter((r) => r.ruleId === 'aws-kms-key-policy-not-public' && !r.properties['aggregated']).length).toBe(10_000);
    expect(run.properties['aggregation']).toBeDefined();
    expect(out.notes.join('\n')).toMatch(/30000 findings exceed the upload limits; kept 24997 individually and aggregated 5003/);
    expect(run.invocations[0]!.toolExecutionNotifications![0]!.descriptor!.id).toBe('ResultsAggregated');
    expect(gzipSync(out.text).length).toBeLessThan(10 * 1024 * 1024);
    expect(githubIngestionProblems(out.log)).toEqual([]);
    if (sarifSchemaAvailable) expect(validateSarifSchema(out.log)).toEqual([]);
    console.log(`30k findings → ${run.results.length} results, ${(out.text.length / 1e6).toFixed(1)} MB, ${(out.gzipBytes / 1e6).toFixed(2)} MB gzipped, ${ms.toFixed(0)} ms`);
  });

  it('shrinks further when the gzipped size limit is hit, keeping at least one result per rule', () => {
    const out = buildSarif(largeReport(3_000), { maxGzipBytes: 40_000 });
    expect(out.gzipBytes).toBeLessThanOrEqual(40_000);
    const run = out.log.runs[0]!;
    expect(new Set(run.results.map((r) => r.ruleId)).size).toBe(3);
    expect(run.results.filter((r) => r.properties['aggregated']).length).toBe(3);
  });
});

describe('SARIF validation', () => {
  for (const [name, produce] of variants) {
    it.skipIf(!sarifSchemaAvailable)(`validates against the OASIS 2.1.0 schema: ${name}`, () => {
      const log = parse(produce());
      expect(validateSarifSchema(log)).toEqual([]);
      expect(githubIngestionProblems(log, { allowSuppressed: name === 'with suppressions' })).toEqual([]);
    });
    it.skipIf(!multitoolPath)(`passes sarif-multitool --rule-kind Sarif Ghas with no error: ${name}`, () => {
      const issues = runMultitool(produce());
      expect(issues.filter((i) => i.level === 'error')).toEqual([]);
      if (name.startsWith('default')) expect(issues.filter((i) => i.level === 'warning')).toEqual([]);
    });
  }
  it.skipIf(!multitoolPath || !sarifSchemaAvailable)('the validators catch what GitHub rejects (ARN URI, no location, bad severity)', () => {
    const broken = parse(render(canonicalReport()));
    const results = broken.runs[0]!.results;
    results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = results[0]!.properties['resourceId'] as string;
    (results[1] as { locations: unknown[] }).locations = [];
    (broken.runs[0]!.tool.driver.rules[0]!.properties as Record<string, unknown>)['security-severity'] = 5.5;
    const issues = runMultitool(JSON.stringify(broken));
    expect(issues.filter((i) => i.level === 'error').map((i) => i.ruleId)).toEqual(expect.arrayContaining(['GH1005', 'GH1015']));
    // an invalid enum makes the multitool skip the file silently: the canary turns that into a failure
    (results[2] as { level: string }).level = 'bogus';
    expect(() => runMultitool(JSON.stringify(broken))).toThrow(/did not analyse/);
    expect(validateSarifSchema(broken).join('\n')).toMatch(/level/);
    expect(githubIngestionProblems(broken).join('\n')).toMatch(/bad uri arn:aws:kms.*\n.*result 1: bad uri [\s\S]*security-severity|security-severity[\s\S]*bad uri/);
  });
  if (!sarifSchemaAvailable) it.skip('../shared/sarif/sarif-schema-2.1.0.json is absent: schema validation skipped', () => {});
  if (!multitoolPath) it.skip('@microsoft/sarif-multitool is not installed: multitool validation skipped', () => {});
});
