// KMS enumerations → keywarden's provider-neutral vocabulary. Pure.
import type { KeyRecord } from '../../../core/model.js';

export interface SpecFacts {
  keyType: string;
  sizeBits?: number;
  curve?: string;
}

const CURVES: Record<string, { curve: string; bits: number }> = {
  ECC_NIST_P256: { curve: 'P-256', bits: 256 },
  ECC_NIST_P384: { curve: 'P-384', bits: 384 },
  ECC_NIST_P521: { curve: 'P-521', bits: 521 },
  ECC_SECG_P256K1: { curve: 'secp256k1', bits: 256 },
  ECC_NIST_EDWARDS25519: { curve: 'Ed25519', bits: 256 },
  SM2: { curve: 'SM2', bits: 256 },
};

/** KeySpec (SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256, ML_DSA_65, ...) → family, size, curve. */
export function specFacts(spec: string): SpecFacts {
  if (spec === 'SYMMETRIC_DEFAULT') return { keyType: 'symmetric', sizeBits: 256 };
  const rsa = /^RSA_(\d+)$/.exec(spec);
  if (rsa?.[1] !== undefined) return { keyType: 'rsa', sizeBits: Number(rsa[1]) };
  const hmac = /^HMAC_(\d+)$/.exec(spec);
  if (hmac?.[1] !== undefined) return { keyType: 'hmac', sizeBits: Number(hmac[1]) };
  const ec = CURVES[spec];
  if (ec !== undefined) return { keyType: spec === 'ECC_NIST_EDWARDS25519' ? 'okp' : 'ec', sizeBits: ec.bits, curve: ec.curve };
  if (spec.startsWith('ML_DSA_')) return { keyType: 'ml-dsa' };
  return { keyType: 'other' };
}

const PURPOSES: Record<string, NonNullable<KeyRecord['purpose']>> = {
  ENCRYPT_DECRYPT: 'encrypt-decrypt',
  SIGN_VERIFY: 'sign-verify',
  GENERATE_VERIFY_MAC: 'mac',
  KEY_AGREEMENT: 'key-agreement',
};
export const purposeOf = (usage: string | undefined): KeyRecord['purpose'] =>
  usage === undefined ? undefined : (PURPOSES[usage] ?? 'other');

const ORIGINS: Record<string, NonNullable<KeyRecord['origin']>> = {
  AWS_KMS: 'generated',
  EXTERNAL: 'imported',
  AWS_CLOUDHSM: 'cloudhsm',
  EXTERNAL_KEY_STORE: 'external-key-store',
};
export const originOf = (origin: string | undefined): KeyRecord['origin'] => (origin === undefined ? undefined : ORIGINS[origin]);

/** KMS keys live in KMS's FIPS-validated HSMs unless they are in an external key store. */
export const protectionOf = (origin: string | undefined): KeyRecord['protectionLevel'] =>
  origin === undefined ? undefined : origin === 'EXTERNAL_KEY_STORE' ? 'external' : 'hsm';

const STATES: Record<string, NonNullable<KeyRecord['state']>> = {
  Enabled: 'enabled',
  Disabled: 'disabled',
  PendingDeletion: 'pending-deletion',
  PendingReplicaDeletion: 'pending-deletion',
  PendingImport: 'pending-import',
  Unavailable: 'unavailable',
};
export const stateOf = (state: string | undefined): KeyRecord['state'] => (state === undefined ? undefined : (STATES[state] ?? 'other'));

/**
 * Whether KMS can rotate the key automatically: only symmetric encryption keys whose material KMS
 * generated (not imported, CloudHSM or external key store). Others answer GetKeyRotationStatus with
 * UnsupportedOperationException, so the collector does not even ask.
 */
export function automaticRotationSupported(spec: string | undefined, origin: string | undefined): boolean {
  return spec === 'SYMMETRIC_DEFAULT' && origin === 'AWS_KMS';
}
