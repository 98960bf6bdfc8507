// `keywarden policy test policies/` over the built-in pack: every Rego unit test passes.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRegoFiles } from '../../../src/policy/files.js';
import { formatResults, runTests, summarize } from '../../../src/policy/testing.js';

const POLICIES = join(import.meta.dirname, '..', '..', '..', 'policies');

describe('built-in policy pack', () => {
  it('passes its own Rego tests (opa test semantics)', async () => {
    const files = await findRegoFiles([POLICIES]);
    const results = await runTests(files);
    const s = summarize(results);
    if (s.fail + s.error > 0) console.log(formatResults(results, false));
    expect(s.fail + s.error).toBe(0);
    expect(s.pass).toBeGreaterThan(50);
  }, 120_000);
});
