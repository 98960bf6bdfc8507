// io.jwt.*: sign/verify round trips for every algorithm, key formats (PEM, JWK, JWKS with kid),
// decode_verify's constraints and clock, and OPA's error texts.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwtBuiltins } from '../../../../src/rego/builtins/jwt.js';
import { BuiltinFailure } from '../../../../src/rego/builtins/types.js';
import { fromJS, RObject, type Value } from '../../../../src/rego/value/index.js';
import { call, ctx } from './helpers.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  ES512: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
};
const ed = generateKeyPairSync('ed25519');

const jwk = (k: KeyObject): Value => fromJS(k.export({ format: 'jwk' }));
const pem = (k: KeyObject): string => k.export({ format: 'pem', type: 'spki' }).toString();
const obj = (x: unknown): Value => fromJS(x);
const now = ctx().nowNs(); // 1.7e18 ns
const nowSeconds = Number(now / 1_000_000_000n);

function pairFor(alg: string): { privateKey: KeyObject; publicKey: KeyObject } {
  if (alg.startsWith('RS') || alg.startsWith('PS')) return rsa;
  if (alg.startsWith('ES')) return ec[alg as keyof typeof ec];
  return ed;
}

function sign(alg: string, payload: unknown, key: Value, header: Record<string, unknown> = {}): string {
  return call(jwtBuiltins, 'io.jwt.encode_sign', [obj({ alg, typ: 'JWT', ...header }), obj(payload), key]) as string;
}

function tamper(token: string): string {
  const [h, p, s] = token.split('.');
  const sig = Buffer.from(s!, 'base64url');
  sig[5] = sig[5]! ^ 0xff;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

describe('asymmetric round trips', () => {
  for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']) {
    it(`${alg}: encode_sign, verify with PEM and JWK, decode_verify`, () => {
      const { privateKey, publicKey } = pairFor(alg);
      const token = sign(alg, { sub: 'alice', iss: 'kw' }, jwk(privateKey));
      const verifier = `io.jwt.verify_${alg.toLowerCase()}`;
      expect(call(jwtBuiltins, verifier, [token, pem(publicKey)])).toBe(true);
      expect(call(jwtBuiltins, verifier, [token, JSON.stringify(publicKey.export({ format: 'jwk' }))])).toBe(true);
      expect(call(jwtBuiltins, verifier, [tamper(token), pem(publicKey)])).toBe(false);
      const [valid, header, payload] = call(jwtBuiltins, 'io.jwt.decode_verify', [token, obj({ cert: pem(publicKey), iss: 'kw' })], ctx()) as Value[];
      expect(valid).toBe(true);
      expect((header as RObject).get('alg')).toBe(alg);
      expect((payload as RObject).get('sub')).toBe('alice');
    });
  }

  it('a key of the wrong type does not verify (no error)', () => {
    const token = sign('RS256', {}, jwk(rsa.privateKey));
    expect(call(jwtBuiltins, 'io.jwt.verify_es256', [token, pem(ec.ES256.publicKey)])).toBe(false);
    expect(call(jwtBuiltins, 'io.jwt.verify_rs256', [token, pem(ed.publicKey)])).toBe(false);
  });
});

describe('HMAC', () => {
  const keyText = JSON.stringify({ kty: 'oct', k: Buffer.from('secret').toString('base64url') });
  const key = obj(JSON.parse(keyText));
  for (const bits of ['256', '384', '512']) {
    it(`HS${bits} signs with a JWK secret and verifies with the plain secret`, () => {
      const token = sign(`HS${bits}`, { a: 1 }, key);
      expect(call(jwtBuiltins, `io.jwt.verify_hs${bits}`, [token, 'secret'])).toBe(true);
      expect(call(jwtBuiltins, `io.jwt.verify_hs${bits}`, [token, 'other'])).toBe(false);
    });
  }

  it('encode_sign_raw keeps the header text byte for byte', () => {
    const header = '{"alg":"HS256",\r\n "typ":"JWT"}';
    const token = call(jwtBuiltins, 'io.jwt.encode_sign_raw', [header, '{"x":1}', keyText]) as string;
    expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).toBe(header);
  });
});

