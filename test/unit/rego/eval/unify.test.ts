import { describe, expect, it } from 'vitest';
import { run, value } from './helpers.js';

describe('unification', () => {
  it('binds vars inside array and object patterns', () => {
    expect(run('', '[x, y] = [1, 2]')).toEqual([{ x: 1, y: 2 }]);
    expect(run('', '{"a": x, "b": [_, y]} = {"a": 1, "b": [5, 6]}')).toEqual([{ x: 1, y: 6 }]);
    expect(run('', '[x, 1] = [2, y]')).toEqual([{ x: 2, y: 1 }]);
  });
  it('fails on shape or value mismatch', () => {
    expect(run('', '[x, y] = [1, 2, 3]')).toEqual([]);
    expect(run('', '{"a": x} = {"a": 1, "b": 2}')).toEqual([]);
    expect(run('', '1 = 1.0')).toEqual([{}]);
  });
  it('enumerates a ref with an unbound operand', () => {
    expect(run('', 'x = [10, 20][i]')).toEqual([
      { x: 10, i: 0 },
      { x: 20, i: 1 },
    ]);
  });
  it('keeps numbers exact beyond 2^53', () => {
    expect(value('p := 18446744073709551614 if true', 'p')).toBe('18446744073709551614');
    expect(run('', 'x := 9007199254740993; x != 9007199254740992')).toHaveLength(1);
  });
});

describe('query results', () => {
  it('gives [{}] for a true query without vars and [] for undefined', () => {
    expect(run('p := 1', 'data.t.p = 1')).toEqual([{}]);
    expect(run('p := 1', 'data.t.p = 2')).toEqual([]);
  });
  it('omits generated vars', () => {
    expect(run('', 'x := [1][_]')).toEqual([{ x: 1 }]);
  });
});
