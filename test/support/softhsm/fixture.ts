// A SoftHSM token populated with deliberately good and bad keys, shared by the PKCS#11 tests.
import pkcs11js from 'pkcs11js';
import { createAesKey, createCertificate, createEcPair, createGenericSecret, createRsaPair, SECP256K1 } from './keys.js';
import { createSoftHsm, type SoftHsm } from './softhsm.js';

export const PROD_TOKEN = 'kw-prod';
export const SPARE_TOKEN = 'kw-spare';
/** Distinctive so that a leak is found by a plain text search of everything the collector produced. */
export const PROD_PIN = 'Pin-7f3Q-leakcheck-9921';
export const SPARE_PIN = 'Spare-Pin-5521-leakcheck';
export const SO_PIN = 'So-Pin-3318-leakcheck';

/** Two tokens: kw-prod with the keys below, kw-spare with one good key. */
export function createFixtureTokens(module: string): SoftHsm {
  const hsm = createSoftHsm(module);
  hsm.initToken(PROD_TOKEN, PROD_PIN, SO_PIN);
  hsm.initToken(SPARE_TOKEN, SPARE_PIN);
  hsm.withUserSession(PROD_TOKEN, PROD_PIN, (p, s) => {
    // good: sensitive, not extractable, locked, single purpose, restricted to AES-GCM
    createAesKey(p, s, {
      label: 'good-aes', id: '01a1', private: true, sensitive: true, extractable: false, modifiable: false, copyable: false,
      encrypt: true, decrypt: true, wrap: false, unwrap: false, sign: false, verify: false, allowedMechanisms: [pkcs11js.CKM_AES_GCM],
    });
    // bad: readable, exportable by any KEK, modifiable, copyable, public, encryption + wrapping, ECB allowed; dates readable (private=false)
    createAesKey(p, s, {
      label: 'bad-aes', id: '02b2', private: false, sensitive: false, extractable: true, wrapWithTrusted: false, modifiable: true, copyable: true,
      encrypt: true, decrypt: true, wrap: true, unwrap: true, sign: false, verify: false, startDate: '20240101', endDate: '20261231',
      allowedMechanisms: [pkcs11js.CKM_AES_ECB, pkcs11js.CKM_AES_GCM],
    });
    // a 128-bit KEK on the same token as the 256-bit exportable bad-aes
    createAesKey(p, s, { label: 'weak-kek', id: '03c3', sensitive: true, extractable: false, modifiable: false, copyable: false, wrap: true, unwrap: true, encrypt: false, decrypt: false }, 16);
    createRsaPair(p, s, {
      label: 'rsa-sign', id: '04d4', sensitive: true, extractable: false, modifiable: false, copyable: false, sign: true, verify: true, wrap: false, unwrap: false,
      encrypt: false, decrypt: false, allowedMechanisms: [pkcs11js.CKM_SHA1_RSA_PKCS, pkcs11js.CKM_SHA256_RSA_PKCS],
    }, 2048);
    createEcPair(p, s, {
      label: 'ec-p256', id: '05e5', sensitive: true, extractable: false, modifiable: false, copyable: false, sign: true, verify: true,
      encrypt: false, decrypt: false, wrap: false, unwrap: false, derive: false, allowedMechanisms: [pkcs11js.CKM_ECDSA_SHA256],
    });
    // SoftHSM's defaults: a pair generated without usage flags can also encrypt, decrypt, wrap and unwrap
    createEcPair(p, s, { label: 'ec-k1', id: '06f6', sensitive: true, extractable: false, modifiable: false, copyable: false, sign: true, verify: true }, SECP256K1);
    createGenericSecret(p, s, { label: 'hmac', id: '07a7', sensitive: true, extractable: false, modifiable: false, copyable: false, sign: true, verify: true, encrypt: false, decrypt: false, wrap: false, unwrap: false });
    createCertificate(p, s, 'rsa-sign-cert', '04d4');
    // SoftHSM 2.6 stores dates on private objects but cannot read them back (CKR_GENERAL_ERROR)
    createAesKey(p, s, { label: 'dated-private', id: '09c9', private: true, sensitive: true, extractable: false, modifiable: false, copyable: false, encrypt: true, decrypt: true, wrap: false, unwrap: false, sign: false, verify: false, startDate: '20250101', endDate: '20271231', allowedMechanisms: [pkcs11js.CKM_AES_GCM] });
  });
  // CKA_TRUSTED=TRUE on a key that cannot wrap (only the SO may set CKA_TRUSTED, on a public object)
  hsm.withSoSession(PROD_TOKEN, SO_PIN, (p, s) => {
    createAesKey(p, s, { label: 'trusted-no-wrap', id: '08b8', private: false, trusted: true, wrap: false, unwrap: false, encrypt: false, decrypt: false, sign: false, verify: false, sensitive: true, extractable: false, modifiable: false, copyable: false });
  });
  hsm.withUserSession(SPARE_TOKEN, SPARE_PIN, (p, s) => {
    createAesKey(p, s, { label: 'spare-aes', id: '11', sensitive: true, extractable: false, modifiable: false, copyable: false, encrypt: true, decrypt: true, allowedMechanisms: [pkcs11js.CKM_AES_GCM] });
  });
  return hsm;
}
