// The package subpath `keywarden/rego`, as a user's project imports it (Node resolves the package's
// own name through its `exports`, so this exercises the published entry points in dist/).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './global-setup.js';

function run(script: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out);
}

describe('keywarden/rego library entry point', () => {
  it('compiles modules and answers queries with JSON bindings', () => {
    const result = run(`
      import { compile } from 'keywarden/rego';
      const policy = await compile({
        modules: { 'a.rego': 'package a\\n\\nallow if input.x > 1\\n\\nnames contains n if some n in input.names\\n' },
        data: { limit: 3 },
      });
      const rows = {
        allow: await policy.query('data.a.allow = y', { input: { x: 2 } }),
        undef: await policy.query('data.a.allow = y', { input: { x: 0 } }),
        truth: await policy.query('data.limit == 3'),
        set: await policy.query('s = data.a.names', { input: { names: ['b', 'a', 'b'] } }),
      };
      console.log(JSON.stringify(rows));
    `);
    expect(result).toEqual({ allow: [{ y: true }], undef: [], truth: [{}], set: [{ s: ['a', 'b'] }] });
  });

  it('throws RegoError with OPA codes and locations', () => {
    const result = run(`
      import { compile, RegoError } from 'keywarden/rego';
      const out = [];
      try { await compile({ modules: { 'bad.rego': 'package a\\n\\np if {\\n  x := \\n}\\n' } }); }
      catch (e) { out.push([e instanceof RegoError, e.code, e.location?.file, e.location?.row]); }
      const policy = await compile({ modules: { 'c.rego': 'package c\\n\\np := 1\\np := 2\\n' } });
      try { await policy.query('data.c.p = x'); }
      catch (e) { out.push([e instanceof RegoError, e.code]); }
      const div = await compile({ modules: { 'd.rego': 'package d\\n\\nq := 1 / input.n\\n' } });
      out.push(await div.query('data.d.q = x', { input: { n: 0 } }));
      try { await div.query('data.d.q = x', { input: { n: 0 }, strictBuiltinErrors: true }); }
      catch (e) { out.push([e.code, e.message]); }
      console.log(JSON.stringify(out));
    `) as unknown[];
    expect(result[0]).toEqual([true, 'rego_parse_error', 'bad.rego', 5]);
    expect(result[1]).toEqual([true, 'eval_conflict_error']);
    expect(result[2]).toEqual([]);
    expect(result[3]).toEqual(['eval_builtin_error', 'd.rego:3: eval_builtin_error: div: divide by zero']);
  });
});
