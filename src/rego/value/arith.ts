// Number arithmetic with OPA's precision rules (v1/topdown/arithmetic.go):
// - integers (any size, including 1e30 or 10.00) are exact: plus, minus, mul, rem use BigInt;
// - everything else goes through Go's big.Float with its default 64-bit mantissa, rounding to
//   nearest even, and the result is printed as the shortest decimal that rounds back to it
//   (big.Float.Text('g', -1)). That is why 1/3 is 0.3333333333333333333 (19 digits) in OPA.
import { BigNum, bigFromNumber } from './bignum.js';
import { normalizeNumber, type RNumber } from './types.js';

const PREC = 64;

export function toBig(n: RNumber): BigNum {
  return typeof n === 'number' ? bigFromNumber(n) : n;
}

/** The integer value of n, or undefined when n has a fractional part. */
export function toInteger(n: RNumber): bigint | undefined {
  if (typeof n === 'number') {
    if (!Number.isInteger(n)) return undefined;
    if (Number.isSafeInteger(n)) return BigInt(n);
  }
  const b = toBig(n);
  return b.isInteger() ? b.toBigInt() : undefined;
}

export function fromInteger(i: bigint): RNumber {
  return normalizeNumber(new BigNum(i, 0));
}

/** Whether n is an integer inside Go's int32 window (OPA's fast path). */
function smallInt(n: RNumber): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

// ---------------------------------------------------------------------------------------------
// A binary float like Go's big.Float at precision 64: value = (neg ? -1 : 1) * mant * 2^exp,
// mant either 0 or exactly 64 bits long.
interface BinFloat {
  neg: boolean;
  mant: bigint;
  exp: number;
  /** Mantissa bits: 64 (big.Float default) or 53 (big.NewFloat, used by OPA's product). */
  prec: number;
}

function bitLength(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
}

/** Rounds an exact magnitude m*2^e (plus a sticky "something below" flag) to 64 bits, half to even. */
function round64(neg: boolean, m: bigint, e: number, sticky = false, prec = PREC): BinFloat {
  if (m === 0n) return { neg, mant: 0n, exp: 0, prec };
  const len = bitLength(m);
  if (len <= prec) return { neg, mant: m << BigInt(prec - len), exp: e - (prec - len), prec };
  const shift = BigInt(len - prec);
  let keep = m >> shift;
  const rest = m & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (sticky || (keep & 1n) === 1n))) keep += 1n;
  let exp = e + Number(shift);
  if (bitLength(keep) > prec) {
    keep >>= 1n;
    exp += 1;
  }
  return { neg, mant: keep, exp, prec };
}

/** Exact decimal -> nearest 64-bit binary float (big.Float.SetString). */
function fromDecimal(b: BigNum): BinFloat {
  const neg = b.coef < 0n;
  const coef = neg ? -b.coef : b.coef;
  if (b.exp >= 0) return round64(neg, coef * 10n ** BigInt(b.exp), 0);
  const den = 10n ** BigInt(-b.exp);
  const s = Math.max(0, PREC + 2 + bitLength(den) - bitLength(coef));
  const num = coef << BigInt(s);
  return round64(neg, num / den, -s, num % den !== 0n);
}

/** x + y (or x - y) rounded to `prec` bits (Go: the receiver's precision, else the larger one). */
function add(x: BinFloat, y: BinFloat, negateY = false, prec = Math.max(x.prec, y.prec)): BinFloat {
  const yneg = negateY ? !y.neg : y.neg;
  if (y.mant === 0n) return round64(x.neg, x.mant, x.exp, false, prec);
  if (x.mant === 0n) return round64(yneg, y.mant, y.exp, false, prec);
  const e = Math.min(x.exp, y.exp);
  const a = (x.mant << BigInt(x.exp - e)) * (x.neg ? -1n : 1n);
  const b = (y.mant << BigInt(y.exp - e)) * (yneg ? -1n : 1n);
  const sum = a + b;
  return round64(sum < 0n, sum < 0n ? -sum : sum, e, false, prec);
}

function mul(x: BinFloat, y: BinFloat, prec = Math.max(x.prec, y.prec)): BinFloat {
  return round64(x.neg !== y.neg, x.mant * y.mant, x.exp + y.exp, false, prec);
}

function quo(x: BinFloat, y: BinFloat): BinFloat {
  const s = PREC + 2 + Math.max(0, y.prec - x.prec);
  const num = x.mant << BigInt(s);
  return round64(x.neg !== y.neg, num / y.mant, x.exp - y.exp - s, num % y.mant !== 0n);
}

