// The compact JWS form as OPA's io.jwt.* reads it: three base64url sections, a JSON object header
// (JWE tokens refused) and the header parameters OPA understands.
import { parseJSON } from '../lib-a/gojson.js';
import { bytesToString } from '../lib-a/bytes.js';
import { RObject, toJSONText, type Value } from '../../value/types.js';
import { BuiltinFailure } from '../types.js';
import { str } from '../lib-a/util.js';
import { base64urlDecodeBytes } from './base64url.js';

export interface CompactToken {
  header: string;
  payload: string;
  signature: string;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Splits a compact token (operand 1 of every io.jwt builtin). */
export function splitToken(v: Value | undefined): CompactToken {
  const s = str(v, 1);
  if (!s.includes('.')) throw new BuiltinFailure('encoded JWT had no period separators');
  const parts = s.split('.');
  if (parts.length !== 3) throw new BuiltinFailure(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0]!, payload: parts[1]!, signature: parts[2]! };
}

/** base64url-decodes one section to text, prefixing errors with `what` when given. */
export function decodeSection(s: string, what?: string): string {
  return bytesToString(decodeSectionBytes(s, what));
}

export function decodeSectionBytes(s: string, what?: string): Buffer {
  try {
    return base64urlDecodeBytes(s);
  } catch (e) {
    throw new BuiltinFailure(what === undefined ? message(e) : `${what} had invalid encoding: ${message(e)}`);
  }
}

/** OPA's extractJSONObject: JSON text that must hold an object (last duplicate key wins). */
export function jsonObject(text: string): RObject {
  let v: Value;
  try {
    v = parseJSON(text);
  } catch (e) {
    throw new BuiltinFailure(`invalid JSON: ${message(e)}`);
  }
  if (!(v instanceof RObject)) throw new BuiltinFailure('decoded JSON type was not an Object');
  return v;
}

/** The decoded header object; JWE tokens (with "enc") are refused. */
export function decodeHeader(token: CompactToken): RObject {
  const text = decodeSection(token.header, 'JWT header');
  let header: RObject;
  try {
    header = jsonObject(text);
  } catch (e) {
    throw new BuiltinFailure(`bad JWT header: ${message(e)}`);
  }
  if (header.get('enc') !== undefined) throw new BuiltinFailure('JWT is a JWE object, which is not supported');
  return header;
}

export interface TokenHeader {
  alg: string;
  kid: string;
  typ: string;
  cty: string;
  crit: Set<string>;
  unknown: string[];
}

function headerString(name: string, v: Value): string {
  if (typeof v !== 'string') throw new BuiltinFailure(`${name}: must be a string`);
  return v;
}

/** Reads the parameters OPA knows (alg, kid, typ, cty, crit); others are remembered as unknown. */
export function parseHeader(header: RObject): TokenHeader {
  const h: TokenHeader = { alg: '', kid: '', typ: '', cty: '', crit: new Set(), unknown: [] };
  for (const [k, v] of header.entries()) {
    const name = typeof k === 'string' ? k : toJSONText(k);
    if (name === 'alg' || name === 'kid' || name === 'typ' || name === 'cty') h[name] = headerString(name, v);
    else if (name === 'crit') {
      if (!Array.isArray(v)) throw new BuiltinFailure('crit: must be a list');
      for (const e of v) if (typeof e === 'string') h.crit.add(e);
      if (h.crit.size === 0) throw new BuiltinFailure('crit: must be a nonempty list');
    } else h.unknown.push(name);
  }
  return h;
}

/** RFC 7515: alg is required and every critical parameter must be understood. */
export function headerIsValid(h: TokenHeader): boolean {
  return h.alg !== '' && !h.unknown.some((u) => h.crit.has(u));
}

/** The bytes a JWS signature covers: "<header>.<payload>" as transmitted. */
export function signingInput(token: CompactToken): Buffer {
  return Buffer.from(`${token.header}.${token.payload}`, 'utf8');
}
