import { describe, expect, it } from 'vitest';
import { parseModule } from '../../../../src/rego/parser/index.js';
import { printRule } from '../../../../src/rego/ast/print.js';
import type { Rule } from '../../../../src/rego/ast/types.js';

function rules(src: string): Rule[] {
  return parseModule(`package test\n\n${src}`, 'test.rego').rules;
}
function rule(src: string): Rule {
  return rules(src)[0]!;
}

describe('rule forms', () => {
  it('complete rules with :=, = and implicit true', () => {
    expect(rule('p := 1').head).toMatchObject({ name: 'p', kind: 'complete', assign: true, value: { value: 1 } });
    expect(rule('p = 1').head).toMatchObject({ kind: 'complete', assign: false, value: { value: 1 } });
    const r = rule('p if { input.x }');
    expect(r.head).toMatchObject({ kind: 'complete', value: { type: 'boolean', value: true }, generatedValue: true });
    expect(r.generatedBody).toBeUndefined();
    expect(rule('p := 1').generatedBody).toBe(true);
    expect(rule('p := 1').body).toMatchObject([{ body: { kind: 'term', term: { type: 'boolean', value: true } } }]);
  });
  it('one-line bodies after if', () => {
    expect(rule('p if input.x > 1').body).toMatchObject([{ body: { kind: 'call', fn: { terms: [{ name: 'gt' }] } } }]);
    expect(rule('p := v if v := input.x').head).toMatchObject({ value: { name: 'v' } });
    // `{ true }` after `if` is a body, not a one-element set.
    expect(rule('p if { true }').body).toMatchObject([{ body: { kind: 'term', term: { type: 'boolean' } } }]);
  });
  it('default rules', () => {
    const r = rule('default allow := false');
    expect(r).toMatchObject({ isDefault: true, head: { name: 'allow', value: { value: false } }, generatedBody: true });
    expect(rule('default f(_) := 1').head).toMatchObject({ kind: 'function', args: [{ name: '$_0' }] });
  });
  it('ref heads: partial objects when a variable follows the name', () => {
    expect(rule('a.b.c := 1').head).toMatchObject({ kind: 'complete', name: 'a', ref: [{ name: 'a' }, { value: 'b' }, { value: 'c' }] });
    const po = rule('a.b[c].d := v if { some c; v := input[c] }').head;
    expect(po).toMatchObject({ kind: 'partialobject', ref: [{ name: 'a' }, { value: 'b' }, { name: 'c' }, { value: 'd' }], key: { value: 'd' } });
    expect(rule('p[x] := 1 if x := "k"').head).toMatchObject({ kind: 'partialobject', key: { name: 'x' } });
    const single = rule('p[x] if { some x in [1] }').head;
    expect(single).toMatchObject({ kind: 'partialobject', key: { name: 'x' }, value: { value: true }, generatedValue: true });
    expect(rule('p["a"] if true').head).toMatchObject({ kind: 'complete', ref: [{ name: 'p' }, { value: 'a' }] });
  });
  it('partial sets with contains, with or without a body', () => {
    expect(rule('deny contains msg if { msg := "x" }').head).toMatchObject({ kind: 'partialset', key: { name: 'msg' } });
    const bare = rule('p contains "a"');
    expect(bare.head).toMatchObject({ kind: 'partialset', key: { value: 'a' } });
    expect(bare.head.value).toBeUndefined();
    expect(bare.generatedBody).toBe(true);
    expect(rule('a.b contains x if x := 1').head).toMatchObject({ kind: 'partialset', ref: [{ name: 'a' }, { value: 'b' }] });
  });
  it('functions with several clauses', () => {
    const [f1, f2, f3] = rules('f(x) := y if y := x + 1\nf(x) if x == 0\ng.h(_, [a, b]) = a');
    expect(f1!.head).toMatchObject({ kind: 'function', args: [{ name: 'x' }], value: { name: 'y' }, assign: true });
    expect(f2!.head).toMatchObject({ kind: 'function', value: { value: true }, generatedValue: true });
    expect(f3!.head).toMatchObject({ kind: 'function', ref: [{ name: 'g' }, { value: 'h' }], args: [{ name: '$_0' }, { type: 'array' }] });
  });
  it('else chains', () => {
    const r = rule('p := 1 if { input.a } else := 2 if { input.b } else = 3');
    expect(r.else).toMatchObject({ head: { value: { value: 2 }, assign: true }, body: [{ body: { kind: 'term' } }] });
    expect(r.else?.else).toMatchObject({ head: { value: { value: 3 }, assign: false }, generatedBody: true });
    const e = rule('f(_) := 1 if false else if true');
    expect(e.else?.head).toMatchObject({ generatedValue: true, args: [{ name: '$_1' }] });
    expect(printRule(rule('p := 1 if { false } else := 2'))).toBe('p := 1 if {\n\tfalse\n} else := 2');
  });
  it('sets the module back-pointer and locations on rules', () => {
    const m = parseModule('package test\n\np := 1 if {\n\ttrue\n} else := 2', 't.rego');
    const r = m.rules[0]!;
    expect(r.module).toBe(m);
    expect(r.else?.module).toBe(m);
    expect(r.loc).toMatchObject({ file: 't.rego', row: 3, col: 1 });
    expect(r.loc?.text).toBe('p := 1 if {\n\ttrue\n} else := 2');
    expect(r.else?.loc).toMatchObject({ row: 5, col: 3 });
  });
  it('keywords in rule heads and packages', () => {
    const m = parseModule('package foo.if.bar\n\nif.foo := 1\nfoo.contains contains "a"', 't.rego');
    expect(m.package.path).toMatchObject([{ name: 'data' }, { value: 'foo' }, { value: 'if' }, { value: 'bar' }]);
    expect(m.rules.map((r) => r.head.kind)).toEqual(['complete', 'partialset']);
  });
  it('imports', () => {
    const m = parseModule('package p\nimport rego.v1\nimport future.keywords.in\nimport data.lib.x as y\nimport input.z', 't.rego');
    expect(m.imports.map((i) => [i.path.terms.length, i.alias])).toEqual([
      [2, undefined],
      [3, undefined],
      [3, 'y'],
      [2, undefined],
    ]);
  });
  it('gives rules with several bodies', () => {
    expect(rules('p if { input.a } { input.b }')).toHaveLength(2);
  });
});

describe('experimental not bodies', () => {
  it('reads `not { ... }` after import rego.v2 or future.keywords.not, as not [true | body][0]', () => {
    for (const imp of ['rego.v2', 'future.keywords.not']) {
      const r = parseModule(`package p\n\nimport ${imp}\n\np if {\n\tnot { input.a; input.b }\n}`, 'n.rego').rules[0]!;
      expect(r.body[0]).toMatchObject({
        negated: true,
        body: { kind: 'term', term: { type: 'ref', terms: [{ type: 'arraycomp', term: { value: true }, body: [{}, {}] }, { value: 0 }] } },
      });
    }
  });
  it('keeps `not {...}` a negated set without the import', () => {
    const r = parseModule('package p\n\np if {\n\tnot {1}\n}', 'n.rego').rules[0]!;
    expect(r.body[0]).toMatchObject({ negated: true, body: { kind: 'term', term: { type: 'set' } } });
  });
});
