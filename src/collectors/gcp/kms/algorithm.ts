// Cloud KMS CryptoKeyVersionAlgorithm names → key family, size and curve, as keywarden's model names
// them (same families and curve names as the AWS collector: P-256, secp256k1, Ed25519, ...).

export interface AlgorithmFacts {
  keyType?: string;
  sizeBits?: number;
  curve?: string;
}

const EC_CURVES: Record<string, { curve: string; bits: number; keyType: string }> = {
  P256: { curve: 'P-256', bits: 256, keyType: 'ec' },
  P384: { curve: 'P-384', bits: 384, keyType: 'ec' },
  SECP256K1: { curve: 'secp256k1', bits: 256, keyType: 'ec' },
  ED25519: { curve: 'Ed25519', bits: 256, keyType: 'okp' },
};

/** e.g. RSA_SIGN_PSS_2048_SHA256 → rsa 2048; EC_SIGN_P256_SHA256 → ec P-256; HMAC_SHA256 → hmac 256. */
export function algorithmFacts(algorithm: string | undefined): AlgorithmFacts {
  if (algorithm === undefined || algorithm === '') return {};
  const a = algorithm.toUpperCase();
  if (a === 'GOOGLE_SYMMETRIC_ENCRYPTION') return { keyType: 'symmetric', sizeBits: 256 };
  if (a === 'EXTERNAL_SYMMETRIC_ENCRYPTION') return { keyType: 'symmetric' };
  const aes = /^AES_(\d+)_/.exec(a);
  if (aes) return { keyType: 'symmetric', sizeBits: Number(aes[1]) };
  const hmac = /^HMAC_SHA(\d+)$/.exec(a);
  if (hmac) return { keyType: 'hmac', sizeBits: Number(hmac[1]) };
  const rsa = /^RSA_(?:SIGN|DECRYPT)_[A-Z0-9_]*?(\d{4})/.exec(a);
  if (rsa) return { keyType: 'rsa', sizeBits: Number(rsa[1]) };
  const ec = /^EC_SIGN_(P256|P384|SECP256K1|ED25519)/.exec(a);
  if (ec) {
    const c = EC_CURVES[ec[1]!]!;
    return { keyType: c.keyType, sizeBits: c.bits, curve: c.curve };
  }
  if (a.startsWith('PQ_SIGN_ML_DSA')) return { keyType: 'ml-dsa' };
  if (a.startsWith('PQ_SIGN_SLH_DSA') || a.startsWith('PQ_SIGN_HASH_SLH_DSA')) return { keyType: 'slh-dsa' };
  if (a.startsWith('ML_KEM') || a.startsWith('KEM_XWING')) return { keyType: 'ml-kem' };
  return {};
}

/** CryptoKeyPurpose → the model's purpose. */
export function purposeOf(purpose: string | undefined): 'encrypt-decrypt' | 'sign-verify' | 'mac' | 'key-agreement' | 'other' | undefined {
  switch (purpose) {
    case 'ENCRYPT_DECRYPT':
    case 'ASYMMETRIC_DECRYPT':
    case 'RAW_ENCRYPT_DECRYPT':
      return 'encrypt-decrypt';
    case 'ASYMMETRIC_SIGN':
      return 'sign-verify';
    case 'MAC':
      return 'mac';
    case 'KEY_ENCAPSULATION':
      return 'key-agreement';
    case undefined:
    case '':
    case 'CRYPTO_KEY_PURPOSE_UNSPECIFIED':
      return undefined;
    default:
      return 'other';
  }
}

/** ProtectionLevel → the model's protection level. */
export function protectionOf(level: string | undefined): 'software' | 'hsm' | 'external' | 'external-vpc' | undefined {
  switch (level) {
    case 'SOFTWARE':
      return 'software';
    case 'HSM':
    case 'HSM_SINGLE_TENANT':
      return 'hsm';
    case 'EXTERNAL':
      return 'external';
    case 'EXTERNAL_VPC':
      return 'external-vpc';
    default:
      return undefined;
  }
}
