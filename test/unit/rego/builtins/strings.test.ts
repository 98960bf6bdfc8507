import { describe, expect, it } from 'vitest';
import { stringsBuiltins } from '../../../../src/rego/builtins/strings.js';
import type { BuiltinContext } from '../../../../src/rego/builtins/types.js';
import { RObject, RSet, type Value } from '../../../../src/rego/value/index.js';

const ctx = {} as BuiltinContext;
const call = (name: string, ...args: Value[]): Value | undefined => {
  const d = stringsBuiltins.find((b) => b.name === name);
  if (!d) throw new Error(name);
  return d.impl(args, ctx);
};

describe('string builtins (conformance cases and Go strings semantics)', () => {
  it.each([
    ['concat', ['/', ['', 'foo', 'bar', '0', 'baz']], '/foo/bar/0/baz'],
    ['concat', [',', RSet.from(['2', '1'])], '1,2'],
    ['concat', [',', []], ''],
    ['format_int', [15.5, 16], 'f'],
    ['format_int', [-15.5, 16], '-f'],
    ['format_int', [10, 2], '1010'],
    ['format_int', [8, 8], '10'],
    ['indexof', ['abcabcabcdefgh', 'cde'], 8],
    ['indexof', ['abcdefgh', 'xyz'], -1],
    ['indexof', ['skön var våren', 'vår'], 9],
    ['indexof', ['🍧🍨🧁🍰🍮', '🍮'], 4],
    ['indexof_n', ['dogcatdogcat', 'cat'], [3, 9]],
    ['indexof_n', ['😇😀😇😀😇😀', '😀'], [1, 3, 5]],
    ['indexof_n', ['aaa', 'aa'], [0, 1]],
    ['substring', ['abcdefgh', 2, 3], 'cde'],
    ['substring', ['åäö', 0, 2], 'åä'],
    ['substring', ['aåäö', 2, -1], 'äö'],
    ['substring', ['abcdefgh', 2, 10000], 'cdefgh'],
    ['substring', ['aaa', 4, -1], ''],
    ['contains', ['abcdefgh', 'defg'], true],
    ['startswith', ['abcdefgh', 'bcd'], false],
    ['endswith', ['abcdefgh', 'fgh'], true],
    ['lower', ['AbCdEf'], 'abcdef'],
    ['upper', ['straße'], 'STRAßE'],
    ['lower', ['ΣΑΣ'], 'σασ'],
    ['split', ['', '.'], ['']],
    ['split', ['test', ''], ['t', 'e', 's', 't']],
    ['split', ['', ''], []],
    ['split', ['foo.bar.baz', '.'], ['foo', 'bar', 'baz']],
    ['split', ['😀x😀', ''], ['😀', 'x', '😀']],
    ['replace', ['foo...bar', '..', ',,'], 'foo,,.bar'],
    ['replace', ['ab', '', 'X'], 'XaXbX'],
    ['trim', ['...foo.bar...', '.fr'], 'oo.ba'],
    ['trim', ['¡¡¡foo, bar!!!', '!¡'], 'foo, bar'],
    ['trim_left', ['¡¡¡foo, bar!!!', '!¡'], 'foo, bar!!!'],
    ['trim_right', ['¡¡¡foo, bar!!!', '!¡'], '¡¡¡foo, bar'],
    ['trim_prefix', ['¡¡¡foo, bar!!!', '¡¡¡foo'], ', bar!!!'],
    ['trim_suffix', ['¡¡¡foo, bar!!!', ', bar!!!'], '¡¡¡foo'],
    ['trim_space', [' \t\n foo, bar \n\t\r\n'], 'foo, bar'],
    ['trim_space', ['\u0085x\u00a0'], 'x'],
    ['trim_space', ['\ufeffx'], '\ufeffx'],
    ['strings.count', ['cheese', 'e'], 3],
    ['strings.count', ['dummy', ''], 6],
    ['strings.count', ['11111', '11'], 2],
    ['strings.reverse', ['1😀𝛾'], '𝛾😀1'],
    ['strings.reverse', ['2️⃣'], '⃣️2'],
    ['strings.any_prefix_match', [['a/b/c', 'e/f/g'], ['x/', 'e/']], true],
    ['strings.any_prefix_match', ['a/b/c', []], false],
    ['strings.any_suffix_match', [RSet.from(['a/b/c']), '/c'], true],
    ['strings.split_n', ['a.b.c.d', '.', 2], ['a', 'b']],
    ['strings.split_n', ['a.b.c.d', '.', -2], ['c', 'd']],
    ['strings.split_n', ['a.b.c.d', '.', 0], []],
    ['strings.split_n', ['abc', '', -2], ['b', 'c']],
    ['strings.split_n', ['', '.', 2], ['']],
  ] as [string, Value[], Value][])('%s(%j)', (name, args, want) => {
    expect(call(name, ...args)).toEqual(want);
  });

  it('replace_n follows strings.Replacer with keys in sorted order', () => {
    const r = (pairs: [string, string][], s: string) => call('strings.replace_n', RObject.from(pairs), s);
    expect(r([['<', '&lt;'], ['>', '&gt;']], 'This is <b>HTML</b>!')).toBe('This is &lt;b&gt;HTML&lt;/b&gt;!');
    expect(r([['f', 'x'], ['foo', 'xxx']], 'foobar')).toBe('xoobar');
    expect(r([['info', 'X'], ['anotherinfo', 'Y']], 'anotherinfo')).toBe('Y');
    expect(r([['a', 'YY'], ['bba', 'bX']], 'bbab')).toBe('bXb');
    expect(r([['ab', 'b'], ['b', 'Y']], 'baaabbbba')).toBe('YaabYYYa');
    expect(r([['a', 'b'], ['b', 'a']], 'abba')).toBe('baab');
    expect(r([['a', 'Xa'], ['ab', 'X'], ['ba', 'bYa'], ['aaa', 'X']], 'aaaaab')).toBe('XaXaXaXaXab');
    expect(r([['aab', 'Y'], ['a', ''], ['b', '']], 'bbaab')).toBe('');
    expect(r([['', 'X']], '')).toBe('X');
    expect(r([['', 'X'], ['a', 'Y']], 'ab')).toBe('XYXbX');
    expect(r([['', '-'], ['é', 'e']], 'aéb')).toBe('-a-e-b-');
  });

  it('raises OPA operand errors', () => {
    expect(() => call('strings.reverse', 123)).toThrow('operand 1 must be string but got number');
    expect(() => call('format_int', 4.1, 199)).toThrow('operand 2 must be one of {2, 8, 10, 16}');
    expect(() => call('substring', 'aaa', -1, -1)).toThrow('negative offset');
    expect(() => call('indexof', 'aaa', '')).toThrow('empty search character');
    expect(() => call('concat', '/', ['a', 1])).toThrow('operand 2 must be array of strings but got array containing number');
    expect(() => call('strings.any_prefix_match', [1], 'a')).toThrow('operand 1 must be array of strings but got array containing number');
    expect(() => call('strings.any_prefix_match', 'a', 1)).toThrow('operand 2 must be one of {string, set, array} but got number');
    expect(() => call('strings.split_n', 'a.b', '.', 1.5)).toThrow('operand 3 must be integer number but got floating-point number');
    expect(() => call('strings.replace_n', RObject.from([[2, 'x']]), 'foo')).toThrow('operand 1 non-string key found in pattern object');
    expect(() => call('strings.replace_n', RObject.from([['f', 100]]), 'foo')).toThrow('operand 1 non-string value found in pattern object');
  });
});
