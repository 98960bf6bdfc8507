// Compares ASTs without locations: drops positions, back-pointers, source text and comments (but
// keeps annotations), and names every wildcard `_` (their numbering depends on parse order).
import { BigNum } from '../../../../src/rego/value/index.js';

const DROPPED = new Set(['loc', 'module', 'source', 'comments', 'file']);

export function stripAst(x: unknown): unknown {
  if (x instanceof BigNum) return `bignum:${x.toString()}`;
  if (Array.isArray(x)) return x.map(stripAst);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (DROPPED.has(k) || v === undefined) continue;
      out[k] = k === 'name' && typeof v === 'string' && /^\$_\d+$/.test(v) ? '_' : stripAst(v);
    }
    return out;
  }
  return x;
}
