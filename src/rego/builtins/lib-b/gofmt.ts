// Go's fmt.Sprintf for the operand types OPA's sprintf hands it: int (an integer that fits int64),
// *big.Int (a bigger integer), float64 and string. Verbs, flags, width, precision, argument
// indexes and Go's error texts (%!d(string=x), %!v(MISSING), %!(EXTRA int=1), %!(NOVERB)).
import { formatFloat } from './gofloat.js';
import { goQuote, goQuoteASCII, goQuoteRune } from './termstring.js';

export type GoArg =
  | { t: 'int'; v: bigint }
  | { t: 'big'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'string'; v: string; goType?: string }; // goType: a named string type such as json.Number

const TYPE_NAMES = { int: 'int', big: '*big.Int', float: 'float64', string: 'string' } as const;

function typeName(a: GoArg): string {
  return a.t === 'string' && a.goType ? a.goType : TYPE_NAMES[a.t];
}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %#v: Go-syntax representation (quoted strings). */
  sharpV?: boolean;
  wid?: number;
  prec?: number;
}

const runeLen = (s: string): number => [...s].length;

/** fmt's pad: spaces (or zeros when `zero`) to the left, or spaces to the right with '-'. */
function pad(s: string, f: Flags, zero = f.zero): string {
  if (f.wid === undefined || f.wid <= runeLen(s)) return s;
  const n = f.wid - runeLen(s);
  if (f.minus) return s + ' '.repeat(n);
  return (zero ? '0' : ' ').repeat(n) + s;
}

function fmtInteger(v: bigint, base: number, verb: string, f: Flags): string {
  const negative = v < 0n;
  const u = negative ? -v : v;
  let prec = 0;
  if (f.prec !== undefined) {
    prec = f.prec;
    if (prec === 0 && u === 0n) return pad('', f, false);
  } else if (f.zero && !f.minus && f.wid !== undefined) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  let digits = u.toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  digits = digits.padStart(prec, '0');
  if (f.sharp) {
    if (base === 2) digits = '0b' + digits;
    else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
    else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + digits, f, false);
}

/** big.Int's Format method (it handles its own verbs and padding). */
function fmtBig(v: bigint, verb: string, f: Flags): string {
  const base = { b: 2, o: 8, O: 8, d: 10, s: 10, v: 10, x: 16, X: 16 }[verb];
  if (base === undefined) return `%!${verb}(big.Int=${v.toString()})`;
  const sign = v < 0n ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  let prefix = '';
  if (f.sharp) prefix = { b: '0b', o: '0', x: '0x', X: '0X' }[verb as 'b'] ?? '';
  if (verb === 'O') prefix = '0o';
  let digits = (v < 0n ? -v : v).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  let zeros = 0;
  if (f.prec !== undefined) {
    if (digits.length < f.prec) zeros = f.prec - digits.length;
    else if (digits === '0' && f.prec === 0) return '';
  }
  const length = sign.length + prefix.length + zeros + digits.length;
  let left = 0;
  let right = 0;
  if (f.wid !== undefined && length < f.wid) {
    const d = f.wid - length;
    if (f.minus) right = d;
    else if (f.zero && f.prec === undefined) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

function fmtFloat(v: number, verb: string, prec: number, f: Flags): string {
  if (f.prec !== undefined) prec = f.prec;
  if (verb === 'v' && f.sharpV && prec === -1) return pad(goSyntaxFloat(v), f);
  const goVerb = (verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb) as Parameters<typeof formatFloat>[1];
  let num = formatFloat(v, goVerb, prec);
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, f, false);
  }
  if (f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.wid !== undefined && f.wid > num.length)
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    return pad(num, f);
  }
  return pad(num.slice(1), f);
}

/** %#v of a float64: shortest digits, %e only below 1e-4 or from 1e21 on. */
function goSyntaxFloat(v: number): string {
  if (!Number.isFinite(v)) return formatFloat(v, 'g', -1);
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  return exp < -4 || exp >= 21 ? formatFloat(v, 'e', -1) : formatFloat(v, 'f', -1);
}

/** The '#' flag: always a decimal point; %g keeps trailing zeros up to the precision. */
function sharpFloat(num: string, verb: string, prec: number): string {
  const expAt = num.search(/[eEpP]/);
  let body = expAt >= 0 ? num.slice(0, expAt) : num;
  const tail = expAt >= 0 ? num.slice(expAt) : '';
  if (!body.includes('.')) body += '.';
  if (verb === 'g' || verb === 'G' || verb === 'v') {
    const want = prec === -1 ? 6 : prec;
    const sig = body.replace(/^[+-]?0*\.?0*/, '').replace('.', '').length;
    if (sig < want) body += '0'.repeat(want - sig);
  }
  return body + tail;
}

function utf8Hex(s: string, upper: boolean, f: Flags): string {
  let bytes = [...Buffer.from(s, 'utf8')];
  if (f.prec !== undefined) bytes = bytes.slice(0, f.prec);
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
  let out: string;
  if (f.space) out = hex.map((h) => (f.sharp ? '0x' + h : h)).join(' ');
  else out = (f.sharp && hex.length ? '0x' : '') + hex.join('');
  return pad(upper ? out.toUpperCase() : out, f);
}

/** strconv.CanBackquote: no backquote, no control character but tab, no BOM. */
function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '`' || c === 0xfeff || c === 0x7f || (c < 0x20 && c !== 9)) return false;
  }
  return true;
}

