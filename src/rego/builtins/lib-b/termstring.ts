// Rego values printed the way OPA's ast.Term.String() prints them (used by sprintf for non-string,
// non-number operands and by string interpolation): `["a", 1]`, `{"k": true}`, `{1, 2}`, `set()`.
import { BigNum, type Value, isObject, isSet, numberKey } from '../../value/index.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote: double-quoted, Go escapes, printable Unicode kept as is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch, '"');
  return out + '"';
}

/** Go's strconv.QuoteToASCII: like goQuote but every non-ASCII rune escaped (%+q). */
export function goQuoteASCII(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 ? quoteRune(ch, '"') : hexEscape(cp);
  }
  return out + '"';
}

/** Go's strconv.QuoteRune ('x'). */
export function goQuoteRune(cp: number): string {
  return "'" + quoteRune(String.fromCodePoint(cp), "'") + "'";
}

function quoteRune(ch: string, quote: string): string {
  const cp = ch.codePointAt(0)!;
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (PRINTABLE.test(ch)) return ch;
  switch (ch) {
    case '\u0007':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  return hexEscape(cp);
}

function hexEscape(cp: number): string {
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd'; // a lone surrogate is invalid UTF-8 in Go
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** OPA's text for a number: integers in decimal, others in their shortest exact decimal form. */
export function numberText(n: number | BigNum): string {
  return numberKey(n);
}

export function termString(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || v instanceof BigNum) return numberText(v);
  if (Array.isArray(v)) return '[' + v.map(termString).join(', ') + ']';
  if (isSet(v)) return v.size === 0 ? 'set()' : '{' + v.values().map(termString).join(', ') + '}';
  if (isObject(v))
    return (
      '{' +
      v
        .entries()
        .map(([k, x]) => termString(k) + ': ' + termString(x))
        .join(', ') +
      '}'
    );
  return String(v);
}
