// The built-in policies against the demo estate (examples/demo/expectations.json): every listed
// violation fires, every listed unknown is reported as unknown, and nothing else fails on a key:
// traps stay silent. Only checks that exist in policies/ are asserted, so the file grows with the pack.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, RuleMeta } from '../../../src/core/model.js';
import { evaluateDemo, expectations, inventory } from './demo-support.js';

let findings: Finding[] = [];
let rules: RuleMeta[] = [];

beforeAll(async () => {
  ({ findings, rules } = await evaluateDemo());
}, 120_000);

function on(keyId: string, status: 'fail' | 'unknown'): string[] {
  return findings.filter((f) => f.resource.id === keyId && f.status === status).map((f) => f.ruleId).sort();
}

describe('built-in policies on the demo estate', () => {
  it('evaluates without policy errors', () => {
    expect(rules.length).toBeGreaterThan(10);
  });

  for (const key of expectations.keys) {
    const label = `${key.provider} ${key.name} (${key.id.split(':')[3] || ''} ${key.id.split('/').pop()})`;
    it(`${label}: expected violations fire and nothing else fails`, () => {
      const implemented = new Set(rules.map((r) => r.id));
      const informational = new Set(findings.filter((f) => f.severity === 'info').map((f) => f.fingerprint));
      const expected = key.violations.filter((v) => implemented.has(v)).sort();
      const failing = [...new Set(findings.filter((f) => f.resource.id === key.id && f.status === 'fail' && !informational.has(f.fingerprint)).map((f) => f.ruleId))].sort();
      expect({ key: label, failing }).toEqual({ key: label, failing: [...new Set(expected)] });
    });
    it(`${label}: expected unknowns are reported, never as pass or fail`, () => {
      const implemented = new Set(rules.map((r) => r.id));
      const expected = (key.unknown ?? []).filter((u) => implemented.has(u)).sort();
      const unknown = on(key.id, 'unknown');
      for (const u of expected) expect(unknown, `${label} ${u}`).toContain(u);
      const record = inventory.keys.find((k) => k.id === key.id);
      // A key whose inputs were all read must not produce unknowns beyond those listed.
      if (!record?.unknown) expect(unknown).toEqual(expected);
    });
  }
});
