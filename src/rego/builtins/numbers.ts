// Numbers: arithmetic operators, rounding, ranges and rand.intn, with OPA's precision rules
// (value/arith.ts) and error texts (v1/topdown/arithmetic.go, numbers.go).
import { isNumber, RSet, type RNumber, type Value } from '../value/types.js';
import * as A from '../value/arith.js';
import type { BuiltinContext, BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import { bigInt, builtin, int, num, str, T, typeErr } from './lib-a/util.js';

function binary(name: string, infix: string, op: (a: RNumber, b: RNumber) => RNumber): BuiltinDecl {
  return builtin(name, 'numbers', [['x', T.num], ['y', T.num]], T.num, ([a, b]) => wrap(() => op(num(a, 1), num(b, 2))), {
    infix,
  });
}

function unary(name: string, op: (a: RNumber) => RNumber): BuiltinDecl {
  return builtin(name, 'numbers', [['x', T.num]], T.num, ([a]) => op(num(a, 1)));
}

/** Arithmetic failures (divide by zero, ...) are builtin errors, not type errors. */
function wrap(f: () => RNumber): RNumber {
  try {
    return f();
  } catch (e) {
    if (e instanceof A.ArithmeticError) throw new BuiltinFailure(e.message);
    throw e;
  }
}

/** `minus` is shared: numbers subtract, sets take the difference. */
function minus([a, b]: Value[]): Value {
  const x = a ?? null;
  const y = b ?? null;
  if (isNumber(x) && isNumber(y)) return A.minus(x, y);
  if (x instanceof RSet && y instanceof RSet) return RSet.from(x.values().filter((v) => !y.has(v)));
  if (!isNumber(x) && !(x instanceof RSet)) throw typeErr(1, x, 'number', 'set');
  if (isNumber(y)) throw typeErr(2, y, 'set');
  throw typeErr(2, y, 'number');
}

/** Inclusive range from x to y (descending when x > y), stepping by `step`. */
function range(x: bigint, y: bigint, step: bigint, ctx: BuiltinContext): Value[] {
  const out: Value[] = [];
  const up = x <= y;
  for (let i = x; up ? i <= y : i >= y; i = up ? i + step : i - step) {
    if (out.length % 4096 === 0) ctx.checkCancelled();
    out.push(A.fromInteger(i));
  }
  return out;
}

function randIntn([s, n]: Value[], ctx: BuiltinContext): Value {
  const seed = str(s, 1);
  let bound = int(n, 2);
  if (bound === 0n) return 0;
  if (bound < 0n) bound = -bound;
  const key = `rand.intn\u0000${seed}-${bound}`;
  const cached = ctx.cache.get(key);
  if (cached !== undefined) return cached;
  const value = A.fromInteger(BigInt(Math.floor(ctx.random() * Number(bound))));
  ctx.cache.set(key, value);
  return value;
}

export const numbersBuiltins: BuiltinDecl[] = [
  binary('plus', '+', A.plus),
  binary('mul', '*', A.multiply),
  binary('div', '/', A.divide),
  binary('rem', '%', A.remainder),
  builtin(
    'minus',
    'numbers',
    [
      ['x', T.anyOf(T.num, T.set())],
      ['y', T.anyOf(T.num, T.set())],
    ],
    T.anyOf(T.num, T.set()),
    minus,
    { infix: '-' },
  ),
  unary('abs', A.abs),
  unary('round', A.round),
  unary('ceil', A.ceil),
  unary('floor', A.floor),
  builtin('numbers.range', 'numbers', [['a', T.num], ['b', T.num]], T.arr(T.num), ([a, b], ctx) =>
    range(bigInt(a, 1), bigInt(b, 2), 1n, ctx),
  ),
  builtin(
    'numbers.range_step',
    'numbers',
    [
      ['a', T.num],
      ['b', T.num],
      ['step', T.num],
    ],
    T.arr(T.num),
    ([a, b, s], ctx) => {
      const x = bigInt(a, 1);
      const y = bigInt(b, 2);
      const step = bigInt(s, 3);
      if (step <= 0n) throw new BuiltinFailure('numbers.range_step: step must be a positive integer');
      return range(x, y, step, ctx);
    },
  ),
  builtin('rand.intn', 'numbers', [['str', T.str], ['n', T.num]], T.num, randIntn, { nondeterministic: true }),
];
