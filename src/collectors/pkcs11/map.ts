// Pure mapping from what the token returned to keywarden's model. No I/O, no pkcs11js calls.
import type { HsmAttributes, KeyContainer, KeyRecord, UnknownFields } from '../../core/model.js';
import type { AttributeValue, ObjectAttributes } from './attributes.js';
import { objectUri, tokenUri } from './uri.js';

export interface MechanismSnapshot {
  name: string;
  minKeySize?: number;
  maxKeySize?: number;
  flags?: string[];
}

export interface TokenSnapshot {
  module: string;
  slot: number;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  firmware?: string;
  hardware?: string;
  flags: string[];
  mechanisms?: MechanismSnapshot[];
  loggedIn: boolean;
  /** field -> reason, e.g. { login: 'CKR_PIN_INCORRECT', mechanisms: 'CKR_...' } */
  unknown: UnknownFields;
}

/** An object as read: its class and key type already named (CKO_*, CKK_*). */
export interface ObjectSnapshot extends ObjectAttributes {
  className?: string;
  keyTypeName?: string;
}

const TOKEN_FLAGS: [number, string][] = [
  [0x1, 'CKF_RNG'], [0x2, 'CKF_WRITE_PROTECTED'], [0x4, 'CKF_LOGIN_REQUIRED'], [0x8, 'CKF_USER_PIN_INITIALIZED'],
  [0x20, 'CKF_RESTORE_KEY_NOT_NEEDED'], [0x40, 'CKF_CLOCK_ON_TOKEN'], [0x100, 'CKF_PROTECTED_AUTHENTICATION_PATH'],
  [0x200, 'CKF_DUAL_CRYPTO_OPERATIONS'], [0x400, 'CKF_TOKEN_INITIALIZED'], [0x800, 'CKF_SECONDARY_AUTHENTICATION'],
  [0x10000, 'CKF_USER_PIN_COUNT_LOW'], [0x20000, 'CKF_USER_PIN_FINAL_TRY'], [0x40000, 'CKF_USER_PIN_LOCKED'],
  [0x80000, 'CKF_USER_PIN_TO_BE_CHANGED'], [0x100000, 'CKF_SO_PIN_COUNT_LOW'], [0x200000, 'CKF_SO_PIN_FINAL_TRY'],
  [0x400000, 'CKF_SO_PIN_LOCKED'], [0x800000, 'CKF_SO_PIN_TO_BE_CHANGED'], [0x1000000, 'CKF_ERROR_STATE'],
];

const MECHANISM_FLAGS: [number, string][] = [
  [0x1, 'CKF_HW'], [0x100, 'CKF_ENCRYPT'], [0x200, 'CKF_DECRYPT'], [0x400, 'CKF_DIGEST'], [0x800, 'CKF_SIGN'],
  [0x1000, 'CKF_SIGN_RECOVER'], [0x2000, 'CKF_VERIFY'], [0x4000, 'CKF_VERIFY_RECOVER'], [0x8000, 'CKF_GENERATE'],
  [0x10000, 'CKF_GENERATE_KEY_PAIR'], [0x20000, 'CKF_WRAP'], [0x40000, 'CKF_UNWRAP'], [0x80000, 'CKF_DERIVE'],
];

const flagNames = (table: [number, string][], flags: number): string[] => table.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
export const tokenFlagNames = (flags: number): string[] => flagNames(TOKEN_FLAGS, flags);
export const mechanismFlagNames = (flags: number): string[] => flagNames(MECHANISM_FLAGS, flags);

/** Why a mechanism is deprecated (NIST SP 800-131A r2), or undefined. Mirrors p11-allowed-mechanisms-restricted. */
export function deprecatedReason(m: string): string | undefined {
  if (/^CKM_(DES|DES2|DES3)_/.test(m)) return 'DES / triple DES';
  if (/^CKM_RC[24](_|$)/.test(m)) return 'RC2 / RC4';
  if (m.endsWith('_ECB')) return 'ECB mode';
  if (m === 'CKM_RSA_PKCS') return 'RSA PKCS#1 v1.5 key transport';
  if (/^CKM_(SHA1_RSA_PKCS|SHA1_RSA_PKCS_PSS|ECDSA_SHA1|DSA_SHA1|SHA1_RSA_X9_31)$/.test(m)) return 'SHA-1 signature generation';
  if (/^CKM_MD[25]_RSA_PKCS$/.test(m)) return 'MD2 / MD5 signature generation';
  return undefined;
}

