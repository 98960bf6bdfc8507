// Key and certificate fixtures with chosen attributes, created through pkcs11js in a R/W session.
// SoftHSM quirk: dates on CKA_PRIVATE=TRUE objects do not read back (CKR_GENERAL_ERROR); set dates
// only on private=false objects when the test needs them to read back.
import pkcs11js from 'pkcs11js';

export interface KeyAttributes {
  label: string;
  /** CKA_ID as hex */
  id: string;
  private?: boolean;
  sensitive?: boolean;
  extractable?: boolean;
  modifiable?: boolean;
  copyable?: boolean;
  destroyable?: boolean;
  encrypt?: boolean;
  decrypt?: boolean;
  sign?: boolean;
  verify?: boolean;
  wrap?: boolean;
  unwrap?: boolean;
  derive?: boolean;
  wrapWithTrusted?: boolean;
  /** settable by the SO only */
  trusted?: boolean;
  /** YYYYMMDD */
  startDate?: string;
  endDate?: string;
  allowedMechanisms?: number[];
}

const BOOLS: [keyof KeyAttributes, number][] = [
  ['private', pkcs11js.CKA_PRIVATE], ['sensitive', pkcs11js.CKA_SENSITIVE], ['extractable', pkcs11js.CKA_EXTRACTABLE],
  ['modifiable', pkcs11js.CKA_MODIFIABLE], ['copyable', pkcs11js.CKA_COPYABLE], ['destroyable', pkcs11js.CKA_DESTROYABLE],
  ['encrypt', pkcs11js.CKA_ENCRYPT], ['decrypt', pkcs11js.CKA_DECRYPT], ['sign', pkcs11js.CKA_SIGN], ['verify', pkcs11js.CKA_VERIFY],
  ['wrap', pkcs11js.CKA_WRAP], ['unwrap', pkcs11js.CKA_UNWRAP], ['derive', pkcs11js.CKA_DERIVE], ['wrapWithTrusted', pkcs11js.CKA_WRAP_WITH_TRUSTED], ['trusted', pkcs11js.CKA_TRUSTED],
];

export function ulongList(values: readonly number[]): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), i * 8));
  return b;
}

/** Template for the given attributes; `only` limits it to the attributes valid on one side of a pair. */
export function template(a: KeyAttributes, only?: ReadonlySet<keyof KeyAttributes>): pkcs11js.Template {
  const t: pkcs11js.Template = [
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_LABEL, value: a.label },
    { type: pkcs11js.CKA_ID, value: Buffer.from(a.id, 'hex') },
  ];
  for (const [field, type] of BOOLS) {
    const v = a[field];
    if (typeof v === 'boolean' && (!only || only.has(field))) t.push({ type, value: v });
  }
  if (a.startDate) t.push({ type: pkcs11js.CKA_START_DATE, value: Buffer.from(a.startDate) });
  if (a.endDate) t.push({ type: pkcs11js.CKA_END_DATE, value: Buffer.from(a.endDate) });
  if (a.allowedMechanisms) t.push({ type: pkcs11js.CKA_ALLOWED_MECHANISMS, value: ulongList(a.allowedMechanisms) });
  return t;
}

export function createAesKey(p: pkcs11js.PKCS11, s: Buffer, a: KeyAttributes, bytes = 32): Buffer {
  return p.C_GenerateKey(s, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [...template(a), { type: pkcs11js.CKA_VALUE_LEN, value: bytes }]);
}

export function createGenericSecret(p: pkcs11js.PKCS11, s: Buffer, a: KeyAttributes, bytes = 32): Buffer {
  return p.C_GenerateKey(s, { mechanism: pkcs11js.CKM_GENERIC_SECRET_KEY_GEN }, [...template(a), { type: pkcs11js.CKA_VALUE_LEN, value: bytes }]);
}

const PUBLIC_SIDE = new Set<keyof KeyAttributes>(['modifiable', 'copyable', 'destroyable', 'encrypt', 'verify', 'wrap', 'derive']);
const PRIVATE_SIDE = new Set<keyof KeyAttributes>(['private', 'sensitive', 'extractable', 'modifiable', 'copyable', 'destroyable', 'decrypt', 'sign', 'unwrap', 'derive', 'wrapWithTrusted']);

export function createRsaPair(p: pkcs11js.PKCS11, s: Buffer, a: KeyAttributes, bits = 2048): { publicKey: Buffer; privateKey: Buffer } {
  return p.C_GenerateKeyPair(
    s,
    { mechanism: pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
    [...template({ ...a, allowedMechanisms: undefined }, PUBLIC_SIDE), { type: pkcs11js.CKA_MODULUS_BITS, value: bits }, { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }],
    template(a, PRIVATE_SIDE),
  );
}

export const P256 = '06082a8648ce3d030107';
export const SECP256K1 = '06052b8104000a';

export function createEcPair(p: pkcs11js.PKCS11, s: Buffer, a: KeyAttributes, curveDer = P256): { publicKey: Buffer; privateKey: Buffer } {
  return p.C_GenerateKeyPair(
    s,
    { mechanism: pkcs11js.CKM_EC_KEY_PAIR_GEN },
    [...template({ ...a, allowedMechanisms: undefined }, PUBLIC_SIDE), { type: pkcs11js.CKA_EC_PARAMS, value: Buffer.from(curveDer, 'hex') }],
    template(a, PRIVATE_SIDE),
  );
}

/** A certificate object (its DER value is opaque to the collector, which never reads CKA_VALUE). */
export function createCertificate(p: pkcs11js.PKCS11, s: Buffer, label: string, idHex: string): Buffer {
  return p.C_CreateObject(s, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: Buffer.from(idHex, 'hex') },
    { type: pkcs11js.CKA_SUBJECT, value: Buffer.from('3011310f300d06035504030c0674657374636e', 'hex') },
    { type: pkcs11js.CKA_VALUE, value: Buffer.from('3003020101', 'hex') },
  ]);
}
