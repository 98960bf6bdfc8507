// Byte-level encodings as Go implements them: strict base64 (with Go's error text), hex with
// encoding/hex's errors, and url.QueryEscape/QueryUnescape.
import { BuiltinFailure } from '../types.js';

const utf8 = new TextDecoder('utf-8'); // invalid sequences become U+FFFD, as OPA's JSON output shows them

export function bytesToString(b: Uint8Array): string {
  return utf8.decode(b);
}

/** Go's base64.StdEncoding / URLEncoding DecodeString (padding required, CR/LF ignored). */
export function base64Decode(s: string, url: boolean): Uint8Array {
  const clean = s.replace(/[\r\n]/g, '');
  const alphabet = url ? /^[A-Za-z0-9\-_]*$/ : /^[A-Za-z0-9+/]*$/;
  const body = clean.replace(/={1,2}$/, '');
  const pad = clean.length - body.length;
  let bad = -1;
  if (!alphabet.test(body)) bad = body.search(url ? /[^A-Za-z0-9\-_]/ : /[^A-Za-z0-9+/]/);
  else if (clean.length % 4 !== 0) bad = clean.length - (clean.length % 4);
  else if (pad > 0 && (body.length % 4) + pad !== 4) bad = body.length;
  if (bad >= 0) throw new BuiltinFailure(`illegal base64 data at input byte ${bad}`);
  return Buffer.from(body, url ? 'base64url' : 'base64');
}

export function base64Encode(s: string, url: boolean, pad: boolean): string {
  const b = Buffer.from(s, 'utf8');
  if (!url) return b.toString('base64');
  const out = b.toString('base64url');
  return pad ? out + '='.repeat((4 - (out.length % 4)) % 4) : out;
}

function hexValue(c: string): number {
  return /^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1;
}

/** Go's InvalidByteError, formatted with %#U: "U+0067 'g'" (the character only when printable). */
function invalidByte(c: string): BuiltinFailure {
  const code = c.charCodeAt(0);
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const printable = code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0) && code !== 0xad;
  return new BuiltinFailure(`encoding/hex: invalid byte: U+${hex}${printable ? ` '${c}'` : ''}`);
}

/** encoding/hex DecodeString over the string's UTF-8 bytes. */
export function hexDecode(s: string): Uint8Array {
  const bytes = Buffer.from(s, 'utf8');
  const chars = [...bytes].map((b) => String.fromCharCode(b));
  const out = new Uint8Array(chars.length >> 1);
  let i = 1;
  for (; i < chars.length; i += 2) {
    const a = hexValue(chars[i - 1]!);
    if (a < 0) throw invalidByte(chars[i - 1]!);
    const b = hexValue(chars[i]!);
    if (b < 0) throw invalidByte(chars[i]!);
    out[(i - 1) >> 1] = a * 16 + b;
  }
  if (chars.length % 2 === 1) {
    if (hexValue(chars[i - 1]!) < 0) throw invalidByte(chars[i - 1]!);
    throw new BuiltinFailure('encoding/hex: odd length hex string');
  }
  return out;
}

export function hexEncode(s: string): string {
  return Buffer.from(s, 'utf8').toString('hex');
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** url.QueryEscape: spaces as '+', everything but unreserved characters percent-encoded. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (UNRESERVED.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** url.QueryUnescape, with Go's error for a bad escape. */
export function queryUnescape(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        const bad = s.slice(i, i + 3);
        throw new BuiltinFailure(`invalid URL escape ${JSON.stringify(bad)}`);
      }
      bytes.push(parseInt(h, 16));
      i += 3;
    } else if (c === '+') {
      bytes.push(0x20);
      i++;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  return bytesToString(Uint8Array.from(bytes));
}
