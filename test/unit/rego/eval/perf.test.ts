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

/** Findings the policy above must produce, computed directly in JS (the oracle for the Rego result). */
function expectedFindings(input: ReturnType<typeof inventory>): string[] {
  interface Key {
    id: string;
    algorithm: string;
    rotation_enabled: boolean;
    state: string;
    created: number;
    owner: string | undefined;
    tags: string[];
    policy: { statements: { principal: string }[] };
  }
  const { now, keys } = input as { now: number; keys: Key[] };
  const weak = new Set(['RSA_1024', 'DES', '3DES', 'RC4']);
  const out = new Set<string>();
  keys.forEach((k, i) => {
    if (k.rotation_enabled === false && k.state === 'Enabled') out.add(`key ${k.id} has rotation disabled`);
    if (weak.has(k.algorithm)) out.add(`key ${k.id} uses weak algorithm ${k.algorithm}`);
    if ((now - k.created) / 86400 > 365) out.add(`key ${k.id} is older than 365 days`);
    // An `undefined` owner converts to null, which is defined, so `not k.owner` never holds here.
    if (!Object.hasOwn(k, 'owner')) out.add(`key ${k.id} has no owner`);
    if (k.policy.statements.some((p) => p.principal === '*')) out.add(`key ${k.id} is public`);
    if (k.id.startsWith('legacy-') && k.tags.length === 0) out.add(`legacy key ${k.id} (#${i}) is untagged`);
  });
  return [...out].sort();
}

/**
 * Counts evaluation work deterministically: the evaluator polls `signal.aborted` once every 1024
 * expression evaluations, so the number of polls is a step count that does not depend on the machine.
 */
function countingSignal(): { signal: AbortSignal; polls: () => number } {
  let polls = 0;
  const signal = {
    get aborted() {
      polls++;
      return false;
    },
  } as AbortSignal;
  return { signal, polls: () => polls };
}

// Timing lives in bench/rego (the machine is shared; tests never assert times).
describe('evaluation at scale', () => {
  it('evaluates six deny rules over 10k keys to exactly the expected findings', async () => {
    const policy = await compile({ modules: { 'p.rego': POLICY } });
    const input = inventory(10_000);
    const rows = await policy.query('x := data.keywarden.checks.deny', { input });
    const deny = rows[0]?.x as string[];
    expect(deny).toEqual(expectedFindings(input));
    expect(deny.length).toBeGreaterThan(5_000);
    expect(deny).toContain('key key-17 is public');
  });

  it('does work linear in the number of keys (measured in evaluation steps, not time)', async () => {
    const policy = await compile({ modules: { 'p.rego': POLICY } });
    const steps = async (n: number): Promise<number> => {
      const counter = countingSignal();
      await policy.query('x := data.keywarden.checks.deny', { input: inventory(n), signal: counter.signal });
      return counter.polls();
    };
    const small = await steps(2_000);
    const large = await steps(8_000);
    expect(small).toBeGreaterThan(10);
    // Four times the keys: four times the steps (a quadratic evaluator would take sixteen).
    expect(large / small).toBeGreaterThan(3.5);
    expect(large / small).toBeLessThan(4.5);
  });
});
