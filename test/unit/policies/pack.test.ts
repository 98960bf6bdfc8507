// `keywarden policy test policies/` over the built-in pack: every Rego unit test passes, through the
// library (src/policy/testing.ts) and through the built CLI as users run it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findRegoFiles } from '../../../src/policy/files.js';
import { formatResults, runTests, summarize } from '../../../src/policy/testing.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const POLICIES = join(ROOT, 'policies');
const CLI_BUILT = existsSync(join(ROOT, 'dist', 'commands', 'policy', 'test.js'));

describe('built-in policy pack', () => {
  it('passes its own Rego tests (opa test semantics)', async () => {
    const files = await findRegoFiles([POLICIES]);
    const results = await runTests(files);
    const s = summarize(results);
    if (s.fail + s.error > 0) console.log(formatResults(results, false));
    expect(s.fail + s.error).toBe(0);
    expect(s.pass).toBeGreaterThan(300);
    expect(s.skip).toBe(0);
  }, 120_000);

  it.skipIf(!CLI_BUILT)('passes `keywarden policy test policies/` (built CLI, npm test builds first)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'run.js'), 'policy', 'test', POLICIES], { cwd: ROOT });
    expect(stdout).toMatch(/^PASS: (\d+)\/\1$/m);
  }, 120_000);
});
