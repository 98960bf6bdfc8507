// io.jwt.decode_verify: decode a (possibly nested) JWS, verify it against the constraints
// (secret or cert, alg, iss, aud, time) and check exp/nbf, the way OPA does.
import { compareNumbers, isNumber, RObject, toJSONText, type RNumber, type Value } from '../../value/types.js';
import { BuiltinFailure } from '../types.js';
import { obj } from '../lib-a/util.js';
import { keysFromCertOrJwk, type VerificationKey } from './keys.js';
import { verifyJws } from './jws.js';
import {
  decodeHeader, decodeSection, decodeSectionBytes, headerIsValid, jsonObject, parseHeader, signingInput, splitToken,
} from './token.js';

interface Constraints {
  secret: string;
  alg: string;
  iss: string;
  aud: string;
  keys?: VerificationKey[];
  /** Nanoseconds since the epoch, as a float (OPA keeps it as float64). */
  time: number;
}

function toFloat(n: RNumber): number {
  return typeof n === 'number' ? n : n.toNumber();
}

function timeFromValue(v: Value): number {
  if (!isNumber(v)) throw new BuiltinFailure('token time constraint: must be a number');
  const t = toFloat(v);
  if (!Number.isFinite(t)) throw new BuiltinFailure('token time constraint: unvalid float64');
  if (t < 0) throw new BuiltinFailure('token time constraint: must not be negative');
  return t;
}

function constraintString(name: string, v: Value): string {
  if (typeof v !== 'string') throw new BuiltinFailure(`${name} constraint: must be a string`);
  return v;
}

/** Parses and validates the constraints object; the clock is used when no `time` is given. */
function parseConstraints(o: RObject, nowNs: bigint): Constraints {
  const c: Constraints = { secret: '', alg: '', iss: '', aud: '', time: -1 };
  for (const [k, v] of o.entries()) {
    const name = typeof k === 'string' ? k : toJSONText(k);
    if (name === 'cert') {
      if (typeof v !== 'string') throw new BuiltinFailure('cert constraint: must be a string');
      c.keys = keysFromCertOrJwk(v);
    } else if (name === 'secret' || name === 'alg' || name === 'iss' || name === 'aud') c[name] = constraintString(name, v);
    else if (name === 'time') c.time = timeFromValue(v);
    else throw new BuiltinFailure(`unknown token validation constraint: ${name}`);
  }
  if (c.time === -1) c.time = Number(nowNs);
  const keyKinds = (c.keys !== undefined ? 1 : 0) + (c.secret !== '' ? 1 : 0);
  if (keyKinds > 1) throw new BuiltinFailure('duplicate key constraints');
  if (keyKinds < 1) throw new BuiltinFailure('no key constraint');
  return c;
}

/** Signature check: a matching kid decides alone, otherwise any key whose alg fits may verify. */
function signatureVerifies(c: Constraints, kid: string, alg: string, data: Buffer, sig: Buffer): boolean {
  if (c.keys !== undefined) {
    const byKid = kid !== '' ? c.keys.find((k) => k.kid === kid) : undefined;
    if (byKid) return verifyJws(alg, byKid.key, data, sig);
    return c.keys.some((k) => (k.alg === '' || k.alg === alg) && verifyJws(alg, k.key, data, sig));
  }
  return verifyJws(alg, Buffer.from(c.secret, 'utf8'), data, sig);
}

function validAudience(aud: Value, want: string): boolean {
  if (typeof aud === 'string') return aud === want;
  return Array.isArray(aud) && aud.some((e) => e === want);
}

function unverified(): Value[] {
  return [false, new RObject(), new RObject()];
}

/** Registered claims: iss and aud against the constraints, exp and nbf against the time. */
function claimsHold(c: Constraints, payload: RObject): boolean {
  if (c.iss !== '') {
    const iss = payload.get('iss');
    if (iss === undefined || iss !== c.iss) return false;
  }
  const aud = payload.get('aud');
  if (aud !== undefined ? !validAudience(aud, c.aud) : c.aud !== '') return false;
  const nowSeconds = c.time / 1e9;
  const exp = payload.get('exp');
  if (exp !== undefined) {
    if (!isNumber(exp)) throw new BuiltinFailure('exp value must be a number');
    if (compareNumbers(nowSeconds, exp) !== -1) return false;
  }
  const nbf = payload.get('nbf');
  if (nbf !== undefined) {
    if (!isNumber(nbf)) throw new BuiltinFailure('nbf value must be a number');
    if (compareNumbers(nowSeconds, nbf) === -1) return false;
  }
  return true;
}

/** The builtin's result: [valid, header, payload], with empty objects when not valid. */
export function decodeVerify(jwt: Value | undefined, constraints: Value | undefined, nowNs: bigint): Value[] {
  const c = parseConstraints(obj(constraints, 2), nowNs);
  let current: Value | undefined = jwt;
  for (;;) {
    const token = splitToken(current);
    const header = decodeHeader(token);
    const h = parseHeader(header);
    if (!headerIsValid(h)) return unverified();
    if (c.alg !== '' && c.alg !== h.alg) return unverified();
    const sig = decodeSectionBytes(token.signature);
    if (!signatureVerifies(c, h.kid, h.alg, signingInput(token), sig)) return unverified();
    const payloadText = decodeSection(token.payload, 'JWT payload');
    if (h.cty.toLowerCase() === 'jwt') {
      current = payloadText; // nested JWT: verify the inner token too
      continue;
    }
    const payload = jsonObject(payloadText);
    return claimsHold(c, payload) ? [true, header, payload] : unverified();
  }
}
