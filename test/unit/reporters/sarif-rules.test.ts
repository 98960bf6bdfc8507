import { describe, expect, it } from 'vitest';
import type { RuleMeta } from '../../../src/core/model.js';
import { buildSarif } from '../../../src/reporters/sarif/index.js';
import { ruleName, toSarifRule } from '../../../src/reporters/sarif/rules.js';
import { canonicalReport, largeReport } from '../../fixtures/reports/canonical-report.js';

const base: RuleMeta = { id: 'x-rule', kind: 'policy', title: 'T', description: 'D', severity: 'low' };

describe('SARIF rule descriptors', () => {
  it('caps tags at 20, keeping security, kind and provider first, and records the rest', () => {
    const frameworks = { 'pci-dss-4.0.1': Array.from({ length: 30 }, (_, i) => `3.${i}`) };
    const rule = toSarifRule({ ...base, providers: ['aws'], tags: ['kms'], frameworks });
    expect(rule.properties.tags).toHaveLength(20);
    expect(rule.properties.tags.slice(0, 4)).toEqual(['security', 'policy', 'aws', 'kms']);
    expect(rule.properties['tagsOmitted']).toHaveLength(14);
  });

  it('maps every severity to a numeric string and a level, never "0"', () => {
    const table = (['critical', 'high', 'medium', 'low', 'info'] as const).map((severity) => {
      const r = toSarifRule({ ...base, severity });
      return [r.properties['security-severity'], r.defaultConfiguration.level];
    });
    expect(table).toEqual([['9.5', 'error'], ['8.0', 'error'], ['5.5', 'warning'], ['2.0', 'note'], ['1.0', 'note']]);
  });

  it('truncates descriptions to 1024 characters and names to 255', () => {
    const r = toSarifRule({ ...base, id: 'a'.repeat(400), title: 't'.repeat(2000), description: 'd'.repeat(5000) });
    expect(r.shortDescription.text).toHaveLength(1024);
    expect(r.fullDescription.text).toHaveLength(1024);
    expect(r.name.length).toBeLessThanOrEqual(255);
    expect(ruleName('anomaly/op-spike')).toBe('AnomalyOpSpike');
  });

  it('escapes Markdown and links only http(s) references', () => {
    const r = toSarifRule({ ...base, description: 'Use <b>*bold*</b> [x](javascript:alert(1))', references: ['https://example.com/a', 'javascript:alert(1)'] });
    expect(r.help.markdown).toContain('Use \\<b\\>\\*bold\\*\\</b\\> \\[x\\]\\(javascript:alert\\(1\\)\\)');
    expect(r.help.markdown).toContain('- <https://example.com/a>');
    expect(r.help.markdown).toContain('- javascript:alert\\(1\\)');
    expect(r.helpUri).toBe('https://example.com/a');
  });

  it('describes a rule missing from the catalogue instead of failing', () => {
    const report = canonicalReport();
    report.rules = report.rules.filter((r) => r.id !== 'p11-keys-not-extractable');
    const run = buildSarif(report).log.runs[0]!;
    const rule = run.tool.driver.rules.find((r) => r.id === 'p11-keys-not-extractable')!;
    expect(rule.fullDescription.text).toMatch(/not in the rule catalogue/);
    const result = run.results.find((r) => r.ruleId === 'p11-keys-not-extractable')!;
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(rule.id);
  });
});

describe('SARIF run limits', () => {
  it('falls back from per-account runs to per-kind runs above 20 accounts, with a note', () => {
    const report = largeReport(0);
    report.findings = largeReport(25 * 3).findings.map((f, i) => ({ ...f, resource: { ...f.resource, account: String(200000000000 + (i % 25)) } }));
    report.gaps = [];
    const out = buildSarif(report, { grouping: 'account' });
    expect(out.log.runs.map((r) => r.automationDetails.id)).toEqual(['keywarden/policy/', 'keywarden/anomaly/']);
    expect(out.notes[0]).toMatch(/25 accounts exceed GitHub's 20 runs per file/);
  });

  it('marks the invocation unsuccessful when a provider could not be collected at all', () => {
    const report = canonicalReport();
    report.coverage.providers.gcp!.status = 'failed';
    expect(buildSarif(report).log.runs.every((r) => r.invocations[0]!.executionSuccessful === false)).toBe(true);
  });
});
