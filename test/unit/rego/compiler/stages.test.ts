// One test group per compiler stage of STAGES.
import { describe, expect, it } from 'vitest';
import { compileSync, RegoError, STAGES } from '../../../../src/rego/index.js';
import { parseModule } from '../../../../src/rego/parser/index.js';
import { compileModules } from '../../../../src/rego/compiler/index.js';
import { childAt } from '../../../../src/rego/compiler/tree.js';
import { BUILTINS } from '../../../../src/rego/builtins/table.js';

function compileError(modules: Record<string, string>): RegoError {
  try {
    compileSync({ modules });
  } catch (err) {
    if (err instanceof RegoError) return err;
    throw err;
  }
  throw new Error('expected a compile error');
}

function compiled(src: string) {
  return compileModules([parseModule(src, 'a.rego')], BUILTINS);
}

describe('stage table', () => {
  it('runs the stages in the documented order', () => {
    expect(STAGES.map((s) => s.name)).toEqual([
      'resolveRefs',
      'groupRules',
      'checkRuleConflicts',
      'rewriteLocals',
      'checkCalls',
      'checkSafety',
      'checkRecursion',
      'foldConstants',
      'buildIndexes',
    ]);
  });
});

describe('resolveRefs', () => {
  it('turns package rule names and import aliases into data refs', async () => {
    const lib = 'package lib\nlimit := 3';
    const main = 'package main\nimport data.lib.limit as max\nq := 2\np if { q < max }';
    const policy = compileSync({ modules: { 'lib.rego': lib, 'main.rego': main } });
    const rule = policy.compiled.modules.find((m) => m.file === 'main.rego')!.rules[1]!;
    const expr = rule.body[0]!;
    expect(expr.body.kind).toBe('call');
    const args = expr.body.kind === 'call' ? expr.body.args : [];
    const texts = args.map((t) => (t.type === 'ref' ? t.terms.map((x) => (x.type === 'var' ? x.name : x.type === 'string' ? x.value : '?')).join('.') : t.type));
    expect(texts).toEqual(['data.main.q', 'data.lib.limit']);
    expect(await policy.query('data.main.p = x')).toEqual([{ x: true }]);
  });

  it('keeps locals that shadow rule names', async () => {
    const p = compileSync({ modules: { 'a.rego': 'package a\nq := 1\nf(q) := q + 10\nr := f(5)' } });
    expect(await p.query('data.a.r = x')).toEqual([{ x: 15 }]);
  });
});

describe('groupRules', () => {
  it('merges several modules into one package and files ref heads by constant prefix', () => {
    const c = compileModules(
      [parseModule('package a\np := 1', 'x.rego'), parseModule('package a\nq.r[k] := 2 if { some k in ["u"] }', 'y.rego')],
      BUILTINS,
    );
    expect(childAt(c.root, ['a', 'p'], false)?.rules).toHaveLength(1);
    const q = childAt(c.root, ['a', 'q', 'r'], false);
    expect(q?.rules[0]?.kind).toBe('object');
    expect(q?.rules[0]?.suffix).toHaveLength(1);
  });
});

describe('checkRuleConflicts', () => {
  it('rejects a complete rule and a function of one name', () => {
    const err = compileError({ 'a.rego': 'package a\np := 1\np(x) := x' });
    expect(err.code).toBe('rego_type_error');
    expect(err.message).toContain('conflicting rules data.a.p found');
  });
  it('rejects two default rules', () => {
    expect(compileError({ 'a.rego': 'package a\ndefault p := 1\ndefault p := 2' }).message).toContain('multiple default rules');
  });
});

