// Rules walk sets unsorted (cheaper); wherever the order can be seen, it must still be OPA's
// sorted order: array comprehensions, the query's solutions, print output, and which error wins.
import { describe, expect, it } from 'vitest';
import { compileSync } from '../../../../src/rego/index.js';
import { evalError, run, value } from './helpers.js';

// Insertion order (z, m, a) differs from sorted order (a, m, z).
const SET = `
s contains v if { some v in ["z", "m", "a"] }
objs contains {"id": v} if { some v in ["z", "m", "a"] }
`;

describe('set iteration order', () => {
  it('array comprehensions see sorted order, also inside rules', () => {
    expect(value(`${SET}\narr := [v | some v in s]`, 'arr')).toEqual(['a', 'm', 'z']);
    expect(value(`${SET}\narr := [o.id | some o in objs]`, 'arr')).toEqual(['a', 'm', 'z']);
    expect(value(`${SET}\nf(_) := [v | some v in s]\nr := f(1)`, 'r')).toEqual(['a', 'm', 'z']);
  });

  it('rule values do not depend on the walk order', () => {
    expect(value(`${SET}\nt contains upper(v) if { some v in s }`, 't')).toEqual(['A', 'M', 'Z']);
    expect(value(`${SET}\no[v] := true if { some v in s }`, 'o')).toEqual({ a: true, m: true, z: true });
    expect(value(`${SET}\nfirst := v if { some v in s; v < "b" }`, 'first')).toBe('a');
  });

  it("the query's solutions come in sorted order", () => {
    expect(run(SET, 'data.t.s[x]').map((r) => r.x)).toEqual(['a', 'm', 'z']);
    expect(run(SET, 'some o in data.t.objs; x := o.id').map((r) => r.x)).toEqual(['a', 'm', 'z']);
  });

  it('print output comes in sorted order from rule bodies', () => {
    const lines: string[] = [];
    const policy = compileSync({ modules: { 'p.rego': `package t\n${SET}\nt contains v if { some v in s; print(v) }` } });
    policy.queryValuesSync('x = data.t.t', { print: (m) => lines.push(m) });
    expect(lines).toEqual(['a', 'm', 'z']);
  });

  it('the first error in sorted order is the one reported', () => {
    const src = `${SET}\nn contains x if { some v in s; x := to_number(v) }`;
    const err = evalError(src, 'x = data.t.n', { strictBuiltinErrors: true });
    expect(err.code).toBe('eval_builtin_error');
    expect(err.message).toContain('"a"');
    expect(err.message).not.toContain('"z"');
  });
});
