// Key material for io.jwt.*: verification keys from a PEM certificate, a PEM public key, a JWK or a
// JWK set (as OPA's getKeysFromCertOrJWK reads them), and signing keys from a JWK.
import { createPrivateKey, createPublicKey, X509Certificate, type JsonWebKey, type KeyObject } from 'node:crypto';
import { BuiltinFailure } from '../types.js';
import { base64urlDecodeBytes } from './base64url.js';
import { decodePem } from './pem.js';

/** An asymmetric key, or the raw secret of an HMAC ("oct") key. */
export type JwsKey = KeyObject | Buffer;

export interface VerificationKey {
  key: JwsKey;
  /** The JWK's "alg", or "" when the key does not name one (certificates, bare keys). */
  alg: string;
  kid: string;
}

/** The algorithms OPA accepts in JWS headers and JWK "alg" fields. */
export const TOKEN_ALGORITHMS: ReadonlySet<string> = new Set([
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'HS256', 'HS384', 'HS512', 'EdDSA',
]);

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Parses JWK or JWK-set text into its members; throws with the parser's reason. */
export function parseJwkSet(text: string): JsonWebKey[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`failed to unmarshal JSON: ${message(e)}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('invalid JWK: not a JSON object');
  const o = doc as Record<string, unknown>;
  if ('keys' in o) {
    if (!Array.isArray(o.keys)) throw new Error('invalid JWK set: "keys" must be an array');
    return o.keys.map((k) => {
      if (k === null || typeof k !== 'object' || Array.isArray(k)) throw new Error('invalid JWK set: key must be an object');
      return k as JsonWebKey;
    });
  }
  return [o];
}

/** The public half (or the secret) of one JWK, for verification. */
export function jwkVerificationKey(jwk: JsonWebKey): JwsKey {
  if (jwk.kty === 'oct') return octSecret(jwk);
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC' && jwk.kty !== 'OKP') throw new Error(`unsupported key type: ${String(jwk.kty)}`);
  return createPublicKey({ key: jwk, format: 'jwk' });
}

/** The private key (or the secret) of one JWK, for signing. */
export function jwkSigningKey(jwk: JsonWebKey): JwsKey {
  if (jwk.kty === 'oct') return octSecret(jwk);
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC' && jwk.kty !== 'OKP') throw new Error(`unsupported key type: ${String(jwk.kty)}`);
  if (jwk.d === undefined) return createPublicKey({ key: jwk, format: 'jwk' });
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

function octSecret(jwk: JsonWebKey): Buffer {
  if (typeof jwk.k !== 'string') throw new Error('required field "k" is missing');
  return base64urlDecodeBytes(jwk.k);
}

function pemKeys(type: string, der: Buffer): VerificationKey[] {
  if (type === 'CERTIFICATE') {
    try {
      return [{ key: new X509Certificate(der).publicKey, alg: '', kid: '' }];
    } catch (e) {
      throw new BuiltinFailure(`failed to parse a PEM certificate: ${message(e)}`);
    }
  }
  if (type === 'PUBLIC KEY') {
    try {
      return [{ key: createPublicKey({ key: der, format: 'der', type: 'spki' }), alg: '', kid: '' }];
    } catch (e) {
      throw new BuiltinFailure(`failed to parse a PEM public key: ${message(e)}`);
    }
  }
  throw new BuiltinFailure('failed to extract a Key from the PEM certificate');
}

/**
 * The keys a certificate, public key, JWK or JWKS text offers. A PEM block is never valid JSON,
 * so both readings are tried; JWKS members with an unknown "alg" are skipped.
 */
export function keysFromCertOrJwk(text: string): VerificationKey[] {
  const pem = decodePem(text);
  if (pem) {
    if (pem.rest.length > 0) throw new BuiltinFailure('extra data after a PEM certificate block');
    return pemKeys(pem.block.type, pem.block.bytes);
  }
  try {
    const keys: VerificationKey[] = [];
    for (const jwk of parseJwkSet(text)) {
      const alg = typeof jwk.alg === 'string' ? jwk.alg : '';
      const key = jwkVerificationKey(jwk);
      if (alg !== '' && !TOKEN_ALGORITHMS.has(alg)) continue;
      keys.push({ key, alg, kid: typeof jwk.kid === 'string' ? jwk.kid : '' });
    }
    return keys;
  } catch (e) {
    throw new BuiltinFailure(`failed to parse a JWK key (set): ${message(e)}`);
  }
}