describe('rewriteLocals', () => {
  it('rejects a second := of the same var', () => {
    const err = compileError({ 'a.rego': 'package a\np if {\n  x := 1\n  x := 2\n}' });
    expect(err.code).toBe('rego_compile_error');
    expect(err.message).toContain('var x assigned above');
  });
  it('gives a comprehension its own copy of a var declared later outside', async () => {
    const p = compileSync({ modules: { 'a.rego': 'package a\nxs := {"a", "b"}\np := x if {\n  y := {x | xs[x]}\n  x := count(y)\n}' } });
    expect(await p.query('data.a.p = v')).toEqual([{ v: 2 }]);
  });
});

describe('checkCalls', () => {
  it('reports undefined functions and wrong arity', () => {
    expect(compileError({ 'a.rego': 'package a\np if nosuch(1)' }).message).toContain('undefined function nosuch');
    expect(compileError({ 'a.rego': 'package a\np if count(1, 2, 3)' }).message).toContain('count: too many arguments');
  });
  it('rejects literal operands of the wrong type', () => {
    const err = compileError({ 'a.rego': 'package a\np := upper(1)' });
    expect(err.code).toBe('rego_type_error');
    expect(err.message).toContain('upper: invalid argument(s): operand 1 must be string but got number');
  });
  it('rejects deprecated builtins (Rego v1)', () => {
    expect(compileError({ 'a.rego': 'package a\np if any([true])' }).message).toContain('deprecated built-in function calls in expression: any');
  });
});

describe('checkSafety', () => {
  it('re-orders a consumer after its generator', () => {
    const c = compiled('package a\np contains y if {\n  y > 1\n  y = [1, 2, 3][_]\n}');
    const body = childAt(c.root, ['a', 'p'], false)!.rules[0]!.body;
    expect(body[0]!.body.kind).toBe('call');
    expect(body.map((e) => e.index)).toEqual([1, 0]);
  });
  it('reports an unbound var with OPA message and code', () => {
    const err = compileError({ 'a.rego': 'package a\np if { x > 1 }' });
    expect(err.code).toBe('rego_unsafe_var_error');
    expect(err.message).toBe('a.rego:2: rego_unsafe_var_error: var x is unsafe');
  });
  it('checks head vars too', () => {
    expect(compileError({ 'a.rego': 'package a\np contains x if { true }' }).message).toContain('var x is unsafe');
  });
});

describe('checkRecursion', () => {
  it('rejects rules that depend on themselves', () => {
    const err = compileError({ 'a.rego': 'package a\np if q\nq if p' });
    expect(err.code).toBe('rego_recursion_error');
    expect(err.message).toContain('is recursive');
  });
});

describe('foldConstants and buildIndexes', () => {
  it('folds constant values and indexes clauses on input equalities', async () => {
    const src = ['package a', ...['GET', 'POST', 'PUT', 'DELETE'].map((m, i) => `allow := ${i} if input.method == "${m}"`)].join('\n');
    const c = compiled(src);
    const node = childAt(c.root, ['a', 'allow'], false)!;
    expect(node.rules.every((r) => r.constValue !== undefined)).toBe(true);
    expect(node.index?.byValue.size).toBe(4);
    const p = compileSync({ modules: { 'a.rego': src } });
    expect(await p.query('data.a.allow = x', { input: { method: 'PUT' } })).toEqual([{ x: 2 }]);
    expect(await p.query('data.a.allow = x', { input: { method: 'HEAD' } })).toEqual([]);
  });
});

describe('rewriteLocals: use before :=', () => {
  it('rejects := of a var referenced earlier in the body', () => {
    expect(compileError({ 'a.rego': 'package a\np if {\n  y > 1\n  y := 2\n}' }).message).toContain('var y referenced above');
  });
});

describe('rewriteLocals: OPA redeclaration messages', () => {
  it('names args and some-declared vars', () => {
    expect(compileError({ 'a.rego': 'package a\nf(x) := y if {\n  x := 1\n  y := 2\n}' }).message).toContain('arg x redeclared');
    expect(compileError({ 'a.rego': 'package a\np if {\n  some x\n  x := 1\n}' }).message).toContain('var x declared above');
  });
});
