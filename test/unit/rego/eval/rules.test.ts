import { describe, expect, it } from 'vitest';
import { compileSync } from '../../../../src/rego/index.js';
import { evalError, value } from './helpers.js';

describe('complete rules', () => {
  it('uses default when no clause is defined, and else chains in order', () => {
    const src = 'default p := "none"\np := "big" if input.n > 10\nq := "a" if { input.n > 10 } else := "b" if { input.n > 5 } else := "c"';
    expect(value(src, 'p', { input: { n: 1 } })).toBe('none');
    expect(value(src, 'p', { input: { n: 11 } })).toBe('big');
    expect(value(src, 'q', { input: { n: 7 } })).toBe('b');
    expect(value(src, 'q', { input: { n: 1 } })).toBe('c');
  });
  it('raises eval_conflict_error for two different values', () => {
    const err = evalError('p := 1 if true\np := 2 if true', 'data.t.p = x');
    expect(err.code).toBe('eval_conflict_error');
    expect(err.message).toContain('complete rules must not produce multiple outputs');
  });
});

describe('partial rules and ref heads', () => {
  it('builds sets and objects from several clauses', () => {
    const src = 's contains x if some x in [1, 2]\ns contains 3\no[k] := v if some k, v in {"a": 1}\no["b"] := 2';
    expect(value(src, 's')).toEqual([1, 2, 3]);
    expect(value(src, 'o')).toEqual({ a: 1, b: 2 });
  });
  it('reports duplicate object keys with different values', () => {
    expect(evalError('o[k] := v if { some v in [1, 2]; k := "a" }', 'data.t.o = x').message).toContain('object keys must be unique');
  });
  it('nests general ref heads and merges them with sibling rules', () => {
    const src = 'a.b[x].c := 1 if some x in ["u", "v"]\na.b.w.c := 2\na.d contains "e"';
    expect(value(src, 'a')).toEqual({ b: { u: { c: 1 }, v: { c: 1 }, w: { c: 2 } }, d: ['e'] });
  });
});

describe('functions', () => {
  it('picks matching clauses and conflicts on different outputs', () => {
    const src = 'f(1) := "one"\nf(x) := "many" if x > 1\nr := [f(1), f(5)]';
    expect(value(src, 'r')).toEqual(['one', 'many']);
    const err = evalError('g(_) := 1\ng(_) := 2\nr := g(0)', 'data.t.r = x');
    expect(err.message).toContain('functions must not produce multiple outputs for same inputs');
  });
  it('supports the output-argument statement form', () => {
    expect(value('f(x) := x * 2\np if { f(2, y); y == 4 }', 'p')).toBe(true);
  });
});

describe('virtual and base documents', () => {
  it('enumerates keys from base data and rules together, each once', () => {
    const policy = `keys := sort([k | data.a[k]])`;
    const other = 'package a.b\nq := 1';
    const p = compileSync({ modules: { 'x.rego': `package t\n${policy}`, 'y.rego': other }, data: { a: { b: { m: 1 }, c: { m: 2 } } } });
    const rows = p.queryValuesSync('x = data.t.keys');
    expect(JSON.stringify(rows[0]!.get('x'))).toBe('["b","c"]');
    const b = p.queryValuesSync('x = data.a.b')[0]!.get('x');
    expect(JSON.stringify((b as { entries(): unknown }).entries())).toBe('[["m",1],["q",1]]');
  });
});
