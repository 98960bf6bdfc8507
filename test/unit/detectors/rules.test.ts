import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadRules, parseRule, RuleLoadError } from '../../../src/detectors/index.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

describe('anomaly rules', () => {
  it('loads every shipped rule with its metadata and the required ids', () => {
    const { rules, meta } = loadRules([RULES_DIR]);
    const ids = meta.map((m) => m.id);
    for (const id of ['anomaly/op-spike', 'anomaly/error-burst', 'anomaly/new-country', 'anomaly/impossible-travel', 'anomaly/new-principal', 'anomaly/sensitive-operation']) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.meta.kind).toBe('anomaly');
      expect(r.meta.remediation).toBeTruthy();
    }
    const spike = rules.find((r) => r.meta.id === 'anomaly/op-spike')!;
    expect(spike.params.minRatio).toBe(3);
    expect(spike.params.alpha).toBe(0.15); // detector default merged in
    expect(spike.overrides[0]?.match.keyTags).toEqual({ env: 'dev' });
  });

  const valid = 'id: anomaly/x\ndetector: op-spike\ntitle: t\ndescription: d\nseverity: low\n';

  it('rejects unknown detectors, bad params and bad metadata with clear messages', () => {
    expect(() => parseRule(valid.replace('op-spike', 'nope'), 'x.yaml')).toThrow(/x.yaml.*\n.*detector 'nope' is not a detector/);
    expect(() => parseRule(`${valid}params:\n  minRatio: 0.5\n`, 'x.yaml')).toThrow(/\/params\/minRatio must be >= 1/);
    expect(() => parseRule(`${valid}params:\n  minRatoi: 5\n`, 'x.yaml')).toThrow(/additional properties \('minRatoi'\)/);
    expect(() => parseRule(valid.replace('severity: low', 'severity: huge'), 'x.yaml')).toThrow(/\/severity must be equal to one of the allowed values \(critical, high, medium, low, info\)/);
    expect(() => parseRule(valid.replace('anomaly/x', 'spike'), 'x.yaml')).toThrow(RuleLoadError);
    expect(() => parseRule('id: [', 'x.yaml')).toThrow(/YAML/);
  });

  it('lets users tune params and scope rules', () => {
    const rule = parseRule(`${valid}params:\n  minCount: 500\nexclude:\n  - principals: ['arn:aws:iam::*:role/batch-*']\n`, 'mine.yaml');
    expect(rule.params.minCount).toBe(500);
    expect(rule.exclude).toHaveLength(1);
  });
});
