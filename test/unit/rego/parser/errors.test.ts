import { describe, expect, it } from 'vitest';
import { parseModule, parseQuery } from '../../../../src/rego/parser/index.js';
import { RegoError } from '../../../../src/rego/errors.js';

/** Every error of a failed parse as "row:col message". */
function errors(src: string): string[] {
  try {
    parseModule(src, 'e.rego');
  } catch (e) {
    expect(e).toBeInstanceOf(RegoError);
    const r = e as RegoError;
    expect(r.code).toBe('rego_parse_error');
    return (r.errors.length > 0 ? r.errors : [r]).map((x) => `${x.location?.row}:${x.location?.col} ${x.rawMessage}`);
  }
  throw new Error('expected a parse error');
}

describe('parse errors (OPA wording, row:col)', () => {
  it('requires if and contains (Rego v1)', () => {
    expect(errors('package p\n\np { true }')).toEqual(['3:1 `if` keyword is required before rule body']);
    expect(errors('package p\n\nf(x) { true }')).toEqual(['3:1 `if` keyword is required before function body']);
    expect(errors('package p\n\np[x] { x := 1 }')).toEqual([
      '3:1 `if` keyword is required before rule body',
      '3:1 `contains` keyword is required for partial set rules',
    ]);
  });
  it('reports unexpected tokens where they are', () => {
    expect(errors('package p\n\np if {\n\tx := 1 y := 2\n}')).toEqual(['4:9 unexpected identifier token: expected \\n or ; or }']);
    expect(errors('package p\n\np := ')).toEqual(['3:6 unexpected eof token', '3:6 unexpected eof token: expected rule value term (e.g., p := <VALUE> { ... })']);
    expect(errors('package p\n\nx := [1, 2')[0]).toBe('3:11 unexpected eof token: expected "," or "]"');
    expect(errors('package p\n\np if {\n\tnot some x\n}')).toEqual(["4:6 unexpected some keyword: illegal negation of 'some'"]);
    expect(errors('package p\n\np if {\n\tevery x in xs\n}')).toEqual(['5:1 unexpected } token: missing body']);
  });
  it('reports lexical errors once', () => {
    expect(errors('package p\n\nx := "abc')).toEqual(['3:6 non-terminated string']);
    expect(errors('package p\n\nx := "a\\qb"')).toEqual(['3:6 illegal escape sequence']);
    expect(errors('package p\n\nx := a ! b')).toEqual(['3:8 illegal ! character']);
    expect(errors('package p\n\nx := 01')[0]).toBe('3:6 unexpected number token: expected number without leading zero');
  });
  it('explains statements that are not rules', () => {
    expect(errors('package p\n\np')).toEqual(['3:1 var cannot be used for rule name']);
    expect(errors('package p\n\n"a" = 1')).toEqual(['3:1 string cannot be used for rule name']);
    expect(errors('package p\n\na.b.c')).toEqual(['3:1 rule must have value assignment and/or body declaration']);
    expect(errors('package p\n\nx := 1 + 2\n1 + 2')).toEqual(['4:1 rule name conflicts with built-in function']);
  });
  it('checks packages, imports, defaults and else', () => {
    expect(errors('p := 1')).toEqual(['1:1 package expected']);
    expect(errors('')).toEqual(['1:1 empty module']);
    expect(errors('package p\n\np := 1\npackage q')).toEqual(['4:1 unexpected package']);
    expect(errors('package p\n\nimport foo.bar')).toEqual(['3:8 unexpected import path, must begin with one of: {data, future, input, rego}, got: foo']);
    expect(errors('package p\n\nimport future.keywords.foo')).toEqual(['3:8 unexpected keyword, must be one of [contains every if in]']);
    expect(errors('package p\n\nimport rego.v3')).toEqual(['3:8 invalid import `rego.v3`, must be `rego.v1`']);
    expect(errors('package p\n\ndefault p := x')).toEqual(['3:1 illegal default rule (value cannot contain var)']);
    expect(errors('package p\n\np[x] := 1 if true else := 2')).toEqual(['3:19 else keyword cannot be used on rules with variables in head']);
    expect(errors('package p\n\np contains x if {\n\tx := 1\n} else := 2')).toEqual(['5:3 else keyword cannot be used on multi-value rules']);
  });
  it('reports errors of several statements, resuming at the next rule', () => {
    expect(errors('package p\n\nq if {\n\tx = 1 +\n}\n\nr if {\n\ty := )\n}\n\ns := 1')).toEqual(['5:1 unexpected } token', '8:7 unexpected ) token']);
  });
  it('formats messages as OPA does', () => {
    try {
      parseModule('package p\n\np { true }', 'policy.rego');
    } catch (e) {
      expect((e as Error).message).toBe('policy.rego:3: rego_parse_error: `if` keyword is required before rule body');
    }
    expect(() => parseQuery('x := ', 'q')).toThrow('q:1: rego_parse_error: unexpected eof token');
  });
});

describe('deep nesting', () => {
  it('is a parse error, never a stack overflow', () => {
    for (const [open, close] of [['[', ']'], ['(', ')'], ['[x | x := ', ']'], ['{', '}']]) {
      const src = `package p\n\nx := ${open!.repeat(5000)}1${close!.repeat(5000)}\n`;
      expect(() => parseModule(src, 'd.rego')).toThrow('max parsing recursion depth exceeded');
    }
    expect(parseModule(`package p\n\nx := ${'['.repeat(100)}1${']'.repeat(100)}`, 'd.rego').rules).toHaveLength(1);
  });
});
