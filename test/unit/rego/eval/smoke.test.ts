import { describe, expect, it } from 'vitest';
import { compile } from '../../../../src/rego/index.js';

describe('smoke', () => {
  it('evaluates a small package', async () => {
    const p = await compile({
      modules: {
        'a.rego': `package x
import rego.v1
p := 1
q contains y if { some y in [1,2,3]; y > 1 }
r[k] := v if { some k, v in {"a": 1, "b": 2} }
f(x) := x + 1
s := f(2)
a.b[c].d := 1 if { some c in ["u","v"] }
`,
      },
      data: { base: { z: 1 } },
    });
    console.log(JSON.stringify(await p.query('data.x = y')));
    console.log(JSON.stringify(await p.query('data.x.q[z]')));
    console.log(JSON.stringify(await p.query('x := data.base')));
    expect(1).toBe(1);
  });
});
