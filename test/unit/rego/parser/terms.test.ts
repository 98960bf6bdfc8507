import { describe, expect, it } from 'vitest';
import { parseQuery, parseTerm } from '../../../../src/rego/parser/index.js';
import { printBody, printTerm } from '../../../../src/rego/ast/print.js';
import type { Expr, Term } from '../../../../src/rego/ast/types.js';
import { BigNum } from '../../../../src/rego/value/index.js';

/** The query printed back, with every infix call inside a term in parentheses. */
function q(src: string): string {
  return printBody(parseQuery(src));
}

describe('operator precedence (OPA v1/ast/parser.go)', () => {
  it('binds * / % tighter than + -, tighter than &, tighter than |', () => {
    expect(q('x := 1 + 2 * 3')).toBe('x := (1 + (2 * 3))');
    expect(q('x := 1 * 2 + 3 % 4 / 5')).toBe('x := ((1 * 2) + ((3 % 4) / 5))');
    expect(q('x := a | b & c')).toBe('x := (a | (b & c))');
    expect(q('x := a & b + c')).toBe('x := (a & (b + c))');
  });
  it('puts relations below | and `in` below relations', () => {
    expect(q('a | b == c')).toBe('(a | b) == c');
    expect(q('x := a == b')).toBe('x := (a == b)');
    expect(q('a == b in c')).toBe('(a == b) in c');
    expect(q('x in xs == true')).toBe('x in (xs == true)');
    expect(q('k, v in {"a": 1}')).toBe('k, v in {"a": 1}');
  });
  it('associates to the left', () => {
    expect(q('x := 1 - 2 - 3')).toBe('x := ((1 - 2) - 3)');
    expect(q('x := 8 / 4 / 2')).toBe('x := ((8 / 4) / 2)');
    expect(q('a < b == c')).toBe('(a < b) == c');
  });
  it('honours parentheses', () => {
    expect(q('x := (1 + 2) * 3')).toBe('x := ((1 + 2) * 3)');
  });
  it('makes calls of operators with their builtin names', () => {
    const [e] = parseQuery('a != b') as [Expr];
    expect(e.body).toMatchObject({ kind: 'call', fn: { type: 'ref', terms: [{ type: 'var', name: 'neq' }] } });
    const [m] = parseQuery('k, v in xs') as [Expr];
    expect(m.body).toMatchObject({ kind: 'call', fn: { terms: [{ name: 'internal' }, { value: 'member_3' }] } });
  });
});

