// The Rego in docs/writing-policies.md works as printed: its modules compile with policies/lib, its
// tests pass under `policy test` semantics, and the conftest-style and helper-based rules produce
// findings through the engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRegoFiles } from '../../../src/policy/files.js';
import { runTests, summarize } from '../../../src/policy/testing.js';
import { createInterpreterBackend } from '../../../src/engine/backends/interpreter.js';
import { PolicyEngine } from '../../../src/engine/engine.js';
import { loadPolicyModules, type PolicyModule } from '../../../src/engine/loader.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'writing-policies.md'), 'utf8');
const blocks = [...doc.matchAll(/```rego\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^package /m.test(b));

describe('docs/writing-policies.md', () => {
  it('has the tutorial modules', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it('tests in the tutorial pass', async () => {
    const lib = await findRegoFiles([join(ROOT, 'policies', 'lib')]);
    const files = [...lib, ...blocks.map((text, i) => ({ path: `doc${i}.rego`, display: `doc${i}.rego`, text }))];
    const results = await runTests(files, { run: /acme/ });
    const s = summarize(results);
    expect(s.total).toBe(3);
    expect(s.pass).toBe(3);
  });

  it('conftest-style and helper-based rules give findings', async () => {
    const lib = loadPolicyModules([{ dir: join(ROOT, 'policies', 'lib'), builtin: true, label: 'lib' }]);
    // As a user would save it: the METADATA block of section 5 on top of the section 3 policy.
    const metadata = blocks.find((b) => b.startsWith('# METADATA'))!;
    const sources = blocks
      .filter((b) => !b.startsWith('# METADATA') && !/^package \S+_test$/m.test(b))
      .map((b) => (b.includes('package acme.no_test_keys\n') ? metadata + b.replace(/^package .*\n/m, '') : b));
    const docModules: PolicyModule[] = sources.map((source, i) => ({ path: `doc/${i}.rego`, file: `doc${i}.rego`, source, builtin: false }));
    const engine = await PolicyEngine.load([...lib, ...docModules], (s) => createInterpreterBackend(s, {}));
    const key = {
      ref: { provider: 'aws', account: '111122223333', type: 'kms-key', id: 'arn:aws:kms:eu-west-1:111122223333:key/1' },
      provider: 'aws', account: '111122223333', id: 'arn:aws:kms:eu-west-1:111122223333:key/1', name: 'alias/test-x',
      manager: 'customer', state: 'enabled', tags: { environment: 'production' },
    };
    const now = new Date('2026-11-01T00:00:00Z');
    const r = await engine.evaluate({ keys: [key], containers: [], logging: [] } as never, { now });
    expect(r.gaps).toEqual([]);
    const ids = r.findings.map((f) => `${f.ruleId} ${f.resource.id}`).sort();
    expect(ids).toEqual(['acme-no-test-keys arn:aws:kms:eu-west-1:111122223333:key/1', 'main.deny arn:aws:kms:eu-west-1:111122223333:key/1']);
  });
});
