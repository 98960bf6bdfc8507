// The optional WebAssembly backend: evaluates a bundle that `opa build -t wasm` produced, through
// @open-policy-agent/opa-wasm. It cannot compile Rego; queries must name a bundle entrypoint.
import { readFile } from 'node:fs/promises';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { readBundle } from './bundle.js';

export interface WasmPolicy {
  entrypoints: string[];
  /** Evaluates `data.a.b` (entrypoint `a/b`) and returns the same shape as the interpreter: one binding row per result. */
  evaluate(query: string, input: unknown): { value: unknown }[];
}

/** `data.a.b` or `a/b` -> `a/b` */
export function entrypointOf(query: string): string {
  const q = query.trim();
  if (/^data(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(q)) return q.slice('data.'.length).split('.').join('/');
  if (/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(q)) return q;
  throw new Error(`the wasm engine evaluates bundle entrypoints only (e.g. data.keywarden.deny), not the query "${query}"`);
}

export async function loadWasmBundle(path: string, extraData?: Record<string, unknown>): Promise<WasmPolicy> {
  const bundle = readBundle(await readFile(path));
  if (!bundle.wasm) throw new Error(`${path}: no policy.wasm inside; build the bundle with \`opa build -t wasm -e <entrypoint> ...\``);
  const policy = await loadPolicy(bundle.wasm);
  const data = { ...(bundle.data as Record<string, unknown>), ...(extraData ?? {}) };
  policy.setData(data);
  const entrypoints = Object.keys(policy.entrypoints as Record<string, number>).sort();
  return {
    entrypoints,
    evaluate(query, input) {
      const name = entrypointOf(query);
      if (!entrypoints.includes(name)) {
        throw new Error(`entrypoint ${name} is not in the bundle (it has: ${entrypoints.join(', ') || 'none'})`);
      }
      const rows = policy.evaluate(input, name) as { result: unknown }[];
      return rows.map((r) => ({ value: r.result }));
    },
  };
}
