// PKCS#11 part of the demo estate: one token. Objects are identified by RFC 7512 URIs. Attributes a
// token does not report (older tokens lack CKA_COPYABLE/CKA_DESTROYABLE; CKA_ALLOWED_MECHANISMS is
// optional) are absent, which means "not set", not "false".
import { daysAgo } from './common.mjs';

export const TOKEN = 'hsm-prod-01';
const SERIAL = '5c1f0e2a7b3d9e41';
const tokenUri = `pkcs11:token=${TOKEN};serial=${SERIAL}`;
const safe = { token: true, private: true, sensitive: true, alwaysSensitive: true, extractable: false, neverExtractable: true, local: true, modifiable: false, copyable: false, destroyable: false };

export function pkcs11Container() {
  return { ref: { provider: 'pkcs11', account: TOKEN, type: 'pkcs11-token', id: tokenUri, name: TOKEN }, provider: 'pkcs11', account: TOKEN, id: tokenUri, name: TOKEN, kind: 'pkcs11-token', token: { label: TOKEN, manufacturer: 'SoftHSM project', model: 'SoftHSM v2', serial: SERIAL, flags: ['CKF_LOGIN_REQUIRED', 'CKF_USER_PIN_INITIALIZED', 'CKF_TOKEN_INITIALIZED'], slot: 0 } };
}

export function pkcs11Keys() {
  const keys = [];
  const add = (def) => {
    const id = def.ckaId;
    const type = def.cls === 'CKO_SECRET_KEY' ? 'secret-key' : def.cls === 'CKO_PRIVATE_KEY' ? 'private' : 'public';
    const uri = `pkcs11:token=${TOKEN};serial=${SERIAL};object=${def.label};id=%${id.match(/../g).join('%')};type=${type}`;
    keys.push({
      ref: { provider: 'pkcs11', account: TOKEN, type: 'hsm-object', id: uri, name: def.label },
      provider: 'pkcs11', account: TOKEN, container: tokenUri, id: uri, name: def.label, manager: 'customer',
      purpose: def.purpose ?? 'encrypt-decrypt', keyType: def.keyType, spec: def.ckk, ...(def.sizeBits ? { sizeBits: def.sizeBits } : {}),
      origin: def.hsm.local === false ? 'imported' : 'hsm', protectionLevel: 'hsm', state: 'enabled', enabled: true,
      createdAt: daysAgo(def.ageDays ?? 200),
      hsm: { class: def.cls, keyType: def.ckk, label: def.label, id, ...def.hsm, ...(def.ageDays ? { startDate: daysAgo(def.ageDays).slice(0, 10) } : {}) },
      ...(def.unknown ? { unknown: def.unknown } : {}),
      ...(def.tags ? { tags: def.tags } : {}),
      raw: def.raw ?? {},
      expect: def.expect ?? { violations: [], traps: [] },
    });
  };
  add({ label: 'pin-master-aes', ckaId: '01a1', cls: 'CKO_SECRET_KEY', ckk: 'CKK_AES', keyType: 'symmetric', sizeBits: 256, ageDays: 200, hsm: { ...safe, encrypt: true, decrypt: true, wrap: false, unwrap: false, sign: false, verify: false, derive: false, endDate: daysAgo(-500).slice(0, 10) }, raw: { allowedMechanisms: ['CKM_AES_GCM'] } });
  add({ label: 'legacy-rsa-priv', ckaId: '02b2', cls: 'CKO_PRIVATE_KEY', ckk: 'CKK_RSA', keyType: 'rsa', sizeBits: 2048, purpose: 'sign-verify', ageDays: 300, hsm: { ...safe, sensitive: false, alwaysSensitive: false, sign: true, decrypt: false }, expect: { violations: ['p11-secret-private-keys-sensitive', 'p11-key-provenance'], traps: [] } });
  add({ label: 'backup-kek', ckaId: '03c3', cls: 'CKO_SECRET_KEY', ckk: 'CKK_AES', keyType: 'symmetric', sizeBits: 256, purpose: 'wrap-unwrap', ageDays: 250, hsm: { ...safe, extractable: true, neverExtractable: false, wrapWithTrusted: false, wrap: true, unwrap: true, encrypt: false, decrypt: false }, expect: { violations: ['p11-keys-not-extractable', 'p11-key-provenance'], traps: [] } });
  add({ label: 'legacy-rsa-pub', ckaId: '02b2', cls: 'CKO_PUBLIC_KEY', ckk: 'CKK_RSA', keyType: 'rsa', sizeBits: 2048, purpose: 'sign-verify', ageDays: 300, hsm: { token: true, private: false, verify: true, encrypt: false, modifiable: false }, expect: { violations: [], traps: ['public key objects have no CKA_SENSITIVE/CKA_EXTRACTABLE'] } });
  add({ label: 'mac-unrestricted', ckaId: '04d4', cls: 'CKO_SECRET_KEY', ckk: 'CKK_GENERIC_SECRET', keyType: 'hmac', sizeBits: 256, purpose: 'mac', ageDays: 100, hsm: { ...safe, sign: true, verify: true, encrypt: false, decrypt: false }, expect: { violations: [], traps: ['no CKA_ALLOWED_MECHANISMS: report "unrestricted" (informational), not a violation'] } });
  add({ label: 'old-token-aes', ckaId: '05e5', cls: 'CKO_SECRET_KEY', ckk: 'CKK_AES', keyType: 'symmetric', sizeBits: 128, ageDays: 150, hsm: { token: true, private: true, sensitive: true, alwaysSensitive: true, extractable: false, neverExtractable: true, local: true, modifiable: false, encrypt: true, decrypt: true }, unknown: { 'hsm.copyable': 'CKR_ATTRIBUTE_TYPE_INVALID (token < v2.40)', 'hsm.destroyable': 'CKR_ATTRIBUTE_TYPE_INVALID (token < v2.40)' }, expect: { violations: [], traps: ['older token lacks CKA_COPYABLE/CKA_DESTROYABLE: unknown, not a violation'] } });
  add({ label: 'des3-legacy', ckaId: '06f6', cls: 'CKO_SECRET_KEY', ckk: 'CKK_DES3', keyType: 'des3', sizeBits: 168, ageDays: 2000, hsm: { ...safe, encrypt: true, decrypt: true }, expect: { violations: ['key-type-allowed', 'deprecated-algorithm-disallowed', 'key-manual-rotation-age'], traps: [] } });
  add({ label: 'wrap-and-decrypt', ckaId: '07a7', cls: 'CKO_SECRET_KEY', ckk: 'CKK_AES', keyType: 'symmetric', sizeBits: 256, ageDays: 90, hsm: { ...safe, encrypt: true, decrypt: true, wrap: true, unwrap: true }, expect: { violations: ['p11-single-purpose-usage'], traps: [] } });
  add({ label: 'byok-import', ckaId: '08b8', cls: 'CKO_SECRET_KEY', ckk: 'CKK_AES', keyType: 'symmetric', sizeBits: 256, ageDays: 60, tags: { provenance: 'byok-ceremony-2026-09' }, hsm: { ...safe, local: false, alwaysSensitive: false, neverExtractable: false, encrypt: true, decrypt: true }, expect: { violations: [], traps: ['imported (BYOK) key is legitimately CKA_LOCAL=FALSE'] } });
  return keys;
}