export function mapToken(t: TokenSnapshot, certificates: Record<string, unknown>[] = []): KeyContainer {
  const id = tokenUri(t.label, t.serial);
  const raw: Record<string, unknown> = { module: t.module, loggedIn: t.loggedIn };
  if (t.firmware) raw.firmwareVersion = t.firmware;
  if (t.hardware) raw.hardwareVersion = t.hardware;
  if (t.mechanisms) {
    raw.mechanisms = t.mechanisms.map((m) => m.name).sort();
    raw.mechanismInfo = [...t.mechanisms]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((m) => ({ ...m, ...(deprecatedReason(m.name) ? { deprecated: deprecatedReason(m.name) } : {}) }));
  }
  if (certificates.length > 0) raw.certificates = certificates;
  const c: KeyContainer = {
    ref: { provider: 'pkcs11', account: t.label, type: 'pkcs11-token', id, name: t.label },
    provider: 'pkcs11',
    account: t.label,
    id,
    name: t.label,
    kind: 'pkcs11-token',
    token: { label: t.label, manufacturer: t.manufacturer, model: t.model, serial: t.serial, flags: t.flags, slot: t.slot },
    raw,
  };
  if (Object.keys(t.unknown).length > 0) c.unknown = { ...t.unknown };
  return c;
}

// CKA_* name -> HsmAttributes field
const HSM_FIELDS: Record<string, keyof HsmAttributes> = {
  CKA_TOKEN: 'token', CKA_PRIVATE: 'private', CKA_SENSITIVE: 'sensitive', CKA_ALWAYS_SENSITIVE: 'alwaysSensitive',
  CKA_EXTRACTABLE: 'extractable', CKA_NEVER_EXTRACTABLE: 'neverExtractable', CKA_LOCAL: 'local', CKA_MODIFIABLE: 'modifiable',
  CKA_COPYABLE: 'copyable', CKA_DESTROYABLE: 'destroyable', CKA_TRUSTED: 'trusted', CKA_WRAP_WITH_TRUSTED: 'wrapWithTrusted',
  CKA_ENCRYPT: 'encrypt', CKA_DECRYPT: 'decrypt', CKA_SIGN: 'sign', CKA_VERIFY: 'verify', CKA_WRAP: 'wrap', CKA_UNWRAP: 'unwrap',
  CKA_DERIVE: 'derive', CKA_START_DATE: 'startDate', CKA_END_DATE: 'endDate', CKA_LABEL: 'label', CKA_ID: 'id',
};

const KEY_FAMILIES: Record<string, string> = {
  CKK_AES: 'symmetric', CKK_DES: 'des', CKK_DES2: 'des3', CKK_DES3: 'des3', CKK_GENERIC_SECRET: 'hmac',
  CKK_SHA_1_HMAC: 'hmac', CKK_SHA256_HMAC: 'hmac', CKK_SHA384_HMAC: 'hmac', CKK_SHA512_HMAC: 'hmac', CKK_SHA224_HMAC: 'hmac',
  CKK_RSA: 'rsa', CKK_EC: 'ec', CKK_EC_EDWARDS: 'okp', CKK_EC_MONTGOMERY: 'okp', CKK_DSA: 'dsa', CKK_DH: 'dh',
};

// DER-encoded OIDs in CKA_EC_PARAMS -> curve name and size
const CURVES: Record<string, [string, number]> = {
  '06082a8648ce3d030107': ['P-256', 256],
  '06052b81040022': ['P-384', 384],
  '06052b81040023': ['P-521', 521],
  '06052b8104000a': ['secp256k1', 256],
  '06082a8648ce3d030101': ['P-192', 192],
  '06052b81040021': ['P-224', 224],
  '06032b6570': ['Ed25519', 255],
  '06032b6571': ['Ed448', 448],
  '06032b656e': ['X25519', 255],
  '06032b656f': ['X448', 448],
};

const KEY_CLASSES = new Set(['CKO_SECRET_KEY', 'CKO_PRIVATE_KEY', 'CKO_PUBLIC_KEY']);
export const isKeyClass = (className: string | undefined): boolean => className !== undefined && KEY_CLASSES.has(className);