describe('decode_verify constraints', () => {
  const secret = obj({ kty: 'oct', k: Buffer.from('s3cret').toString('base64url') });
  const verify = (token: string, constraints: unknown): Value[] =>
    call(jwtBuiltins, 'io.jwt.decode_verify', [token, obj(constraints)], ctx()) as Value[];

  it('uses the evaluation clock when no time is given', () => {
    expect(verify(sign('HS256', { exp: nowSeconds + 60 }, secret), { secret: 's3cret' })[0]).toBe(true);
    expect(verify(sign('HS256', { exp: nowSeconds - 60 }, secret), { secret: 's3cret' })[0]).toBe(false);
    expect(verify(sign('HS256', { nbf: nowSeconds + 60 }, secret), { secret: 's3cret' })[0]).toBe(false);
    expect(verify(sign('HS256', { exp: nowSeconds - 60 }, secret), { secret: 's3cret', time: (nowSeconds - 120) * 1e9 })[0]).toBe(true);
  });

  it('checks alg, iss and aud', () => {
    const token = sign('HS256', { iss: 'a', aud: ['x', 'y'] }, secret);
    expect(verify(token, { secret: 's3cret', aud: 'y', iss: 'a' })[0]).toBe(true);
    expect(verify(token, { secret: 's3cret', aud: 'z' })[0]).toBe(false);
    expect(verify(token, { secret: 's3cret' })[0]).toBe(false); // an audience claim needs an aud constraint
    expect(verify(token, { secret: 's3cret', aud: 'x', alg: 'HS512' })).toEqual([false, new RObject(), new RObject()]);
  });

  it('unwraps nested tokens (cty JWT)', () => {
    const inner = sign('HS256', { iss: 'inner' }, secret);
    const outer = call(jwtBuiltins, 'io.jwt.encode_sign_raw', [
      '{"alg":"HS256","typ":"nested","cty":"JWT"}', // typ JWT would demand a JSON payload
      inner,
      JSON.stringify({ kty: 'oct', k: Buffer.from('s3cret').toString('base64url') }),
    ]) as string;
    const [valid, , payload] = verify(outer, { secret: 's3cret' });
    expect(valid).toBe(true);
    expect((payload as RObject).get('iss')).toBe('inner');
  });

  it('reports bad constraints as builtin errors', () => {
    const token = sign('HS256', {}, secret);
    expect(() => verify(token, { secret: 'a', cert: pem(rsa.publicKey) })).toThrow('duplicate key constraints');
    expect(() => verify(token, { iss: 'a' })).toThrow('no key constraint');
    expect(() => verify(token, { secret: 'a', colour: 'red' })).toThrow('unknown token validation constraint: colour');
    expect(() => verify(token, { secret: 'a', time: -1 })).toThrow('token time constraint: must not be negative');
  });
});

describe('JWK sets', () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const set = (keys: unknown[]): string => JSON.stringify({ keys });
  const pub = (k: KeyObject, extra: Record<string, unknown>): unknown => ({ ...k.export({ format: 'jwk' }), ...extra });

  it('a matching kid decides alone; otherwise any key with a fitting alg may verify', () => {
    const token = sign('RS256', {}, jwk(rsa.privateKey), { kid: 'right' });
    const good = pub(rsa.publicKey, { kid: 'right', alg: 'RS256' });
    const bad = pub(other.publicKey, { kid: 'wrong', alg: 'RS256' });
    expect(call(jwtBuiltins, 'io.jwt.verify_rs256', [token, set([bad, good])])).toBe(true);
    expect(call(jwtBuiltins, 'io.jwt.verify_rs256', [token, set([pub(rsa.publicKey, { kid: 'right', alg: 'RS512' })])])).toBe(true);
    const noKid = sign('RS256', {}, jwk(rsa.privateKey));
    expect(call(jwtBuiltins, 'io.jwt.verify_rs256', [noKid, set([pub(rsa.publicKey, { alg: 'RS512' })])])).toBe(false);
    expect(call(jwtBuiltins, 'io.jwt.verify_rs256', [noKid, set([bad, pub(rsa.publicKey, {})])])).toBe(true);
  });
});

describe('decode and errors', () => {
  it('decode returns header, payload and the hex signature', () => {
    const token = sign('HS256', { a: 'b' }, obj({ kty: 'oct', k: 'AAAA' }));
    const [header, payload, sig] = call(jwtBuiltins, 'io.jwt.decode', [token]) as Value[];
    expect((header as RObject).get('alg')).toBe('HS256');
    expect((payload as RObject).get('a')).toBe('b');
    expect(sig).toBe(Buffer.from(token.split('.')[2]!, 'base64url').toString('hex'));
  });

  it('uses OPA error texts', () => {
    const key = pem(rsa.publicKey);
    const token = sign('RS256', {}, jwk(rsa.privateKey));
    expect(() => call(jwtBuiltins, 'io.jwt.verify_rs256', [token, key + 'TRAILING'])).toThrow('extra data after a PEM certificate block');
    expect(() => call(jwtBuiltins, 'io.jwt.verify_rs256', [token, key.replace(/PUBLIC KEY/g, 'THING')])).toThrow(
      'failed to extract a Key from the PEM certificate',
    );
    expect(() => call(jwtBuiltins, 'io.jwt.verify_rs256', [token, '{not json'])).toThrow(BuiltinFailure);
    expect(() => call(jwtBuiltins, 'io.jwt.decode', ['a.b'])).toThrow('encoded JWT must have 3 sections, found 2');
    expect(() => call(jwtBuiltins, 'io.jwt.encode_sign_raw', ['{"alg":"none"}', '{}', '{"kty":"oct","k":"AAAA"}'])).toThrow(
      'unknown JWS algorithm: none',
    );
  });

  it('declares the time- and randomness-dependent builtins non-deterministic', () => {
    const flagged = jwtBuiltins.filter((d) => d.nondeterministic).map((d) => d.name).sort();
    expect(flagged).toEqual(['io.jwt.decode_verify', 'io.jwt.encode_sign', 'io.jwt.encode_sign_raw']);
  });
});
