import { describe, expect, it } from 'vitest';
import { regexBuiltins } from '../../../../src/rego/builtins/regex.js';
import { translateRE2 } from '../../../../src/rego/builtins/lib-b/re2.js';
import type { BuiltinContext } from '../../../../src/rego/builtins/types.js';
import type { Value } from '../../../../src/rego/value/index.js';

const ctx = {} as BuiltinContext;
const call = (name: string, ...args: Value[]): Value | undefined => {
  const d = regexBuiltins.find((b) => b.name === name);
  if (!d) throw new Error(name);
  return d.impl(args, ctx);
};
const re = (p: string): RegExp => {
  const t = translateRE2(p);
  return new RegExp(t.source, t.flags);
};

describe('RE2 -> JavaScript translation', () => {
  it.each([
    ['(?P<year>\\d{4})-(?P<m>\\d\\d)', '2024-05', true],
    ['(?<y>a)', 'a', true],
    ['^abc\\z', 'abc', true],
    ['\\Aabc', 'xabc', false],
    ['(?i)hello', 'HeLLo', true],
    ['a(?i)b', 'aB', true],
    ['a(?i)b', 'AB', false],
    ['(?i:a)b', 'Ab', true],
    ['(?i:a)b', 'AB', false],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['a.b', 'a\rb', true],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b$', 'a\nb\nc', false],
    ['[[:alpha:]]+$', 'abc', true],
    ['^[[:^digit:]]+$', 'abc', true],
    ['^[[:^digit:]]+$', 'a1', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['^\\s$', '\u00a0', false],
    ['^\\s$', '\t', true],
    ['^\\w+$', 'héllo', false],
    ['\\pL', 'é', true],
    ['\\p{Greek}', 'α', true],
    ['\\PL', 'é', false],
    ['a{,3}', 'a{,3}', true],
    ['x{2}', 'xx', true],
    ['^[]a]+$', ']a', true],
    ['^[^]a]$', 'b', true],
    ['\\x41\\x{42}\\101', 'ABA', true],
    ['^(?i)k$', '\u212a', true],
    ['^\\$\\.$', '$.', true],
    ['^a-b$', 'a-b', true],
    ['^[a\\-z]+$', 'a-z', true],
    ['^*', 'x', true],
    ['^a(?i)é$', 'aÉ', true],
    ['^A(?i)é$', 'aÉ', false],
    ['^x(?i)ι$', 'x\u1fbe', true],
    ['^x(?i)[^k]$', 'x\u212a', false],
  ])('%s on %j -> %s', (pattern, input, want) => {
    expect(re(pattern).test(input)).toBe(want);
  });

  it('makes (?U) swap greediness', () => {
    expect('aaa'.match(re('(?U)a+'))?.[0]).toBe('a');
    expect('aaa'.match(re('(?U)a+?'))?.[0]).toBe('aaa');
  });

  it.each([
    ['(?=a)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['(?!a)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?!`'],
    ['(?<=a)b', 'error parsing regexp: invalid named capture: `(?<=a)b`'],
    ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['\\Z', 'error parsing regexp: invalid escape sequence: `\\Z`'],
    ['[', 'error parsing regexp: missing closing ]: `[`'],
    ['$^[[[', 'error parsing regexp: missing closing ]: `[[[`'],
    ['(abc', 'error parsing regexp: missing closing ): `(abc`'],
    ['abc)', 'error parsing regexp: unexpected ): `abc)`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['a*+', 'error parsing regexp: invalid nested repetition operator: `*+`'],
    ['*a', 'error parsing regexp: missing argument to repetition operator: `*`'],
    ['++', 'error parsing regexp: missing argument to repetition operator: `+`'],
    ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
    ['[[:foo:]]', 'error parsing regexp: invalid character class range: `[:foo:]`'],
    ['(?P<a>x)(?P<a>y)', 'error parsing regexp: duplicate capture group name: `(?P<a>`'],
    ['(?P<a-b>x)', 'error parsing regexp: invalid named capture: `(?P<a-b>`'],
    ['\\p{Foo}', 'error parsing regexp: invalid character class range: `\\p{Foo}`'],
    ['a\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
  ])('rejects %s', (pattern, message) => {
    expect(() => translateRE2(pattern)).toThrow(message);
  });
});

describe('regex builtins (conformance cases)', () => {
  it('find_n', () => {
    expect(call('regex.find_n', 'a.', 'paranormal', -1)).toEqual(['ar', 'an', 'al']);
    expect(call('regex.find_n', 'a.', 'paranormal', 2)).toEqual(['ar', 'an']);
    expect(call('regex.find_n', 'a.', 'paranormal', 0)).toEqual([]);
    expect(call('regex.find_n', '^a.', 'abacadaeaf', -1)).toEqual(['ab']);
    expect(call('regex.find_n', '.$', 'abacadaeaf', -1)).toEqual(['f']);
    expect(call('regex.find_n', '[abcdef]{2}', 'abacadaeaf', -1)).toEqual(['ab', 'ac', 'ad', 'ae', 'af']);
    expect(call('regex.find_n', 'a*', 'baaac', -1)).toEqual(['', 'aaa', '']);
  });

  it('find_all_string_submatch_n', () => {
    const f = (p: string, s: string, n = -1) => call('regex.find_all_string_submatch_n', p, s, n);
    expect(f('a(x*)b', '-')).toEqual([]);
    expect(f('a(x*)b', '-ab-axb-')).toEqual([
      ['ab', ''],
      ['axb', 'x'],
    ]);
    expect(f('[^aouiye]([aouiye])([^aouiye])?', 'somestri')).toEqual([
      ['som', 'o', 'm'],
      ['ri', 'i', ''],
    ]);
    expect(f('[^aouiye]([aouiye])([^aouiye])?', 'somestri', 1)).toEqual([['som', 'o', 'm']]);
  });

  it('is_valid and match', () => {
    expect(call('regex.is_valid', 10)).toBe(false);
    expect(call('regex.is_valid', '++')).toBe(false);
    expect(call('regex.is_valid', '.+')).toBe(true);
    expect(call('regex.match', '^[a-z]+\\[[0-9]+\\]$', 'foo[1]')).toBe(true);
    expect(call('regex.match', '', 'x')).toBe(true);
    expect(call('regex.match', '^$', 'something')).toBe(false);
    expect(() => call('regex.match', '$^[[[', 'something')).toThrow('error parsing regexp: missing closing ]');
  });

  it('replace with Go ReplaceAllString semantics', () => {
    const r = (s: string, p: string, v: string) => call('regex.replace', s, p, v);
    expect(r('-wy-wxxy-', 'w(x*)y', '0')).toBe('-0-0-');
    expect(r('foo', '(foo)', '$1$1')).toBe('foofoo');
    expect(r('foo', '^[a-z]', 'F')).toBe('Foo');
    expect(r('foo', '[a-z]$', 'F')).toBe('foF');
    expect(r('foo', '^[a-z]+$', 'M')).toBe('M');
    expect(r('foo bar', '[a-z]', '_')).toBe('___ ___');
    expect(r('foo barx', '[a-z]{2}', '_')).toBe('_o __');
    expect(r('abc', 'b*', '-')).toBe('-a-c-');
    expect(r('ab', '(?P<x>a)', '${x}$x1[$$]')).toBe('a[$]b');
    expect(() => r('foo', '[', '$1')).toThrow('missing closing ]');
  });

  it('split', () => {
    const s = (p: string, v: string) => call('regex.split', p, v);
    expect(s('^[a-z]+\\[[0-9]+\\]$', '')).toEqual(['']);
    expect(s('^[a-z]+', 'foobar baz')).toEqual(['', ' baz']);
    expect(s('[a-z]+$', 'foobar baz')).toEqual(['foobar ', '']);
    expect(s('^[a-z]+$', 'foobar baz')).toEqual(['foobar baz']);
    expect(s('^[a-z ]+$', 'foobar baz')).toEqual(['', '']);
    expect(s('a', 'banana')).toEqual(['b', 'n', 'n', '']);
    expect(s('z+', 'pizza')).toEqual(['pi', 'a']);
  });

  it('template_match', () => {
    expect(call('regex.template_match', 'urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}')).toBe(true);
    expect(call('regex.template_match', 'urn:foo:<.*>', 'urn:foo:bar:baz', '<', '>')).toBe(true);
    expect(call('regex.template_match', 'urn:foo:<[0-9]+>', 'urn:foo:bar', '<', '>')).toBe(false);
    expect(() => call('regex.template_match', 'urn:{a', 'x', '{', '}')).toThrow('unbalanced braces in "urn:{a"');
  });

  it('globs_match', () => {
    const g = (a: string, b: string) => call('regex.globs_match', a, b);
    expect(g('a.a.[0-9]+z', '.b.b2359825792*594823z')).toBe(true);
    expect(g('[a-z]+', '[0-9]*')).toBe(false);
    expect(g('b.*', 'bar')).toBe(true);
    expect(g('[a-z]+\\[[0-9]+\\]', 'foo\\[1\\]')).toBe(true);
    expect(g('[a-z]+\\[[0-9]+\\]', 'foo["bar"]')).toBe(false);
    expect(() => g('pqrs]', '[a-b]+')).toThrow(
      "input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
    );
  });
});
