import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModules, formatCheckErrors } from '../../../src/policy/check.js';
import { evaluate, formatPretty } from '../../../src/policy/evaluate.js';
import { findRegoFiles, loadData } from '../../../src/policy/files.js';
import { formatResults, runTests, summarize } from '../../../src/policy/testing.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-policy-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const policy = `package keys

deny contains msg if {
	some key in input.keys
	not key.rotation
	msg := sprintf("%s: no rotation", [key.id])
}
`;

const tests = `package keys_test

import data.keys

test_deny_without_rotation if {
	count(keys.deny) == 1 with input as {"keys": [{"id": "k1"}, {"id": "k2", "rotation": true}]}
}

test_allow_all_rotated if {
	count(keys.deny) == 0 with input as {"keys": [{"id": "k2", "rotation": true}]}
}

test_wrong_on_purpose if {
	count(keys.deny) == 5 with input as {"keys": []}
}

test_errors if {
	x := 1 / 0
	x == 1
}

todo_test_later if {
	false
}

cases := {"one": 1, "two": 2}

test_param[note] if {
	some note, n in cases
	n > 0
}
`;

describe('policy test', () => {
  it('reports pass, fail, error, skip and parameterised cases like opa test', async () => {
    const dir = tree({ 'p/keys.rego': policy, 'p/keys_test.rego': tests });
    const results = await runTests(await findRegoFiles([dir]), { elapsed: () => 0 });
    const byName = Object.fromEntries(results.map((r) => [r.fullName, r.outcome]));
    expect(byName).toEqual({
      'data.keys_test.test_deny_without_rotation': 'pass',
      'data.keys_test.test_allow_all_rotated': 'pass',
      'data.keys_test.test_wrong_on_purpose': 'fail',
      'data.keys_test.test_errors': 'error',
      'data.keys_test.todo_test_later': 'skip',
      'data.keys_test.test_param.one': 'pass',
      'data.keys_test.test_param.two': 'pass',
    });
    expect(summarize(results)).toMatchObject({ pass: 4, fail: 1, error: 1, skip: 1 });
    expect(results.find((r) => r.outcome === 'error')?.error).toMatch(/div: divide by zero/);
    const text = formatResults(results, false);
    expect(text).toContain('data.keys_test.test_wrong_on_purpose: FAIL');
    expect(text).not.toContain('test_allow_all_rotated');
    expect(text).toMatch(/PASS: 4\/7\nFAIL: 1\/7\nERROR: 1\/7\nSKIPPED: 1\/7$/);
  });

  it('filters with --run and errors in strict builtins are errors', async () => {
    const dir = tree({ 'keys.rego': policy, 'keys_test.rego': tests });
    const results = await runTests(await findRegoFiles([dir]), { run: /allow/, elapsed: () => 0 });
    expect(results.map((r) => r.fullName)).toEqual(['data.keys_test.test_allow_all_rotated']);
  });
});

describe('policy eval', () => {
  it('answers a lone-term query with its value and a query with bindings, in opa eval shape', async () => {
    const dir = tree({ 'keys.rego': policy, 'sub/data.json': '{"limit": 3}' });
    const { data, modules } = await loadData([dir]);
    expect(data).toEqual({ sub: { limit: 3 } });
    const input = { keys: [{ id: 'a' }] };
    const value = await evaluate('data.keys.deny', { modules, data, input });
    expect(value).toEqual({ result: [{ expressions: [{ value: ['a: no rotation'], text: 'data.keys.deny' }] }] });
    const bound = await evaluate('x := data.sub.limit + 1', { modules, data });
    expect(bound.result?.[0]?.bindings).toEqual({ x: 4 });
    expect(await evaluate('data.keys.nothing', { modules, data })).toEqual({});
    expect(formatPretty({})).toBe('undefined');
  });
});

describe('policy check', () => {
  it('lists parse and compile errors with file, row and column', async () => {
    const dir = tree({
      'ok.rego': policy,
      'bad.rego': 'package bad\n\np if {\n\tx := [1,\n}\n',
      'unsafe.rego': 'package unsafe\n\nq if {\n\ty > 1\n}\n',
    });
    const errors = await checkModules(await findRegoFiles([dir]));
    expect(errors.map((e) => [e.file.split('/').pop(), e.code])).toEqual([
      ['bad.rego', 'rego_parse_error'],
      ['unsafe.rego', 'rego_unsafe_var_error'],
    ]);
    expect(errors[1]).toMatchObject({ row: 4 });
    expect(formatCheckErrors(errors)).toMatch(/unsafe\.rego:4:\d+: rego_unsafe_var_error: var y is unsafe/);
  });
});
