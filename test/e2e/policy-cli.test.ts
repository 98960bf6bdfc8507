// `keywarden policy eval|check|test` through the built CLI: output shapes and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './global-setup.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'kw-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('keywarden policy (built CLI)', () => {
  it('eval prints opa-eval JSON for a query over data and input', () => {
    const d = dir({
      'p.rego': 'package p\n\nlarge contains k if {\n\tsome k, v in input\n\tv > data.limit\n}\n',
      'data.json': '{"limit": 2}',
      'input.json': '{"a": 1, "b": 5, "c": 9}',
    });
    const r = cli('policy', 'eval', 'data.p.large', '--data', d, '--input', join(d, 'input.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ result: [{ expressions: [{ value: ['b', 'c'], text: 'data.p.large' }] }] });
    const pretty = cli('policy', 'eval', 'x := count(data.p.large)', '--data', d, '--input', join(d, 'input.json'), '--format', 'pretty');
    expect(JSON.parse(pretty.out)).toEqual({ x: 2 });
  });

  it('eval refuses a bad query with exit 2 and the parse error', () => {
    const r = cli('policy', 'eval', 'x := [1,');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/rego_parse_error/);
  });

  it('check lists errors with locations and exits 1; a clean tree exits 0', () => {
    const bad = dir({ 'u.rego': 'package u\n\nq if {\n\ty > 1\n}\n' });
    const r = cli('policy', 'check', bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/u\.rego:4:\d+: rego_unsafe_var_error: var y is unsafe/);
    const ok = dir({ 'ok.rego': 'package ok\n\np := 1\n' });
    expect(cli('policy', 'check', ok).code).toBe(0);
  });

  it('test exits 1 on a failing test and 0 when all pass', () => {
    const d = dir({ 't_test.rego': 'package t_test\n\ntest_ok if true\n\ntest_bad if false\n' });
    const r = cli('policy', 'test', d);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/data\.t_test\.test_bad: FAIL/);
    expect(r.out).toMatch(/PASS: 1\/2\nFAIL: 1\/2/);
    const run = cli('policy', 'test', d, '--run', 'test_ok', '-v');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/data\.t_test\.test_ok: PASS/);
  });
});
