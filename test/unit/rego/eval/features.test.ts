import { describe, expect, it } from 'vitest';
import { compileSync } from '../../../../src/rego/index.js';
import { evalError, run, value } from './helpers.js';

describe('with', () => {
  it('replaces input, input paths and data paths (base and virtual) for one expression', () => {
    const src = 'a := input.x\nb := data.cfg.level\nv := 1\nw := v + 1\np := [a, b] if { a == 1 with input.x as 1; b == 7 with data.cfg.level as 7 }\nq := y if { y := w with data.t.v as 10 }';
    expect(value(src, 'p', { input: { x: 0 }, data: { cfg: { level: 1 } } })).toEqual([0, 1]);
    expect(value(src, 'q')).toBe(11);
  });
  it('replaces functions and builtins by a function or a value', () => {
    const src = 'f(x) := x + 1\nmock(x) := x * 100\np := [f(1), count([1, 2])] if true\nq := y if { y := r with f as mock with count as 42 }\nr := [f(1), count([1, 2])]';
    expect(value(src, 'p')).toEqual([2, 2]);
    expect(value(src, 'q')).toEqual([100, 42]);
  });
  it('runs the rest of the body in the original context', () => {
    expect(value('a := input.x\np := [y, z] if { y := a with input.x as 5; z := a }', 'p', { input: { x: 1 } })).toEqual([5, 1]);
  });
});

describe('comprehensions, some in, every, not', () => {
  it('collects arrays, sets and objects', () => {
    expect(value('p := [y | some x in [1, 2, 2]; y := x * 2]', 'p')).toEqual([2, 4, 4]);
    expect(value('p := {x | some x in [1, 2, 2]}', 'p')).toEqual([1, 2]);
    expect(value('p := {k: v | some k, v in {"a": 1}}', 'p')).toEqual({ a: 1 });
  });
  it('iterates keys and values with some ... in', () => {
    expect(run('', 'some i, x in ["a", "b"]')).toEqual([
      { i: 0, x: 'a' },
      { i: 1, x: 'b' },
    ]);
  });
  it('requires every member to satisfy every', () => {
    expect(value('p if every x in [1, 2] { x > 0 }', 'p')).toBe(true);
    expect(value('p if every x in [1, -2] { x > 0 }', 'p')).toBeUndefined();
    expect(value('p if every x in [] { x > 0 }', 'p')).toBe(true);
  });
  it('negates with not', () => {
    expect(value('p if not input.admin', 'p', { input: {} })).toBe(true);
    expect(value('p if not input.admin', 'p', { input: { admin: true } })).toBeUndefined();
  });
});

describe('builtin errors', () => {
  it('makes a failing call undefined, or fails the query in strict mode', () => {
    expect(run('p := 1 / 0', 'x = data.t.p')).toEqual([]);
    const err = evalError('p := 1 / 0', 'x = data.t.p', { strictBuiltinErrors: true });
    expect(err.code).toBe('eval_builtin_error');
    expect(err.message).toMatch(/^test-0\.rego:2: eval_builtin_error: div: /);
  });
  it('reports operand type errors as eval_type_error in strict mode', () => {
    const err = evalError('p := count(input.n)', 'x = data.t.p', { strictBuiltinErrors: true, input: { n: 1 } });
    expect(err.code).toBe('eval_type_error');
    expect(err.message).toContain('count: operand 1 must be');
  });
});

describe('evaluation control', () => {
  it('cancels a runaway evaluation with eval_cancel_error', () => {
    const src = 'p := count([1 | some a in numbers.range(1, 400); some b in numbers.range(1, 400); some c in numbers.range(1, 400)])';
    expect(evalError(src, 'x = data.t.p', { timeoutMs: 50 }).code).toBe('eval_cancel_error');
    const ctl = new AbortController();
    ctl.abort();
    expect(evalError(src, 'x = data.t.p', { signal: ctl.signal }).code).toBe('eval_cancel_error');
  });
  it('takes time.now_ns from the injected clock, fixed for the evaluation', () => {
    expect(value('p := [time.now_ns(), time.now_ns()]', 'p', { now: 1_700_000_000_123_456_789n })).toEqual(['1700000000123456789', '1700000000123456789']);
    expect(value('p := time.now_ns()', 'p', { now: new Date(1000) })).toBe(1_000_000_000);
  });
  it('sends print output to the hook, undefined operands as <undefined>', () => {
    const lines: string[] = [];
    run('p if { print("v", 1, input.nope) }', 'data.t.p', { input: {}, print: (m) => lines.push(m) });
    expect(lines).toEqual(['v 1 <undefined>']);
  });
});

describe('metadata', () => {
  const src = `# METADATA
# title: Keys
# custom:
#   id: KW-1
package keys

# METADATA
# title: No weak keys
# custom:
#   severity: HIGH
deny contains m if {
  m := rego.metadata.rule().custom.severity
}
chain := [e.path | some e in rego.metadata.chain()]
`;
  it('exposes rego.metadata.rule and chain to policies', async () => {
    const p = compileSync({ modules: { 'k.rego': src } });
    expect(await p.query('x = data.keys.deny')).toEqual([{ x: ['HIGH'] }]);
    expect(await p.query('x = data.keys.chain')).toEqual([{ x: [['keys', 'chain'], ['keys']] }]);
  });
  it('lists every METADATA block with its target for the scanner', () => {
    const p = compileSync({ modules: { 'k.rego': src } });
    const entries = p.annotations().map((a) => ({ path: a.path, scope: a.scope, title: a.annotations.title }));
    expect(entries).toContainEqual({ path: ['keys'], scope: 'package', title: 'Keys' });
    expect(entries).toContainEqual({ path: ['keys', 'deny'], scope: 'rule', title: 'No weak keys' });
  });
});
