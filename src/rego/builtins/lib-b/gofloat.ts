// Go's strconv float formatting ('e', 'f', 'g', 'b', 'x' with a precision or shortest) for
// JavaScript doubles: exact decimal expansion and round-half-even, as strconv does.

/** A decimal: digits without leading zeros ("" for zero) and the decimal point position. */
interface Decimal {
  d: string;
  dp: number;
}

function bitsOf(x: number): { neg: boolean; mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const neg = hi >>> 31 === 1;
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (e === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = e - 1075;
  }
  return { neg, mant, exp };
}

/** Exact decimal value of |x|. */
function exactDecimal(x: number): Decimal {
  const { mant, exp } = bitsOf(x);
  if (mant === 0n) return { d: '', dp: 0 };
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trim({ d: digits, dp });
}

function trim(dec: Decimal): Decimal {
  let d = dec.d.replace(/0+$/, '');
  let dp = dec.dp;
  const lead = d.length - d.replace(/^0+/, '').length;
  d = d.slice(lead);
  dp -= lead;
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

/** Shortest decimal that round-trips (JavaScript and Go agree on it). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const [m = '', e = '0'] = Math.abs(x).toExponential().split('e');
  const d = m.replace('.', '');
  return trim({ d, dp: Number(e) + 1 });
}

/** Rounds to `nd` significant digits, half to even on the exact value (strconv's decimal.Round). */
function roundTo(dec: Decimal, nd: number): Decimal {
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= dec.d.length) return dec;
  const c = dec.d.charCodeAt(nd) - 48;
  const halfway = c === 5 && nd + 1 === dec.d.length;
  const up = halfway ? nd > 0 && (dec.d.charCodeAt(nd - 1) - 48) % 2 === 1 : c >= 5;
  if (!up) return trim({ d: dec.d.slice(0, nd), dp: dec.dp });
  let i = nd - 1;
  while (i >= 0 && dec.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dec.dp + 1 };
  return trim({ d: dec.d.slice(0, i) + String.fromCharCode(dec.d.charCodeAt(i) + 1), dp: dec.dp });
}

function digitAt(dec: Decimal, i: number): string {
  return i >= 0 && i < dec.d.length ? dec.d[i]! : '0';
}

function fmtE(neg: boolean, dec: Decimal, prec: number, upper: boolean): string {
  let s = neg ? '-' : '';
  s += dec.d === '' ? '0' : dec.d[0];
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(dec, i);
  }
  const exp = dec.d === '' ? 0 : dec.dp - 1;
  s += upper ? 'E' : 'e';
  s += exp < 0 ? '-' : '+';
  s += String(Math.abs(exp)).padStart(2, '0');
  return s;
}

function fmtF(neg: boolean, dec: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  if (dec.dp > 0) for (let i = 0; i < dec.dp; i++) s += digitAt(dec, i);
  else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(dec, dec.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, 64). */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (fmt === 'b') return formatBinary(x);
  if (fmt === 'x' || fmt === 'X') return formatHex(x, prec, fmt === 'X');
  const neg = x < 0 || Object.is(x, -0);
  const shortest = prec < 0;
  let dec: Decimal;
  if (shortest) {
    dec = shortestDecimal(x);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(dec.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(dec.d.length - dec.dp, 0);
    else prec = dec.d.length;
  } else {
    const exact = exactDecimal(x);
    if (fmt === 'e' || fmt === 'E') dec = roundTo(exact, 1 + prec);
    else if (fmt === 'f') dec = roundTo(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      dec = roundTo(exact, prec);
    }
  }
  if (fmt === 'e' || fmt === 'E') return fmtE(neg, dec, prec, fmt === 'E');
  if (fmt === 'f') return fmtF(neg, dec, prec);
  let eprec = prec;
  const nd = dec.d.length;
  if (eprec > nd && nd >= dec.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = dec.dp - 1;
  if (dec.d !== '' && (exp < -4 || exp >= eprec)) {
    if (prec > nd) prec = nd;
    return fmtE(neg, dec, prec - 1, fmt === 'G');
  }
  if (prec > dec.dp) prec = nd;
  return fmtF(neg, dec, Math.max(prec - dec.dp, 0));
}

function formatBinary(x: number): string {
  const { neg, mant, exp } = bitsOf(x);
  return (neg ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '') + exp;
}

function formatHex(x: number, prec: number, upper: boolean): string {
  const bits = bitsOf(x);
  let { mant, exp } = bits;
  if (mant === 0n) exp = 0;
  else {
    while (mant < 1n << 52n) {
      mant <<= 1n;
      exp--;
    }
    exp += 52; // value = 1.frac * 2^exp
  }
  let frac: string;
  let lead = mant === 0n ? 0n : 1n;
  if (prec < 0 || prec >= 13) {
    frac = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
    frac = prec < 0 ? frac.replace(/0+$/, '') : frac.padEnd(prec, '0');
  } else {
    const shift = BigInt((13 - prec) * 4);
    let v = mant >> shift;
    const rem = mant & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (v & 1n) === 1n)) v += 1n;
    if (v >> BigInt(prec * 4) > 1n) {
      v >>= 1n;
      exp++;
    }
    lead = v >> BigInt(prec * 4);
    frac = prec === 0 ? '' : (v & ((1n << BigInt(prec * 4)) - 1n)).toString(16).padStart(prec, '0');
  }
  const sign = bits.neg ? '-' : '';
  const s = sign + '0x' + lead.toString() + (frac ? '.' + frac : '') + 'p' + (exp >= 0 ? '+' : '-') + String(Math.abs(exp)).padStart(2, '0');
  return upper ? s.toUpperCase() : s;
}
