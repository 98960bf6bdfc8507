// io.jwt.encode_sign(_raw): sign header and payload text as given with the first key of a JWK
// (set), checking the header the way OPA (lestrrat-go/jwx's jwsbb) does.
import { parseJSON } from '../lib-a/gojson.js';
import { BuiltinFailure } from '../types.js';
import { base64urlEncode } from './base64url.js';
import { signJws } from './jws.js';
import { jwkSigningKey, parseJwkSet, TOKEN_ALGORITHMS, type JwsKey } from './keys.js';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A header parameter that must be a string, with jwsbb's error texts. */
function headerString(headers: string, name: string): string {
  if (headers.trim() === '') throw new Error('cannot parse JSON: cannot parse empty string');
  let doc: unknown;
  try {
    doc = JSON.parse(headers);
  } catch (e) {
    // jwsbb only reports a parse failure for text that looks like an object
    if (headers.trimStart().startsWith('{')) throw new Error(`cannot parse JSON: ${message(e)}`);
    throw new Error(`jwsbb: header "${name}" not found`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !(name in doc))
    throw new Error(`jwsbb: header "${name}" not found`);
  const v = (doc as Record<string, unknown>)[name];
  if (typeof v !== 'string') throw new Error(`jwsbb: header "${name}" is not a string`);
  return v;
}

function firstKey(jwkText: string): JwsKey {
  let jwk;
  try {
    jwk = parseJwkSet(jwkText)[0];
    if (jwk === undefined) throw new BuiltinFailure('no keys found in JWK set');
    return jwkSigningKey(jwk);
  } catch (e) {
    throw new BuiltinFailure(`failed to parse JWK: ${message(e)}`);
  }
}

function isJSON(text: string): boolean {
  try {
    parseJSON(text);
    return true;
  } catch {
    return false;
  }
}

/** The compact JWS "<b64 header>.<b64 payload>.<b64 signature>". */
export function encodeSign(headers: string, payload: string, jwkText: string): string {
  const key = firstKey(jwkText);
  let alg: string;
  try {
    alg = headerString(headers, 'alg');
  } catch (e) {
    throw new BuiltinFailure(`missing or invalid 'alg' header: ${message(e)}`);
  }
  if (!TOKEN_ALGORITHMS.has(alg)) throw new BuiltinFailure(`unknown JWS algorithm: ${alg}`);
  let typ: string | undefined;
  try {
    typ = headerString(headers, 'typ');
  } catch {
    typ = undefined;
  }
  if ((typ === undefined || typ === 'JWT') && !isJSON(payload)) throw new BuiltinFailure('type is JWT but payload is not JSON');
  const input = `${base64urlEncode(headers)}.${base64urlEncode(payload)}`;
  try {
    return `${input}.${base64urlEncode(signJws(alg, key, Buffer.from(input, 'utf8')))}`;
  } catch (e) {
    throw new BuiltinFailure(`failed to sign JWT: ${message(e)}`);
  }
}
