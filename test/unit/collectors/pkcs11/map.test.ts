import { describe, expect, it } from 'vitest';
import { deprecatedReason, mapKey, mapToken, tokenFlagNames, type TokenSnapshot } from '../../../../src/collectors/pkcs11/map.js';
import { objectUri, pctEncode, tokenUri } from '../../../../src/collectors/pkcs11/uri.js';

const snap: TokenSnapshot = {
  module: '/m.so', slot: 7, label: 'HSM; prod/1', manufacturer: 'Acme', model: 'X1', serial: 'ab12', flags: ['CKF_LOGIN_REQUIRED'],
  mechanisms: [{ name: 'CKM_AES_GCM' }, { name: 'CKM_DES3_CBC' }], loggedIn: true, unknown: {},
};

describe('RFC 7512 URIs', () => {
  it('percent-encodes reserved characters and every CKA_ID byte', () => {
    expect(pctEncode('a b;c/d?é')).toBe('a%20b%3bc%2fd%3f%c3%a9');
    expect(tokenUri('HSM; prod/1', 'ab12')).toBe('pkcs11:token=HSM%3b%20prod%2f1;serial=ab12');
    expect(objectUri('pkcs11:token=t', { label: 'k', idHex: '01A1', className: 'CKO_PRIVATE_KEY' })).toBe('pkcs11:token=t;object=k;id=%01%a1;type=private');
  });
});

describe('mapToken', () => {
  it('keeps token info and mechanism names, marking deprecated ones', () => {
    const c = mapToken(snap);
    expect(c).toMatchObject({ kind: 'pkcs11-token', account: 'HSM; prod/1', token: { slot: 7, serial: 'ab12', flags: ['CKF_LOGIN_REQUIRED'] }, raw: { loggedIn: true, mechanisms: ['CKM_AES_GCM', 'CKM_DES3_CBC'] } });
    expect(c.raw?.mechanismInfo).toEqual([{ name: 'CKM_AES_GCM' }, { name: 'CKM_DES3_CBC', deprecated: 'DES / triple DES' }]);
    expect(c.unknown).toBeUndefined();
  });

  it('names token flags', () => {
    expect(tokenFlagNames(0x4 | 0x40000)).toEqual(['CKF_LOGIN_REQUIRED', 'CKF_USER_PIN_LOCKED']);
    expect(deprecatedReason('CKM_AES_ECB')).toBe('ECB mode');
    expect(deprecatedReason('CKM_AES_GCM')).toBeUndefined();
  });
});

describe('mapKey', () => {
  const token = mapToken(snap);
  it('turns unreadable attributes into unknown fields, not false', () => {
    const k = mapKey(token, {
      className: 'CKO_SECRET_KEY', keyTypeName: 'CKK_AES',
      values: { CKA_LABEL: 'k', CKA_ID: '01', CKA_SENSITIVE: true, CKA_VALUE_LEN: 16 },
      errors: { CKA_COPYABLE: 'CKR_ATTRIBUTE_TYPE_INVALID', CKA_ALLOWED_MECHANISMS: 'CKR_ATTRIBUTE_TYPE_INVALID', CKA_START_DATE: 'CKR_GENERAL_ERROR' },
    });
    expect(k.hsm).toEqual({ class: 'CKO_SECRET_KEY', keyType: 'CKK_AES', label: 'k', id: '01', sensitive: true });
    expect(k.unknown).toEqual({ 'hsm.copyable': 'CKR_ATTRIBUTE_TYPE_INVALID', 'raw.allowedMechanisms': 'CKR_ATTRIBUTE_TYPE_INVALID', 'hsm.startDate': 'CKR_GENERAL_ERROR' });
    expect(k).toMatchObject({ sizeBits: 128, keyType: 'symmetric', container: token.id });
    expect(k.origin).toBeUndefined(); // CKA_LOCAL not read: provenance is not guessed
  });

  it('computes RSA size from the modulus when CKA_MODULUS_BITS is absent, and leaves imported keys without origin', () => {
    const k = mapKey(token, { className: 'CKO_PRIVATE_KEY', keyTypeName: 'CKK_RSA', values: { CKA_MODULUS: '00' + 'c0' + 'ff'.repeat(383), CKA_LOCAL: false, CKA_SIGN: true }, errors: { CKA_MODULUS_BITS: 'CKR_ATTRIBUTE_TYPE_INVALID' } });
    expect(k.sizeBits).toBe(3072);
    expect(k.origin).toBeUndefined();
    expect(k.purpose).toBe('sign-verify');
    expect(k.unknown).toBeUndefined();
  });

  it('maps EC parameters to curve names and DES3 to 168 bits', () => {
    expect(mapKey(token, { className: 'CKO_PUBLIC_KEY', keyTypeName: 'CKK_EC', values: { CKA_EC_PARAMS: '06052b81040022' }, errors: {} })).toMatchObject({ curve: 'P-384', sizeBits: 384 });
    expect(mapKey(token, { className: 'CKO_SECRET_KEY', keyTypeName: 'CKK_DES3', values: {}, errors: {} })).toMatchObject({ keyType: 'des3', sizeBits: 168 });
    const odd = mapKey(token, { className: 'CKO_PUBLIC_KEY', keyTypeName: 'CKK_EC', values: { CKA_EC_PARAMS: '0605ffffffff' }, errors: {} });
    expect(odd.unknown?.sizeBits).toBe('unrecognised CKA_EC_PARAMS');
  });
});
