// A realistic deny policy over a generated key inventory must stay near linear in its size.
import { describe, expect, it } from 'vitest';
import { compile } from '../../../../src/rego/index.js';

export const POLICY = `package keywarden.checks
import rego.v1

max_age_days := 365
weak_algorithms := {"RSA_1024", "DES", "3DES", "RC4"}

deny contains msg if {
  some k in input.keys
  k.rotation_enabled == false
  k.state == "Enabled"
  msg := sprintf("key %s has rotation disabled", [k.id])
}
deny contains msg if {
  some k in input.keys
  k.algorithm in weak_algorithms
  msg := sprintf("key %s uses weak algorithm %s", [k.id, k.algorithm])
}
deny contains msg if {
  some k in input.keys
  age_days(k) > max_age_days
  msg := sprintf("key %s is older than %d days", [k.id, max_age_days])
}
deny contains msg if {
  some k in input.keys
  not k.owner
  msg := sprintf("key %s has no owner", [k.id])
}
deny contains msg if {
  some k in input.keys
  some p in k.policy.statements
  p.principal == "*"
  msg := sprintf("key %s is public", [k.id])
}
deny contains msg if {
  some i, k in input.keys
  startswith(k.id, "legacy-")
  count(k.tags) == 0
  msg := sprintf("legacy key %s (#%d) is untagged", [k.id, i])
}
age_days(k) := (input.now - k.created) / 86400
`;

export function inventory(n: number): unknown {
  const keys = [];
  const algs = ['RSA_2048', 'RSA_1024', 'AES_256', 'EC_P256', 'DES'];
  for (let i = 0; i < n; i++) {
    keys.push({
      id: (i % 7 === 0 ? 'legacy-' : 'key-') + i,
      algorithm: algs[i % algs.length],
      rotation_enabled: i % 3 !== 0,
      state: i % 11 === 0 ? 'Disabled' : 'Enabled',
      created: 1_600_000_000 + (i % 1000) * 86400,
      owner: i % 5 === 0 ? undefined : 'team-' + (i % 13),
      tags: i % 2 === 0 ? [] : ['prod'],
      policy: { statements: [{ principal: i % 17 === 0 ? '*' : 'arn:aws:iam::1:root' }] },
    });
  }
  return { now: 1_700_000_000, keys };
}

describe('evaluation performance', () => {
  it('evaluates six deny rules over 10k keys in under 2 s of CPU', async () => {
    const policy = await compile({ modules: { 'p.rego': POLICY } });
    const input = inventory(10_000);
    const start = process.cpuUsage();
    const rows = await policy.query('x := data.keywarden.checks.deny', { input });
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    const deny = rows[0]?.x as string[];
    expect(deny.length).toBeGreaterThan(5_000);
    expect(deny).toContain('key key-17 is public');
    console.log(`10k keys: ${ms.toFixed(0)} ms CPU, ${deny.length} findings`);
    expect(ms).toBeLessThan(2_000);
  });
});
