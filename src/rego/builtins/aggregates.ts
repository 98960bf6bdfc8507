// Aggregates over collections (v1/topdown/aggregates.go): exact integer sums and products,
// OPA's big.Float precision otherwise, and OPA's total order for max/min/sort.
import { compare, isNumber, RObject, RSet, type RNumber, type Value } from '../value/types.js';
import * as A from '../value/arith.js';
import type { BuiltinDecl } from './types.js';
import { builtin, elementErr, members, T, typeErr } from './lib-a/util.js';

const collection = T.anyOf(T.set(), T.arr());

function count([v]: Value[]): Value {
  const x = v ?? null;
  if (Array.isArray(x)) return x.length;
  if (x instanceof RObject || x instanceof RSet) return x.size;
  if (typeof x === 'string') return [...x].length; // runes, not UTF-16 units
  throw typeErr(1, x, 'array', 'object', 'set', 'string');
}

function numbersOf(x: Value): RNumber[] {
  const items = members(x);
  if (!items) throw typeErr(1, x, 'set', 'array');
  return items.map((item) => {
    if (!isNumber(item)) throw elementErr(1, x, item, 'number');
    return item;
  });
}

function integers(items: Value[]): bigint[] | undefined {
  const out: bigint[] = [];
  for (const item of items) {
    const i = isNumber(item) ? A.toInteger(item) : undefined;
    if (i === undefined) return undefined;
    out.push(i);
  }
  return out;
}

function sum([v]: Value[]): Value {
  const x = v ?? null;
  const items = members(x);
  if (!items) throw typeErr(1, x, 'set', 'array');
  const ints = integers(items);
  if (ints) return A.fromInteger(ints.reduce((a, b) => a + b, 0n));
  return A.sumFloat(numbersOf(x));
}

function product([v]: Value[]): Value {
  const x = v ?? null;
  const items = members(x);
  if (!items) throw typeErr(1, x, 'set', 'array');
  const ints = integers(items);
  if (ints) return A.fromInteger(ints.reduce((a, b) => a * b, 1n));
  return A.productFloat(numbersOf(x));
}

function extreme(v: Value | undefined, pick: (c: number) => boolean): Value | undefined {
  const x = v ?? null;
  const items = members(x);
  if (!items) throw typeErr(1, x, 'set', 'array');
  if (items.length === 0) return undefined;
  let best: Value = items[0] as Value;
  for (const item of items) if (pick(compare(item, best))) best = item;
  return best;
}

export const aggregatesBuiltins: BuiltinDecl[] = [
  builtin('count', 'aggregates', [['collection', T.anyOf(T.set(), T.arr(), T.obj(), T.str)]], T.num, count),
  builtin('sum', 'aggregates', [['collection', T.anyOf(T.set(T.num), T.arr(T.num))]], T.num, sum),
  builtin('product', 'aggregates', [['collection', T.anyOf(T.set(T.num), T.arr(T.num))]], T.num, product),
  builtin('max', 'aggregates', [['collection', collection]], T.any, ([v]) => extreme(v, (c) => c > 0)),
  builtin('min', 'aggregates', [['collection', collection]], T.any, ([v]) => extreme(v, (c) => c < 0)),
  builtin('sort', 'aggregates', [['collection', collection]], T.arr(), ([v]) => {
    const x = v ?? null;
    if (Array.isArray(x)) return [...x].sort(compare);
    if (x instanceof RSet) return [...x.values()];
    throw typeErr(1, x, 'set', 'array');
  }),
];
