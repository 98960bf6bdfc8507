// Exact decimal numbers for Rego values that a JavaScript double cannot hold
// (integers beyond 2^53, decimals such as 1e400 or 0.1000000000000000000001).
// A number value is a JS `number` whenever that is exact, and a BigNum otherwise.

/** value = coef * 10^exp, normalised so that coef has no trailing zeros (0 is coef 0n, exp 0). */
export class BigNum {
  readonly coef: bigint;
  readonly exp: number;
  constructor(coef: bigint, exp: number) {
    if (coef === 0n) {
      this.coef = 0n;
      this.exp = 0;
      return;
    }
    while (coef % 10n === 0n) {
      coef /= 10n;
      exp += 1;
    }
    this.coef = coef;
    this.exp = exp;
  }

  isInteger(): boolean {
    return this.exp >= 0;
  }

  /** The integer value, when this is an integer. */
  toBigInt(): bigint {
    if (this.exp < 0) throw new Error('not an integer');
    return this.coef * 10n ** BigInt(this.exp);
  }

  sign(): number {
    return this.coef === 0n ? 0 : this.coef < 0n ? -1 : 1;
  }

  /** Plain decimal text without exponent when reasonably short, else scientific (Go's json style `1e+400`). */
  toString(): string {
    const neg = this.coef < 0n;
    const digits = (neg ? -this.coef : this.coef).toString();
    const sign = neg ? '-' : '';
    if (this.exp >= 0) {
      if (this.exp + digits.length <= 40) return sign + digits + '0'.repeat(this.exp);
      return sign + sci(digits, this.exp);
    }
    const point = digits.length + this.exp; // position of the decimal point within digits
    if (point > 0) return sign + digits.slice(0, point) + '.' + digits.slice(point);
    if (point > -20) return sign + '0.' + '0'.repeat(-point) + digits;
    return sign + sci(digits, this.exp);
  }

  toNumber(): number {
    return Number(this.toString());
  }
}

function sci(digits: string, exp: number): string {
  const e = exp + digits.length - 1;
  const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return `${mant}e${e >= 0 ? '+' : ''}${e}`;
}

/** Parses decimal text exactly ("12", "-1.5e3", "1e400"). Returns undefined when it is not a number. */
export function parseDecimal(text: string): BigNum | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, sign, int, frac = '', e = '0'] = m;
  const coef = BigInt((sign ?? '') + (int ?? '0') + frac);
  return new BigNum(coef, Number(e) - frac.length);
}

export function bigFromNumber(n: number): BigNum {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return new BigNum(BigInt(n), 0);
  const parsed = parseDecimal(String(n));
  if (!parsed) throw new Error(`not a finite number: ${n}`);
  return parsed;
}
