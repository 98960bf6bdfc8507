import { describe, expect, it } from 'vitest';
import { parseModule, parseQuery, parseTerm } from '../../../../src/rego/parser/index.js';
import { mapBody, mapTerm, varsOf, walkModule, walkTerm } from '../../../../src/rego/ast/walk.js';
import { cloneTerm, groundPrefix, isGround } from '../../../../src/rego/ast/util.js';
import { printBody, printTerm } from '../../../../src/rego/ast/print.js';
import type { Term } from '../../../../src/rego/ast/types.js';

describe('AST walk', () => {
  it('visits vars in order, into closures unless told not to', () => {
    const body = parseQuery('x := [y | some y in z]; every k, v in w { v > k } with input as i');
    expect(varsOf(body).map((v) => v.name)).toEqual(['assign', 'x', 'y', 'y', 'z', 'k', 'v', 'w', 'gt', 'v', 'k', 'input', 'i']);
    expect(varsOf(body, { closures: false }).map((v) => v.name)).toEqual(['assign', 'x', 'k', 'v', 'w', 'input', 'i']);
  });

  it('skips children when a callback returns false', () => {
    const seen: string[] = [];
    walkTerm(parseTerm('f(a, [b])'), {
      term: (t) => {
        seen.push(t.type);
        return t.type !== 'array';
      },
    });
    expect(seen).toEqual(['call', 'ref', 'var', 'var', 'array']);
  });

  it('visits every rule of a module with its else chain', () => {
    const m = parseModule('package p\n\na := 1 if false else := 2\nb contains 3', 'p.rego');
    const heads: string[] = [];
    walkModule(m, { rule: (r) => void heads.push(`${r.head.name}:${r.head.kind}`) });
    expect(heads).toEqual(['a:complete', 'a:complete', 'b:partialset']);
  });

  it('rewrites bottom-up, copying only what changes', () => {
    const t = parseTerm('{"k": [x, 1], "z": 2}');
    const renamed = mapTerm(t, (u) => (u.type === 'var' && u.name === 'x' ? { ...u, name: 'y' } : undefined));
    expect(printTerm(renamed)).toBe('{"k": [y, 1], "z": 2}');
    expect(printTerm(t)).toBe('{"k": [x, 1], "z": 2}');
    const same = mapTerm(t, () => undefined);
    expect(same).toBe(t);
    const body = parseQuery('x > 1; f(x) with input as x');
    expect(printBody(mapBody(body, (u) => (u.type === 'var' && u.name === 'x' ? parseTerm('input.a') : undefined)))).toBe(
      'input.a > 1; f(input.a) with input as input.a',
    );
  });

  it('clones deeply and tells ground terms', () => {
    const t = parseTerm('[1, {"a": x}]');
    const c = cloneTerm(t);
    expect(c).toEqual(t);
    expect(c).not.toBe(t);
    expect(isGround(t)).toBe(false);
    expect(isGround(parseTerm('[1, {"a": "b"}, {true}]'))).toBe(true);
    const ref = (parseTerm('a.b[c].d') as Term & { terms: Term[] }).terms;
    expect(groundPrefix(ref).length).toBe(2);
  });
});