/** Exact decimal digits of m*2^e: value = 0.digits * 10^point (trailing zeros trimmed). */
interface Decimal {
  digits: string;
  point: number;
}

function exactDecimal(m: bigint, e: number): Decimal {
  let digits: string;
  let point: number;
  if (e >= 0) {
    digits = (m << BigInt(e)).toString();
    point = digits.length;
  } else {
    digits = (m * 5n ** BigInt(-e)).toString();
    point = digits.length + e;
  }
  digits = digits.replace(/0+$/, '');
  return { digits, point };
}

function roundUp(d: Decimal, n: number): void {
  while (n > 0 && d.digits[n - 1] === '9') n--;
  if (n === 0) {
    d.digits = '1';
    d.point += 1;
    return;
  }
  d.digits = d.digits.slice(0, n - 1) + String(Number(d.digits[n - 1]) + 1);
}

function roundDown(d: Decimal, n: number): void {
  d.digits = d.digits.slice(0, n).replace(/0+$/, '');
}

function roundNearest(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  const c = d.digits[n]!;
  const up = c === '5' && n + 1 === d.digits.length ? n > 0 && Number(d.digits[n - 1]) % 2 === 1 : c >= '5';
  if (up) roundUp(d, n);
  else roundDown(d, n);
}

/** Go's math/big roundShortest: the shortest decimal that reads back as the same 64-bit float. */
function shortest(x: BinFloat): Decimal {
  const d = exactDecimal(x.mant, x.exp);
  if (d.digits === '') return d;
  const mant = x.mant << 1n; // lsb = half an ulp
  const exp = x.exp - 1;
  const lower = exactDecimal(mant - 1n, exp).digits;
  const upper = exactDecimal(mant + 1n, exp).digits;
  const inclusive = (mant & 2n) === 0n;
  for (let i = 0; i < d.digits.length; i++) {
    const m = d.digits.charCodeAt(i);
    const l = i < lower.length ? lower.charCodeAt(i) : 48;
    const u = i < upper.length ? upper.charCodeAt(i) : 48;
    const okDown = l !== m || (inclusive && i + 1 === lower.length);
    const okUp = m !== u && (inclusive || m + 1 < u || i + 1 < upper.length);
    if (okDown && okUp) {
      roundNearest(d, i + 1);
      return d;
    }
    if (okDown) {
      roundDown(d, i + 1);
      return d;
    }
    if (okUp) {
      roundUp(d, i + 1);
      return d;
    }
  }
  return d;
}

/** OPA's sum over non-integers: a big.Float accumulator at 64 bits. */
export function sumFloat(values: RNumber[]): RNumber {
  let acc: BinFloat = { neg: false, mant: 0n, exp: 0, prec: PREC };
  for (const v of values) acc = add(acc, fromDecimal(toBig(v)));
  return toNumber(acc);
}

/** OPA's product over non-integers: big.NewFloat(1) keeps 53 bits (a float64 mantissa). */
export function productFloat(values: RNumber[]): RNumber {
  let acc = round64(false, 1n, 0, false, 53);
  for (const v of values) acc = mul(acc, fromDecimal(toBig(v)), 53);
  return toNumber(acc);
}

function toNumber(x: BinFloat): RNumber {
  const d = shortest(x);
  if (d.digits === '') return 0;
  const coef = BigInt(d.digits) * (x.neg ? -1n : 1n);
  return normalizeNumber(new BigNum(coef, d.point - d.digits.length));
}

function floatOp(a: RNumber, b: RNumber, op: (x: BinFloat, y: BinFloat) => BinFloat): RNumber {
  return toNumber(op(fromDecimal(toBig(a)), fromDecimal(toBig(b))));
}

/** Rounds a number to OPA's float precision (what a non-integer result looks like). */
export function asFloat(n: RNumber): RNumber {
  return toNumber(fromDecimal(toBig(n)));
}

// ---------------------------------------------------------------------------------------------
// The operations, as OPA's builtins compute them.

/** Both are JS integers whose exact result r (a double) is still a safe integer: no BigInt needed. */
function safe(a: RNumber, b: RNumber, r: (x: number, y: number) => number): number | undefined {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return undefined;
  const v = r(a, b);
  return Number.isSafeInteger(v) ? v : undefined;
}

export function plus(a: RNumber, b: RNumber): RNumber {
  const fast = safe(a, b, (x, y) => x + y);
  if (fast !== undefined) return fast;
  const x = toInteger(a);
  const y = toInteger(b);
  if (x !== undefined && y !== undefined) return fromInteger(x + y);
  return floatOp(a, b, (p, q) => add(p, q));
}

