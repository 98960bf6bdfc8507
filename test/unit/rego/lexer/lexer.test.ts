import { describe, expect, it } from 'vitest';
import { tokenize, Tok, tokenName } from '../../../../src/rego/lexer/index.js';

function kinds(src: string): string[] {
  return tokenize(src).tokens.map((t) => tokenName(t.kind));
}

describe('lexer', () => {
  it('reads identifiers, keywords and operators', () => {
    expect(kinds('p contains x if { x := a.b[0]; x != 1 }')).toEqual([
      'identifier', 'contains', 'identifier', 'if', '{', 'identifier', 'assign', 'identifier', '.', 'identifier',
      '[', 'number', ']', ';', 'identifier', 'neq', 'number', '}', 'eof',
    ]);
    expect(kinds('= == := < <= > >= + - * / % & | : ,')).toEqual([
      'eq', 'equal', 'assign', 'lt', 'lte', 'gt', 'gte', 'plus', 'minus', 'mul', 'div', 'rem', 'and', 'or', ':', ',', 'eof',
    ]);
    expect(kinds('package import as default else not some with null true false every in')).toEqual([
      'package', 'import', 'as', 'default', 'else', 'not', 'some', 'with', 'null', 'true', 'false', 'every', 'in', 'eof',
    ]);
  });

  it('keeps rows, columns, whitespace and newline flags', () => {
    const { tokens } = tokenize('a  b\n  c\td');
    expect(tokens.map((t) => [t.text, t.row, t.col, t.ws, t.nl])).toEqual([
      ['a', 1, 1, false, false],
      ['b', 1, 4, true, false],
      ['c', 2, 3, true, true],
      ['d', 2, 5, true, false],
      ['', 2, 6, false, false],
    ]);
  });

  it('counts columns in code points', () => {
    const { tokens } = tokenize('"😀é" x');
    expect(tokens[1]!.col).toBe(6);
  });

  it('keeps numbers as written', () => {
    const { tokens } = tokenize('1 1.0 12.5e-3 18446744073709551614 1e400');
    expect(tokens.slice(0, 5).map((t) => [t.kind, t.text])).toEqual([
      [Tok.Number, '1'],
      [Tok.Number, '1.0'],
      [Tok.Number, '12.5e-3'],
      [Tok.Number, '18446744073709551614'],
      [Tok.Number, '1e400'],
    ]);
    expect(tokenize('1.x').tokens[0]!.error).toBe('expected fraction');
    expect(tokenize('0a2b').tokens[0]!.error).toBe('illegal number format');
  });

  it('decodes strings with JSON escapes and keeps raw strings verbatim', () => {
    const { tokens } = tokenize('"a\\n\\t\\"\\u00e9\\ud83d\\ude00" `x\\ny\nz`');
    expect(tokens[0]!.value).toBe('a\n\t"é😀');
    expect(tokens[1]!.value).toBe('x\\ny\nz');
    expect(tokens[1]!.raw).toBe(true);
    expect(tokens[2]!.row).toBe(2);
    expect(tokenize('"abc').tokens[0]!.error).toBe('non-terminated string');
    expect(tokenize('"a\\qb"').tokens[0]!.error).toBe('illegal escape sequence');
  });

  it('records comments apart from tokens', () => {
    const r = tokenize('# METADATA\r\n# title: x\np := 1 # trailing');
    expect(r.comments.map((c) => [c.text, c.row, c.col])).toEqual([
      [' METADATA', 1, 1],
      [' title: x', 2, 1],
      [' trailing', 3, 8],
    ]);
    expect(r.tokens[0]!.nl).toBe(true);
  });

  it('splits template strings around embedded expressions', () => {
    const { tokens } = tokenize('$"a {x} b {{1}} \\{c}"');
    expect(tokens.map((t) => [tokenName(t.kind), t.value ?? t.text])).toEqual([
      ['template-string-part', 'a '],
      ['identifier', 'x'],
      ['}', '}'],
      ['template-string-part', ' b '],
      ['{', '{'],
      ['number', '1'],
      ['}', '}'],
      ['}', '}'],
      ['template-string-end', ' {c}'],
      ['eof', ''],
    ]);
  });

  it('reads raw template strings over several lines', () => {
    const { tokens } = tokenize('$`a\n{x}\\{y}\n` z');
    expect(tokens.map((t) => [tokenName(t.kind), t.value ?? t.text, t.row])).toEqual([
      ['template-string-part', 'a\n', 1],
      ['identifier', 'x', 2],
      ['}', '}', 2],
      ['template-string-end', '{y}\n', 2],
      ['identifier', 'z', 3],
      ['eof', '', 3],
    ]);
  });

  it('handles nested template strings', () => {
    const { tokens } = tokenize('$"<{$"[{x}]"}>"');
    expect(tokens.map((t) => t.value ?? t.text)).toEqual(['<', '[', 'x', '}', ']', '}', '>', '']);
  });

  it('marks illegal characters', () => {
    expect(tokenize('a ! b').tokens[1]!.error).toBe('illegal ! character');
    expect(tokenize('$x').tokens[0]!.error).toBe('illegal $ character');
  });
});
