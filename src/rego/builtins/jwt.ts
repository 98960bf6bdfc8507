// io.jwt.*: decoding, verification (HS/RS/PS/ES/EdDSA) and signing of JSON Web Tokens, following
// OPA's topdown/tokens.go behaviour and error texts. Crypto is node:crypto (see lib-jwt/).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Value } from '../value/types.js';
import { BuiltinFailure, type BuiltinDecl } from './types.js';
import { builtin, obj, str, T } from './lib-a/util.js';
import { marshal } from './lib-a/gojson.js';
import { decodeVerify } from './lib-jwt/decode-verify.js';
import { keysFromCertOrJwk } from './lib-jwt/keys.js';
import { verifyJws } from './lib-jwt/jws.js';
import { encodeSign } from './lib-jwt/encode-sign.js';
import {
  decodeHeader, decodeSection, decodeSectionBytes, jsonObject, parseHeader, signingInput, splitToken,
} from './lib-jwt/token.js';

/** io.jwt.decode: [header, payload, hex signature]; nested tokens (cty JWT) are unwrapped. */
function decode(jwt: Value | undefined): Value[] {
  const token = splitToken(jwt);
  const header = decodeHeader(token);
  const payloadText = decodeSection(token.payload, 'JWT payload');
  if (header.get('cty') === 'JWT') return decode(payloadText.replace(/^["']+|["']+$/g, ''));
  const payload = jsonObject(payloadText);
  const sig = decodeSectionBytes(token.signature, 'JWT signature');
  return [header, payload, sig.toString('hex')];
}

/** verify_hs*: HMAC of "<header>.<payload>" with the secret, compared with the signature. */
function verifyHmac(hash: 'sha256' | 'sha384' | 'sha512'): BuiltinDecl['impl'] {
  return ([jwt, secret]) => {
    str(jwt, 1);
    const key = str(secret, 2);
    const token = splitToken(jwt);
    const mac = createHmac(hash, Buffer.from(key, 'utf8')).update(signingInput(token)).digest();
    const sig = decodeSectionBytes(token.signature);
    return sig.length === mac.length && timingSafeEqual(sig, mac);
  };
}

/**
 * verify_rs*, ps*, es*, eddsa: the builtin's own algorithm against every key the certificate or
 * JWK(S) offers; a key whose kid matches the token's decides alone.
 */
function verifyAsymmetric(alg: string): BuiltinDecl['impl'] {
  return ([jwt, certificate]) => {
    const token = splitToken(jwt);
    const keys = keysFromCertOrJwk(str(certificate, 2));
    const sig = decodeSectionBytes(token.signature);
    const h = parseHeader(decodeHeader(token));
    const data = signingInput(token);
    const byKid = h.kid !== '' ? keys.find((k) => k.kid === h.kid) : undefined;
    if (byKid) return verifyJws(alg, byKid.key, data, sig);
    return keys.some((k) => (k.alg === '' || k.alg === h.alg) && verifyJws(alg, k.key, data, sig));
  };
}

function jsonText(v: Value, what: string): string {
  try {
    return marshal(v);
  } catch (e) {
    throw new BuiltinFailure(`failed to marshal JWT ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const verifyArgs: [string, typeof T.str][] = [['jwt', T.str], ['certificate', T.str]];
const verifyNames: [string, string][] = [
  ['rs256', 'RS256'], ['rs384', 'RS384'], ['rs512', 'RS512'],
  ['ps256', 'PS256'], ['ps384', 'PS384'], ['ps512', 'PS512'],
  ['es256', 'ES256'], ['es384', 'ES384'], ['es512', 'ES512'],
  ['eddsa', 'EdDSA'],
];

export const jwtBuiltins: BuiltinDecl[] = [
  builtin('io.jwt.decode', 'tokens', [['jwt', T.str]], T.tuple(T.obj(T.str, T.any), T.obj(T.str, T.any), T.str), ([jwt]) =>
    decode(jwt),
  ),
  builtin(
    'io.jwt.decode_verify',
    'tokens',
    [['jwt', T.str], ['constraints', T.obj(T.str, T.any)]],
    T.tuple(T.bool, T.obj(T.str, T.any), T.obj(T.str, T.any)),
    ([jwt, constraints], ctx) => decodeVerify(jwt, constraints, ctx.nowNs()),
    { nondeterministic: true },
  ),
  ...(['256', '384', '512'] as const).map((bits) =>
    builtin(`io.jwt.verify_hs${bits}`, 'tokens', [['jwt', T.str], ['secret', T.str]], T.bool, verifyHmac(`sha${bits}`)),
  ),
  ...verifyNames.map(([suffix, alg]) => builtin(`io.jwt.verify_${suffix}`, 'tokens', verifyArgs, T.bool, verifyAsymmetric(alg))),
  builtin(
    'io.jwt.encode_sign',
    'tokensign',
    [['headers', T.obj(T.str, T.any)], ['payload', T.obj(T.str, T.any)], ['key', T.obj(T.str, T.any)]],
    T.str,
    ([headers, payload, key]) =>
      encodeSign(
        jsonText(obj(headers, 1), 'headers'),
        jsonText(obj(payload, 2), 'payload'),
        jsonText(obj(key, 3), 'signature'),
      ),
    { nondeterministic: true },
  ),
  builtin(
    'io.jwt.encode_sign_raw',
    'tokensign',
    [['headers', T.str], ['payload', T.str], ['key', T.str]],
    T.str,
    ([headers, payload, key]) => {
      const jwk = str(key, 3);
      return encodeSign(str(headers, 1), str(payload, 2), jwk);
    },
    { nondeterministic: true },
  ),
];
