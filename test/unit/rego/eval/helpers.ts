import { compileSync, RegoError, type QueryOptions } from '../../../../src/rego/index.js';

/** Compiles one module (package `t` added) and runs a query. */
export function run(src: string, query: string, opts: QueryOptions & { data?: unknown } = {}): Record<string, unknown>[] {
  const policy = compileSync({ modules: { 'test-0.rego': `package t\n${src}` }, data: opts.data });
  return policy.queryValuesSync(query, opts).map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of row) out[k] = toJSON(v);
    return out;
  });
}

/** The value of `data.t.<rule>` or undefined. */
export function value(src: string, rule: string, opts: QueryOptions & { data?: unknown } = {}): unknown {
  const policy = compileSync({ modules: { 'test-0.rego': `package t\n${src}` }, data: opts.data });
  const rows = policy.queryValuesSync(`x = data.t.${rule}`, opts);
  if (rows.length === 0) return undefined;
  return toJSON(rows[0]!.get('x')!);
}

import { toJS, type Value } from '../../../../src/rego/value/index.js';
function toJSON(v: Value): unknown {
  return JSON.parse(JSON.stringify(toJS(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as unknown;
}

export function evalError(src: string, query: string, opts: QueryOptions = {}): RegoError {
  try {
    run(src, query, opts);
  } catch (err) {
    if (err instanceof RegoError) return err;
    throw err;
  }
  throw new Error('expected an evaluation error');
}