function fmtString(s: string, verb: string, f: Flags): string | undefined {
  const truncated = f.prec !== undefined ? [...s].slice(0, f.prec).join('') : s;
  switch (verb) {
    case 'v':
      return pad(f.sharpV ? goQuote(truncated) : truncated, f);
    case 's':
      return pad(truncated, f);
    case 'q':
      if (f.sharp && canBackquote(truncated)) return pad('`' + truncated + '`', f);
      return pad(f.plus ? goQuoteASCII(truncated) : goQuote(truncated), f);
    case 'x':
    case 'X':
      return utf8Hex(s, verb === 'X', f);
  }
  return undefined;
}

function fmtIntArg(v: bigint, verb: string, f: Flags): string | undefined {
  switch (verb) {
    case 'v':
    case 'd':
      return fmtInteger(v, 10, verb, f);
    case 'b':
      return fmtInteger(v, 2, verb, f);
    case 'o':
    case 'O':
      return fmtInteger(v, 8, verb, f);
    case 'x':
    case 'X':
      return fmtInteger(v, 16, verb, f);
    case 'c':
      return pad(runeOf(v), f);
    case 'q':
      return pad(goQuoteRune(runeOf(v).codePointAt(0)!), f);
    case 'U': {
      let s = 'U+' + (v < 0n ? 'FFFD' : v.toString(16).toUpperCase().padStart(Math.max(4, f.prec ?? 0), '0'));
      if (f.sharp && v >= 0n && v <= 0x10ffffn) s += " '" + runeOf(v) + "'";
      return pad(s, f, false);
    }
  }
  return undefined;
}

function runeOf(v: bigint): string {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn)) return '\ufffd';
  return String.fromCodePoint(Number(v));
}

function printArg(a: GoArg, verb: string, f: Flags): string {
  let out: string | undefined;
  switch (a.t) {
    case 'int':
      out = fmtIntArg(a.v, verb, f);
      break;
    case 'big':
      return fmtBig(a.v, verb, f);
    case 'float':
      if ('vbgGxXfeEF'.includes(verb)) out = fmtFloat(a.v, verb, 'vbgGxX'.includes(verb) ? -1 : 6, f);
      break;
    case 'string':
      out = fmtString(a.v, verb, f);
      break;
  }
  if (out !== undefined) return out;
  if (verb === 'T') return pad(typeName(a), f);
  return `%!${verb}(${typeName(a)}=${printArg(a, 'v', f)})`;
}

/** Parses a decimal number at i (fmt's parsenum); undefined when there is none or it is huge. */
function parseNum(s: string, i: number): { n?: number; i: number } {
  let j = i;
  let n = 0;
  while (j < s.length && s[j]! >= '0' && s[j]! <= '9') {
    n = n * 10 + (s.charCodeAt(j) - 48);
    if (n > 1e6) return { i: j + 1 };
    j++;
  }
  return j === i ? { i } : { n, i: j };
}

/** fmt.Sprintf(format, args...). */
export function goSprintf(format: string, args: GoArg[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;
  while (i < end) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };
    for (; i < end; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') {
        f.minus = true;
        f.zero = false;
      } else if (c === ' ') f.space = true;
      else break;
    }
    let goodArgNum = true;
    let afterIndex = false;
    const argNumber = (): void => {
      if (i >= end || format[i] !== '[') return;
      reordered = true;
      const close = format.indexOf(']', i + 1);
      if (format.length - i < 3 || close < 0) {
        i += 1;
        goodArgNum = false;
        return;
      }
      const p = parseNum(format, i + 1);
      const index = (p.n ?? -1) - 1;
      const ok = p.n !== undefined && p.i === close;
      i = close + 1;
      if (ok && index >= 0 && index < args.length) {
        argNum = index;
        afterIndex = true;
      } else goodArgNum = false;
      if (ok) afterIndex = true;
    };
    const intFromArg = (): number | undefined => {
      const a = args[argNum];
      let n: number | undefined;
      if (a && a.t === 'int' && a.v >= -1000000n && a.v <= 1000000n) n = Number(a.v);
      if (argNum < args.length) argNum++;
      return n;
    };
    argNumber();
    if (i < end && format[i] === '*') {
      i++;
      f.wid = intFromArg();
      if (f.wid === undefined) out += '%!(BADWIDTH)';
      else if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      const p = parseNum(format, i);
      f.wid = p.n;
      i = p.i;
      if (afterIndex && f.wid !== undefined) goodArgNum = false;
    }
    if (i + 1 <= end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      afterIndex = false;
      argNumber();
      if (i < end && format[i] === '*') {
        i++;
        f.prec = intFromArg();
        if (f.prec !== undefined && f.prec < 0) f.prec = undefined;
        if (f.prec === undefined) out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const p = parseNum(format, i);
        f.prec = p.n ?? 0;
        i = p.i;
      }
    }
    if (!afterIndex) argNumber();
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') out += '%';
    else if (!goodArgNum) out += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        f.sharpV = f.sharp; // %#v and %+v are flagless formats of their own
        f.sharp = false;
        f.plus = false;
      }
      out += printArg(args[argNum]!, verb, f);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    const none: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => `${typeName(a)}=${printArg(a, 'v', none)}`).join(', ') + ')';
  }
  return out;
}
