import { describe, expect, it } from 'vitest';
import { globBuiltins } from '../../../../src/rego/builtins/glob.js';
import type { BuiltinContext } from '../../../../src/rego/builtins/types.js';
import type { Value } from '../../../../src/rego/value/index.js';

const ctx = {} as BuiltinContext;
const match = (p: string, d: Value, s: string): Value | undefined => globBuiltins[0]!.impl([p, d, s], ctx);

describe('glob.match (conformance cases)', () => {
  it.each([
    ['*.github.com', ['.'], 'api.github.com', true],
    ['api.**.com', ['.'], 'api.github.com', true],
    ['api.**.com', ['.'], 'api.cdn.github.com', true],
    ['*:github:com', [':'], 'api:github:com', true],
    ['*.github.com', ['.'], 'api.not-github.com', false],
    ['[abc]at', [], 'cat', true],
    ['[abc]at', [], 'fat', false],
    ['[!abc]at', [], 'fat', true],
    ['[!abc]at', [], 'cat', false],
    ['[a-c]at', [], 'bat', true],
    ['[a-c]at', [], 'fat', false],
    ['[!a-c]at', [], 'bat', false],
    ['[!a-c]at', [], 'fat', true],
    ['?at', [], 'fat', true],
    ['?at', [], 'at', false],
    ['?at', ['f'], 'bat', true],
    ['?at', ['f'], 'fat', false],
    ['{cat,bat,[fr]at}', [], 'cat', true],
    ['{cat,bat,[fr]at}', [], 'rat', true],
    ['{cat,bat,[fr]at}', [], 'at', false],
    ['*', ['.'], 'foo', true],
    ['*', [], 'foo.bar', false],
    ['*', null, 'foo.bar', true],
    ['foo*', null, 'foo.bar', true],
    ['?', null, '', false],
    ['[!0-9]', null, '', false],
    ['a/*/b', null, 'a/b', false],
    ['a/*/b', null, 'a/x/b', true],
    ['a/**/b', null, 'a/b', false],
    ['a/**/b', null, 'a//b', true],
    ['**/x', null, 'x', false],
    ['{**/,}x', null, 'x', true],
    ['***', ['.'], '', true],
    ['*?*', ['.', '/'], 'api.github.com', false],
    ['*?*', ['.', '/'], 'abc', true],
    ['*', ['.', '/'], 'a/b', false],
    ['\\*', null, '*', true],
    ['\\*', null, 'a', false],
    ['a-b(c)|d$', null, 'a-b(c)|d$', true],
    ['{a,b}}', null, 'a}', true],
  ] as [string, Value, string, boolean][])('glob.match(%j, %j, %j) = %s', (p, d, s, want) => {
    expect(match(p, d, s)).toBe(want);
  });

  it('reports gobwas errors and OPA operand errors', () => {
    expect(() => match('[a', null, 'a')).toThrow('unexpected end of input');
    expect(() => match('[]', null, 'a')).toThrow('could not parse range');
    expect(() => match('[z-a]', null, 'a')).toThrow("hi character 'a' should be greater than lo 'z'");
    expect(() => match('*', ['ab'], 'a')).toThrow('operand 2 must be array of runes but got array containing string');
    expect(() => match('*', 'x', 'a')).toThrow('operand 2 must be one of {array, null} but got string');
  });

  it('quote_meta', () => {
    expect(globBuiltins[1]!.impl(['*.github.com'], ctx)).toBe('\\*.github.com');
    expect(globBuiltins[1]!.impl(['{a}[b]?\\'], ctx)).toBe('\\{a\\}\\[b\\]\\?\\\\');
  });
});
