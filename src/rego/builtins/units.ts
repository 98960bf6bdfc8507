// units.parse and units.parse_bytes (v1/topdown/parse_units.go, parse_bytes.go).
// units.parse is exact (big.Rat) except that OPA's milli factor is the float64 0.001, and a
// fractional result is printed with 10 decimals; parse_bytes multiplies 64-bit floats and truncates.
import { BigNum, parseDecimal } from '../value/bignum.js';
import { floatTimesTruncated, fromInteger } from '../value/arith.js';
import { normalizeNumber, type Value } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import { builtin, str, T } from './lib-a/util.js';

const KI = 1n << 10n;
const SI: Record<string, bigint> = { k: 1000n, m: 10n ** 6n, g: 10n ** 9n, t: 10n ** 12n, p: 10n ** 15n, e: 10n ** 18n };
const IEC: Record<string, bigint> = { ki: KI, mi: KI ** 2n, gi: KI ** 3n, ti: KI ** 4n, pi: KI ** 5n, ei: KI ** 6n };

/** The float64 nearest 0.001, as an exact fraction (what big.Rat.SetFloat64(0.001) holds). */
const MILLI_NUM = 4611686018427388n;
const MILLI_DEN = 1n << 62n;

/** OPA's extractNumAndUnit: the leading number (digits, '.', signs, exponents) and the rest. */
export function splitAmount(s: string, fail: (msg: string) => Error): [string, string] {
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  let firstNonNum = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (!isDigit(c) && c !== '.' && c !== 'e' && c !== 'E' && c !== '+' && c !== '-') {
      firstNonNum = i;
      break;
    }
    if (c === 'e' || c === 'E') {
      const next = s[i + 1];
      if (i === s.length - 1 || (!isDigit(next) && next !== '+' && next !== '-')) {
        firstNonNum = i;
        break;
      }
      if (next === '+' || next === '-') i++;
      let end = i + 1;
      while (end < s.length && isDigit(s[end])) end++;
      if (end - (i + 1) > 6) throw fail('exponent too large');
    }
  }
  if (firstNonNum === -1) return [s, ''];
  return [s.slice(0, firstNonNum), s.slice(firstNonNum)];
}

/** Number text as Go's big.Rat / big.Float SetString read it (sign, digits, point, exponent). */
function parseAmount(text: string): BigNum | undefined {
  const m = /^([+-]?)(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.exec(text);
  if (!m) return undefined;
  const body = m[2]!.replace(/^\./, '0.').replace(/\.$/, '');
  return parseDecimal((m[1] === '-' ? '-' : '') + body + (m[3] ?? ''));
}

function unitsParse(raw: string): Value {
  const fail = (msg: string): Error => new BuiltinFailure(`units.parse: ${msg}`);
  const s = raw.replaceAll('"', '');
  if (s.includes(' ')) throw fail('spaces not allowed in resource strings');
  const [num, rawUnit] = splitAmount(s, fail);
  if (num === '') throw fail('no amount provided');
  const unit = rawUnit.length > 1 ? rawUnit[0] + rawUnit.slice(1).toLowerCase() : rawUnit;
  let factorNum: bigint;
  let factorDen = 1n;
  if (unit === 'm') [factorNum, factorDen] = [MILLI_NUM, MILLI_DEN];
  else if (unit === '') factorNum = 1n;
  else if (unit === 'M') factorNum = SI.m!;
  else if (unit.length === 1 && SI[unit.toLowerCase()] !== undefined) factorNum = SI[unit.toLowerCase()]!;
  else if (unit.length === 2 && IEC[unit.toLowerCase()] !== undefined) factorNum = IEC[unit.toLowerCase()]!;
  else throw fail(`unit ${unit} not recognized`);
  const amount = parseAmount(num);
  if (!amount) throw fail('could not parse amount to a number');
  // amount * factor as an exact fraction n/d.
  let n = amount.coef * factorNum;
  let d = factorDen;
  if (amount.exp >= 0) n *= 10n ** BigInt(amount.exp);
  else d *= 10n ** BigInt(-amount.exp);
  if (n % d === 0n) return fromInteger(n / d);
  return normalizeNumber(new BigNum(roundDiv(n * 10n ** 10n, d), -10)); // big.Rat.FloatString(10)
}

/** n/d rounded to nearest, halves away from zero. */
function roundDiv(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (2n * a + b) / (2n * b);
  return neg ? -q : q;
}

function unitsParseBytes(raw: string): Value {
  const fail = (msg: string): Error => new BuiltinFailure(`units.parse_bytes: ${msg}`);
  const s = raw.toLowerCase().replaceAll('"', '');
  if (s.includes(' ')) throw fail('spaces not allowed in resource strings');
  const [num, unit] = splitAmount(s, fail);
  if (num === '') throw fail('no byte amount provided');
  let factor: bigint | undefined;
  if (unit === '') factor = 1n;
  else {
    const base = unit.endsWith('b') ? unit.slice(0, -1) : unit;
    factor = base.endsWith('i') ? IEC[base] : base.length === 1 ? SI[base] : undefined;
  }
  if (factor === undefined) throw fail(`byte unit ${unit} not recognized`);
  const amount = parseAmount(num);
  if (!amount) throw fail('could not parse byte amount to a number');
  return fromInteger(floatTimesTruncated(amount, factor));
}

export const unitsBuiltins: BuiltinDecl[] = [
  builtin('units.parse', 'units', [['x', T.str]], T.num, ([x]) => unitsParse(str(x, 1))),
  builtin('units.parse_bytes', 'units', [['x', T.str]], T.num, ([x]) => unitsParseBytes(str(x, 1))),
];