const str = (v: AttributeValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: AttributeValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

export function mapKey(token: KeyContainer, o: ObjectSnapshot, uriSuffix = ''): KeyRecord {
  const v = o.values;
  const hsm: HsmAttributes = {};
  if (o.className) hsm.class = o.className;
  if (o.keyTypeName) hsm.keyType = o.keyTypeName;
  for (const [attr, field] of Object.entries(HSM_FIELDS)) {
    const value = v[attr];
    if (value !== undefined) (hsm as Record<string, unknown>)[field] = value;
  }
  const unknown: UnknownFields = {};
  for (const [attr, code] of Object.entries(o.errors)) {
    const field = HSM_FIELDS[attr];
    if (field) unknown[`hsm.${field}`] = code;
    else if (attr === 'CKA_ALLOWED_MECHANISMS') unknown['raw.allowedMechanisms'] = code;
  }
  const label = str(v.CKA_LABEL);
  const id = objectUri(token.id, { label, idHex: str(v.CKA_ID), className: o.className }) + uriSuffix;
  const family = o.keyTypeName ? KEY_FAMILIES[o.keyTypeName] ?? o.keyTypeName.replace(/^CKK_/, '').toLowerCase() : undefined;
  const k: KeyRecord = {
    ref: { provider: 'pkcs11', account: token.account, type: 'hsm-object', id, ...(label !== undefined ? { name: label } : {}) },
    provider: 'pkcs11',
    account: token.account,
    container: token.id,
    id,
    ...(label !== undefined ? { name: label } : {}),
    manager: 'customer',
    protectionLevel: 'hsm',
    state: 'enabled',
    enabled: true,
  };
  if (family) k.keyType = family;
  if (o.keyTypeName) k.spec = o.keyTypeName;
  const size = sizeOf(o, family);
  if (size.bits !== undefined) k.sizeBits = size.bits;
  if (size.curve) k.curve = size.curve;
  if (size.unknown) unknown.sizeBits = size.unknown;
  const purpose = purposeOf(hsm, family);
  if (purpose) k.purpose = purpose;
  if (hsm.local === true) k.origin = 'hsm'; // not local: leave origin to the owner's declaration (imports are legitimate)
  if (hsm.startDate) k.createdAt = k.notBefore = `${hsm.startDate}T00:00:00Z`;
  if (hsm.endDate) k.expiresAt = `${hsm.endDate}T00:00:00Z`;
  k.hsm = hsm;
  const allowed = v.CKA_ALLOWED_MECHANISMS;
  k.raw = Array.isArray(allowed) ? { allowedMechanisms: allowed } : {};
  if (Object.keys(unknown).length > 0) k.unknown = unknown;
  return k;
}

function sizeOf(o: ObjectSnapshot, family: string | undefined): { bits?: number; curve?: string; unknown?: string } {
  const v = o.values;
  if (family === 'des3') return { bits: 168 };
  if (family === 'des') return { bits: 56 };
  const valueLen = num(v.CKA_VALUE_LEN);
  if (valueLen !== undefined) return { bits: valueLen * 8 };
  const modulusBits = num(v.CKA_MODULUS_BITS);
  if (modulusBits !== undefined) return { bits: modulusBits };
  const modulus = str(v.CKA_MODULUS); // SoftHSM has no CKA_MODULUS_BITS on private keys; the modulus is public
  if (modulus) return { bits: bitLength(modulus) };
  const params = str(v.CKA_EC_PARAMS);
  if (params) {
    const curve = CURVES[params.toLowerCase()];
    return curve ? { curve: curve[0], bits: curve[1] } : { curve: `oid-der:${params}`, unknown: 'unrecognised CKA_EC_PARAMS' };
  }
  const why = o.errors.CKA_VALUE_LEN ?? o.errors.CKA_MODULUS_BITS ?? o.errors.CKA_EC_PARAMS;
  return why && family !== undefined ? { unknown: why } : {};
}

function bitLength(hex: string): number {
  const trimmed = hex.replace(/^(00)+/, '');
  if (trimmed.length === 0) return 0;
  return (trimmed.length - 2) * 4 + parseInt(trimmed.slice(0, 2), 16).toString(2).length;
}

function purposeOf(h: HsmAttributes, family: string | undefined): KeyRecord['purpose'] {
  if (h.encrypt || h.decrypt) return 'encrypt-decrypt';
  if (h.wrap || h.unwrap) return 'wrap-unwrap';
  if (h.sign || h.verify) return family === 'hmac' ? 'mac' : 'sign-verify';
  if (h.derive) return family === 'ec' || family === 'dh' || family === 'okp' ? 'key-agreement' : 'derive';
  return undefined;
}

/** A certificate object, summarised for the token container (no CKA_VALUE: the DER is never read). */
export function mapCertificate(token: KeyContainer, o: ObjectSnapshot): Record<string, unknown> {
  const v = o.values;
  const out: Record<string, unknown> = { id: objectUri(token.id, { label: str(v.CKA_LABEL), idHex: str(v.CKA_ID), className: 'CKO_CERTIFICATE' }) };
  for (const [attr, field] of [['CKA_LABEL', 'label'], ['CKA_ID', 'ckaId'], ['CKA_SUBJECT', 'subject'], ['CKA_ISSUER', 'issuer'], ['CKA_SERIAL_NUMBER', 'serialNumber'], ['CKA_TRUSTED', 'trusted'], ['CKA_START_DATE', 'startDate'], ['CKA_END_DATE', 'endDate'], ['CKA_PRIVATE', 'private']] as const) {
    if (v[attr] !== undefined) out[field] = v[attr];
  }
  if (Object.keys(o.errors).length > 0) out.unknown = { ...o.errors };
  return out;
}