describe('terms', () => {
  it('reads scalars, keeping number text exact', () => {
    expect(parseTerm('null')).toMatchObject({ type: 'null' });
    expect(parseTerm('true')).toMatchObject({ type: 'boolean', value: true });
    expect(parseTerm('1.0')).toMatchObject({ type: 'number', value: 1, text: '1.0' });
    expect(parseTerm('-5')).toMatchObject({ type: 'number', value: -5, text: '-5' });
    expect(parseTerm('.5')).toMatchObject({ type: 'number', value: 0.5, text: '.5' });
    const big = parseTerm('18446744073709551614') as Term & { value: unknown };
    expect(big.value).toBeInstanceOf(BigNum);
    expect(String(big.value)).toBe('18446744073709551614');
    expect(parseTerm('"a\\u0041"')).toMatchObject({ type: 'string', value: 'aA' });
    expect(parseTerm('`a\\n`')).toMatchObject({ type: 'string', value: 'a\\n', raw: true });
  });
  it('reads refs with dots, brackets and calls', () => {
    expect(parseTerm('input.a["b"][x].c')).toMatchObject({
      type: 'ref',
      terms: [{ type: 'var', name: 'input' }, { value: 'a' }, { value: 'b' }, { type: 'var', name: 'x' }, { value: 'c' }],
    });
    expect(parseTerm('data')).toMatchObject({ type: 'ref', terms: [{ type: 'var', name: 'data' }] });
    expect(parseTerm('strings.replace_n(p, s)')).toMatchObject({
      type: 'call',
      fn: { type: 'ref', terms: [{ name: 'strings' }, { value: 'replace_n' }] },
      args: [{ name: 'p' }, { name: 's' }],
    });
    expect(printTerm(parseTerm('data.lib.f(x)[0].y'))).toBe('data.lib.f(x)[0].y');
    expect(printTerm(parseTerm('[1, 2][i]'))).toBe('[1, 2][i]');
  });
  it('does not continue a ref across whitespace', () => {
    expect(q('x := a [1]').length).toBeGreaterThan(0);
    expect(() => parseTerm('a [1]')).toThrow(/rego_parse_error/);
  });
  it('reads collections: set() and {} are the empty set and object', () => {
    expect(parseTerm('set()')).toMatchObject({ type: 'set', items: [] });
    expect(parseTerm('{}')).toMatchObject({ type: 'object', items: [] });
    expect(parseTerm('{1, 2,}')).toMatchObject({ type: 'set', items: [{ value: 1 }, { value: 2 }] });
    expect(parseTerm('{"a": 1, x: [2]}')).toMatchObject({ type: 'object', items: [[{ value: 'a' }, { value: 1 }], [{ name: 'x' }, { type: 'array' }]] });
    expect(printTerm(parseTerm('{a | b}'))).toBe('{a | b}');
    expect(parseTerm('{a | b}')).toMatchObject({ type: 'setcomp' });
    expect(parseTerm('{(a | b)}')).toMatchObject({ type: 'set', items: [{ type: 'call' }] });
  });
  it('reads comprehensions', () => {
    expect(parseTerm('[x | some x in xs; x > 1]')).toMatchObject({ type: 'arraycomp', term: { name: 'x' }, body: [{ body: { kind: 'somein' } }, { index: 1 }] });
    expect(parseTerm('{k: v | v := m[k]}')).toMatchObject({ type: 'objectcomp', key: { name: 'k' }, value: { name: 'v' } });
    expect(parseTerm('{x + 1: y | y := 1; x := 2}')).toMatchObject({ type: 'objectcomp', key: { type: 'call' } });
  });
  it('renames each wildcard to a unique generated var', () => {
    const [e] = parseQuery('[_, _] = [_, x]') as [Expr];
    const names = JSON.stringify(e.body).match(/"\$_\d+"/g);
    expect(names).toEqual(['"$_0"', '"$_1"', '"$_2"']);
  });
  it('splits template strings into literal parts and terms', () => {
    expect(parseTerm('$"a {x} b {count(y)}"')).toMatchObject({
      type: 'template',
      parts: ['a ', { type: 'var', name: 'x' }, ' b ', { type: 'call', fn: { terms: [{ name: 'count' }] } }],
    });
    expect(parseTerm('$`x\\{y}`')).toMatchObject({ type: 'template', parts: ['x{y}'], raw: true });
  });
  it('sets locations with row, column and text', () => {
    const [e] = parseQuery('x := 1\n  y := f(x, 2)', 'q.rego').slice(1) as [Expr];
    expect(e.loc).toEqual({ file: 'q.rego', row: 2, col: 3, text: 'y := f(x, 2)' });
    expect(e.index).toBe(1);
    const call = e.body.kind === 'call' ? e.body.args[1] : undefined;
    expect(call?.loc).toEqual({ file: 'q.rego', row: 2, col: 8, text: 'f(x, 2)' });
  });
});

describe('expressions', () => {
  it('reads some, some-in, every, not and with', () => {
    expect(parseQuery('some x, y')[0]!.body).toMatchObject({ kind: 'some', vars: [{ name: 'x' }, { name: 'y' }] });
    expect(parseQuery('some x in xs')[0]!.body).toMatchObject({ kind: 'somein', value: { name: 'x' }, collection: { name: 'xs' } });
    expect(parseQuery('some k, v in xs')[0]!.body).toMatchObject({ kind: 'somein', key: { name: 'k' }, value: { name: 'v' } });
    expect(parseQuery('every k, v in xs { v > k }')[0]!.body).toMatchObject({
      kind: 'every',
      key: { name: 'k' },
      value: { name: 'v' },
      domain: { name: 'xs' },
      body: [{ body: { kind: 'call' } }],
    });
    const [n] = parseQuery('not p with input as {} with data.x.f as g');
    expect(n).toMatchObject({
      negated: true,
      body: { kind: 'term', term: { name: 'p' } },
      with: [{ target: { terms: [{ name: 'input' }] }, value: { type: 'object' } }, { target: { terms: [{ name: 'data' }, { value: 'x' }, { value: 'f' }] } }],
    });
  });
  it('separates expressions by newlines or semicolons', () => {
    expect(parseQuery('a; b\nc').map((e) => e.index)).toEqual([0, 1, 2]);
    // As in OPA, statements of a query need no separator; inside braces they do.
    expect(parseQuery('a b')).toHaveLength(2);
    expect(() => parseQuery('x := [y | a b]')).toThrow('unexpected identifier token: expected \\n or ; or ]');
  });
  it('makes a call statement of a top-level call', () => {
    expect(parseQuery('f(x, y)')[0]!.body).toMatchObject({ kind: 'call', fn: { terms: [{ name: 'f' }] }, args: [{ name: 'x' }, { name: 'y' }] });
    expect(parseQuery('x = count(y)')[0]!.body).toMatchObject({ kind: 'call', fn: { terms: [{ name: 'eq' }] }, args: [{ name: 'x' }, { type: 'call' }] });
  });
  it('reads keywords in refs', () => {
    expect(printBody(parseQuery('input.if == data.else[0]; if.x == 1'))).toBe('input.if == data.else[0]; if.x == 1');
  });
});
