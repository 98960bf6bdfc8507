// The collector against real SoftHSM2 tokens. SoftHSM missing = failure, unless KEYWARDEN_SKIP_SOFTHSM=1.
import { existsSync } from 'node:fs';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPkcs11, FORBIDDEN_ATTRIBUTES, readOnlyFacade, type Pkcs11Collection } from '../../../../src/collectors/pkcs11/index.js';
import { createFixtureTokens, PROD_PIN, PROD_TOKEN, SPARE_TOKEN } from '../../../support/softhsm/fixture.js';
import { softHsmModule, type SoftHsm } from '../../../support/softhsm/softhsm.js';

describe('softHsmModule', () => {
  it('fails when SoftHSM is missing, and skips only when asked to', () => {
    expect(() => softHsmModule({}, ['/nonexistent/libsofthsm2.so'])).toThrow('SoftHSM2 is not installed');
    expect(softHsmModule({ KEYWARDEN_SKIP_SOFTHSM: '1' }, ['/nonexistent/libsofthsm2.so'])).toBeUndefined();
  });
});

const module = softHsmModule();

describe.skipIf(module === undefined)('collectPkcs11 on SoftHSM2', () => {
  let hsm: SoftHsm;
  let got: Pkcs11Collection;
  beforeAll(async () => {
    hsm = createFixtureTokens(module!);
    got = await collectPkcs11({ modules: [module!], tokens: [PROD_TOKEN], pin: PROD_PIN });
  });
  afterAll(() => hsm?.cleanup());

  const key = (label: string, type: string) => {
    const k = got.keys.find((x) => x.name === label && x.id.endsWith(`;type=${type}`));
    if (!k) throw new Error(`no ${type} key ${label} in ${got.keys.map((x) => x.id).join(', ')}`);
    return k;
  };

  it('inventories every key of the selected token and nothing of the others', () => {
    expect(got.gaps).toEqual([]);
    expect(got.keys.map((k) => `${k.name}/${k.hsm?.class}`).sort()).toEqual([
      'bad-aes/CKO_SECRET_KEY', 'dated-private/CKO_SECRET_KEY', 'ec-k1/CKO_PRIVATE_KEY', 'ec-k1/CKO_PUBLIC_KEY', 'ec-p256/CKO_PRIVATE_KEY', 'ec-p256/CKO_PUBLIC_KEY',
      'good-aes/CKO_SECRET_KEY', 'hmac/CKO_SECRET_KEY', 'rsa-sign/CKO_PRIVATE_KEY', 'rsa-sign/CKO_PUBLIC_KEY', 'trusted-no-wrap/CKO_SECRET_KEY', 'weak-kek/CKO_SECRET_KEY',
    ]);
    expect(got.containers.map((c) => c.name)).toEqual([PROD_TOKEN]);
  });

  it('gives RFC 7512 ids and the token as container', () => {
    const c = got.containers[0]!;
    expect(c.id).toMatch(/^pkcs11:token=kw-prod;serial=[0-9a-f]+$/);
    expect(key('good-aes', 'secret-key').id).toBe(`${c.id};object=good-aes;id=%01%a1;type=secret-key`);
    expect(key('rsa-sign', 'private').container).toBe(c.id);
  });

  it('reads the security attributes as set', () => {
    const good = key('good-aes', 'secret-key');
    expect(good).toMatchObject({ keyType: 'symmetric', spec: 'CKK_AES', sizeBits: 256, origin: 'hsm', purpose: 'encrypt-decrypt', raw: { allowedMechanisms: ['CKM_AES_GCM'] } });
    expect(good.hsm).toMatchObject({ sensitive: true, alwaysSensitive: true, extractable: false, neverExtractable: true, local: true, modifiable: false, copyable: false, destroyable: true, private: true, token: true, id: '01a1' });
    const bad = key('bad-aes', 'secret-key');
    expect(bad.hsm).toMatchObject({ sensitive: false, alwaysSensitive: false, extractable: true, neverExtractable: false, wrapWithTrusted: false, modifiable: true, copyable: true, private: false, wrap: true, encrypt: true, startDate: '2024-01-01', endDate: '2026-12-31' });
    expect(bad).toMatchObject({ createdAt: '2024-01-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z', raw: { allowedMechanisms: ['CKM_AES_ECB', 'CKM_AES_GCM'] } });
    expect(key('weak-kek', 'secret-key')).toMatchObject({ sizeBits: 128, purpose: 'wrap-unwrap' });
    expect(key('trusted-no-wrap', 'secret-key').hsm).toMatchObject({ trusted: true, wrap: false, private: false });
  });

  it('derives sizes and curves for asymmetric keys', () => {
    expect(key('rsa-sign', 'private')).toMatchObject({ keyType: 'rsa', sizeBits: 2048, purpose: 'sign-verify', raw: { allowedMechanisms: ['CKM_SHA1_RSA_PKCS', 'CKM_SHA256_RSA_PKCS'] } });
    expect(key('rsa-sign', 'public')).toMatchObject({ keyType: 'rsa', sizeBits: 2048 });
    expect(key('ec-p256', 'private')).toMatchObject({ keyType: 'ec', curve: 'P-256', sizeBits: 256 });
    expect(key('ec-k1', 'public')).toMatchObject({ keyType: 'ec', curve: 'secp256k1' });
    expect(key('hmac', 'secret-key')).toMatchObject({ keyType: 'hmac', spec: 'CKK_GENERIC_SECRET', purpose: 'mac', sizeBits: 256 });
  });

  it('an unreadable date is unknown, not absent (SoftHSM private-object date defect)', () => {
    const k = key('dated-private', 'secret-key');
    expect(k.hsm?.startDate).toBeUndefined();
    expect(k.unknown).toMatchObject({ 'hsm.startDate': 'CKR_GENERAL_ERROR', 'hsm.endDate': 'CKR_GENERAL_ERROR' });
    expect(key('good-aes', 'secret-key').unknown).toBeUndefined(); // unset dates are simply not set
  });

  it('public keys have no sensitive attribute and it is not reported unknown', () => {
    const pub = key('rsa-sign', 'public');
    expect(pub.hsm?.sensitive).toBeUndefined();
    expect(pub.unknown?.['hsm.sensitive']).toBeUndefined();
  });

  it('describes the token, its flags and mechanisms, and certificates without their value', () => {
    const c = got.containers[0]!;
    expect(c.token).toMatchObject({ label: PROD_TOKEN, manufacturer: 'SoftHSM project', model: 'SoftHSM v2' });
    expect(c.token?.flags).toEqual(expect.arrayContaining(['CKF_LOGIN_REQUIRED', 'CKF_TOKEN_INITIALIZED', 'CKF_USER_PIN_INITIALIZED']));
    expect(c.raw?.loggedIn).toBe(true);
    const mechanisms = c.raw?.mechanisms as string[];
    expect(mechanisms).toEqual(expect.arrayContaining(['CKM_AES_GCM', 'CKM_RSA_PKCS', 'CKM_DES3_CBC']));
    const info = c.raw?.mechanismInfo as { name: string; deprecated?: string }[];
    expect(info.find((m) => m.name === 'CKM_DES3_CBC')?.deprecated).toBe('DES / triple DES');
    expect(info.find((m) => m.name === 'CKM_AES_GCM')?.deprecated).toBeUndefined();
    expect(c.raw?.certificates).toEqual([expect.objectContaining({ label: 'rsa-sign-cert', ckaId: '04d4' })]);
    expect(JSON.stringify(c)).not.toContain('3003020101'); // the certificate's CKA_VALUE
  });

  it('scans every initialised token when none is named', async () => {
    const all = await collectPkcs11({ modules: [module!], pin: PROD_PIN });
    expect(all.containers.map((c) => c.name)).toEqual([PROD_TOKEN, SPARE_TOKEN].sort());
    // the PIN is kw-prod's: kw-spare refuses it, which is a gap, and only its public objects are read
    expect(all.gaps).toEqual([expect.objectContaining({ scope: `pkcs11:${SPARE_TOKEN}`, code: 'PinIncorrect', retryable: false })]);
    expect(all.keys.filter((k) => k.account === SPARE_TOKEN)).toEqual([]);
  });

  it('calls only read-only PKCS#11 functions, never opens a R/W session and never asks for key material', async () => {
    const called = new Set<string>();
    const sessionFlags: number[] = [];
    const requested = new Set<number>();
    const load = (path: string) => {
      const raw = new pkcs11js.PKCS11();
      raw.load(path);
      const spy = new Proxy(raw, {
        get(target, prop) {
          const value = Reflect.get(target, prop) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            called.add(String(prop));
            if (prop === 'C_OpenSession') sessionFlags.push(args[1] as number);
            if (prop === 'C_GetAttributeValue') for (const a of args[2] as { type: number }[]) requested.add(a.type);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      return readOnlyFacade(spy);
    };
    const spied = await collectPkcs11({ modules: [module!], pin: PROD_PIN, load });
    expect(spied.keys.length).toBeGreaterThanOrEqual(got.keys.length);
    expect([...called].sort()).toEqual([
      'C_CloseSession', 'C_Finalize', 'C_FindObjects', 'C_FindObjectsFinal', 'C_FindObjectsInit', 'C_GetAttributeValue', 'C_GetMechanismInfo',
      'C_GetMechanismList', 'C_GetSlotList', 'C_GetTokenInfo', 'C_Initialize', 'C_Login', 'C_Logout', 'C_OpenSession',
    ]);
    expect(sessionFlags.length).toBeGreaterThan(0);
    for (const f of sessionFlags) expect(f).toBe(pkcs11js.CKF_SERIAL_SESSION);
    expect([...requested].filter((t) => FORBIDDEN_ATTRIBUTES.has(t))).toEqual([]);
  });

  it('reads a token reachable through two module paths once, and says so', async () => {
    const other = ['/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib/softhsm/libsofthsm2.so'].find((p) => p !== module && existsSync(p));
    const twice = await collectPkcs11({ modules: [module!, other ?? `${module!}/../libsofthsm2.so`], tokens: [PROD_TOKEN], pin: PROD_PIN });
    expect(twice.keys.map((k) => k.id)).toEqual(got.keys.map((k) => k.id));
    expect(twice.gaps.map((g) => g.code)).toEqual([other ? 'DuplicateToken' : 'ModuleLoadFailed']);
  });
});
