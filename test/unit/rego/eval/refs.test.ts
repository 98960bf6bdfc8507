import { describe, expect, it } from 'vitest';
import { compileSync } from '../../../../src/rego/index.js';
import { run, value } from './helpers.js';

describe('data references', () => {
  it('descends into one package without evaluating its siblings', () => {
    // data.t.bad would fail in strict mode; reading data.t.good must not touch it.
    expect(value('good := 1\nbad := 1 / 0', 'good', { strictBuiltinErrors: true })).toBe(1);
  });
  it('enumerates rule keys of a package with a variable operand', () => {
    expect(run('a := 1\nb := 2\nf(x) := x', 'data.t[k] = v')).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
    ]);
  });
  it('applies with-overrides above, at and below a rule path', () => {
    const src = 'p := 1\nq := data.t.p + 1';
    const p = compileSync({ modules: { 'a.rego': `package t\n${src}` } });
    const one = (q: string) => JSON.stringify(p.queryValuesSync(q).map((r) => [...r.values()].map(String)));
    expect(one('x := data.t.q with data.t.p as 10')).toBe('[["11"]]');
    expect(one('x := data.t.extra.y with data.t.extra as {"y": 5}')).toBe('[["5"]]');
    expect(one('x := data.base.z with data.base.z as 3')).toBe('[["3"]]');
  });
  it('indexes partial objects and sets with ground keys', () => {
    const src = 'o[k] := v if some k, v in {"a": 1, "b": 2}\ns contains x if some x in ["u", "v"]';
    expect(run(src, 'data.t.o.b = x')).toEqual([{ x: 2 }]);
    expect(run(src, 'data.t.s["v"]')).toEqual([{}]);
    expect(run(src, 'data.t.s["w"]')).toEqual([]);
  });
  it('reads base data under a package that also has rules', () => {
    expect(run('r := 1', 'x = data.t', { data: { t: { base: true } } })).toEqual([{ x: { base: true, r: 1 } }]);
  });
});