export function minus(a: RNumber, b: RNumber): RNumber {
  const fast = safe(a, b, (x, y) => x - y);
  if (fast !== undefined) return fast;
  const x = toInteger(a);
  const y = toInteger(b);
  if (x !== undefined && y !== undefined) return fromInteger(x - y);
  return floatOp(a, b, (p, q) => add(p, q, true));
}

export function multiply(a: RNumber, b: RNumber): RNumber {
  // A product of integers that is at most 2^53 in magnitude is computed exactly by a double.
  const fast = safe(a, b, (x, y) => x * y);
  if (fast !== undefined) return fast === 0 ? 0 : fast; // no -0
  const x = toInteger(a);
  const y = toInteger(b);
  if (x !== undefined && y !== undefined) return fromInteger(x * y);
  return floatOp(a, b, mul);
}

export class ArithmeticError extends Error {}

export function divide(a: RNumber, b: RNumber): RNumber {
  if (smallInt(a) && smallInt(b)) {
    const x = a as number;
    const y = b as number;
    if (y === 0) throw new ArithmeticError('divide by zero');
    if (x !== 0 && x % y === 0) return x / y;
  }
  const y = fromDecimal(toBig(b));
  if (y.mant === 0n) throw new ArithmeticError('divide by zero');
  return toNumber(quo(fromDecimal(toBig(a)), y));
}

export function remainder(a: RNumber, b: RNumber): RNumber {
  const x = toInteger(a);
  const y = toInteger(b);
  if (x === undefined || y === undefined) throw new ArithmeticError('modulo on floating-point number');
  if (y === 0n) throw new ArithmeticError('modulo by zero');
  return fromInteger(x % y); // BigInt % truncates like Go's Rem: the sign follows the dividend
}

function unary(n: RNumber, small: (x: number) => number, float: (x: BinFloat) => BinFloat): RNumber {
  if (smallInt(n)) return small(n as number);
  return toNumber(float(fromDecimal(toBig(n))));
}

/** big.Float.Int: truncation towards zero, as an exact integer float. */
function truncate(x: BinFloat): BinFloat {
  if (x.exp >= 0 || x.mant === 0n) return x;
  const i = x.mant >> BigInt(-x.exp);
  return round64(x.neg, i, 0, false, x.prec);
}

// big.NewFloat constants carry 53 bits; the sums keep the larger (64) precision.
const HALF = round64(false, 1n, -1, false, 53);
const ONE = round64(false, 1n, 0, false, 53);

export function abs(n: RNumber): RNumber {
  return unary(n, Math.abs, (x) => ({ ...x, neg: false }));
}

export function round(n: RNumber): RNumber {
  // Half away from zero: add or subtract 0.5, then truncate.
  return unary(
    n,
    (x) => x,
    (x) => truncate(add(x, HALF, x.neg)),
  );
}

// ceil and floor copy OPA's arithCeil/arithFloor exactly, including their treatment of
// fractions between -1 and 0: the truncated value is +0 (a big.Int has no sign), so OPA answers
// ceil(-0.5) = 1 and floor(-0.5) = 0. Policies that round negative fractions should know this.
export function ceil(n: RNumber): RNumber {
  return unary(
    n,
    (x) => x,
    (x) => {
      const f = truncate(x);
      if ((f.neg && f.mant !== 0n) || compareBin(x, f) === 0) return f;
      return add(f, ONE);
    },
  );
}

export function floor(n: RNumber): RNumber {
  return unary(
    n,
    (x) => x,
    (x) => {
      const f = truncate(x);
      if (!(f.neg && f.mant !== 0n) || compareBin(x, f) === 0) return f;
      return add(f, ONE, true);
    },
  );
}

function compareBin(x: BinFloat, y: BinFloat): number {
  const d = add(x, y, true);
  return d.mant === 0n ? 0 : d.neg ? -1 : 1;
}

/** big.Float(text) * multiplier, truncated to an integer (OPA's units.parse_bytes). */
export function floatTimesTruncated(value: BigNum, multiplier: bigint): bigint {
  const product = mul(fromDecimal(value), round64(false, multiplier, 0));
  const t = truncate(product);
  const magnitude = t.exp >= 0 ? t.mant << BigInt(t.exp) : t.mant >> BigInt(-t.exp);
  return t.neg ? -magnitude : magnitude;
}
