// JWS signing and verification over node:crypto: HMAC (HS*), RSA PKCS#1 v1.5 (RS*), RSA-PSS (PS*),
// ECDSA with JOSE's raw r||s signatures (ES*) and Ed25519 (EdDSA).
import { constants, createHmac, KeyObject, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import type { JwsKey } from './keys.js';

type Family = 'HS' | 'RS' | 'PS' | 'ES' | 'EdDSA';

interface AlgSpec {
  family: Family;
  hash: 'sha256' | 'sha384' | 'sha512' | null;
}

/** The algorithm's family and hash, or undefined for an unknown name. */
export function algSpec(alg: string): AlgSpec | undefined {
  if (alg === 'EdDSA') return { family: 'EdDSA', hash: null };
  const m = /^(HS|RS|PS|ES)(256|384|512)$/.exec(alg);
  if (!m) return undefined;
  return { family: m[1] as Family, hash: `sha${m[2]}` as AlgSpec['hash'] };
}

function isRsa(k: KeyObject): boolean {
  return k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss';
}

/** Curve size in bytes, for re-padding r and s. */
function ecFieldBytes(k: KeyObject): number {
  const curve = k.asymmetricKeyDetails?.namedCurve;
  if (curve === 'prime256v1' || curve === 'P-256') return 32;
  if (curve === 'secp384r1' || curve === 'P-384') return 48;
  if (curve === 'secp521r1' || curve === 'P-521') return 66;
  throw new Error(`unsupported curve: ${String(curve)}`);
}

/** OPA splits an ES signature in two halves and reads each as a big-endian integer. */
function normaliseEcSignature(sig: Buffer, size: number): Buffer | undefined {
  const half = Math.floor(sig.length / 2);
  const fit = (b: Buffer): Buffer | undefined => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const t = b.subarray(i);
    if (t.length > size) return undefined;
    return Buffer.concat([Buffer.alloc(size - t.length), t]);
  };
  const r = fit(sig.subarray(0, half));
  const s = fit(sig.subarray(half));
  return r && s ? Buffer.concat([r, s]) : undefined;
}

/** Whether `sig` is a valid `alg` signature of `data` under `key`; any mismatch is simply false. */
export function verifyJws(alg: string, key: JwsKey, data: Buffer, sig: Buffer): boolean {
  const spec = algSpec(alg);
  if (!spec) return false;
  try {
    if (spec.family === 'HS') {
      if (!Buffer.isBuffer(key)) return false;
      const mac = createHmac(spec.hash!, key).update(data).digest();
      return mac.length === sig.length && timingSafeEqual(mac, sig);
    }
    if (Buffer.isBuffer(key)) return false;
    if (spec.family === 'RS' || spec.family === 'PS') {
      if (!isRsa(key)) return false;
      const opts = spec.family === 'PS' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : {};
      return cryptoVerify(spec.hash, data, { key, ...opts }, sig);
    }
    if (spec.family === 'ES') {
      if (key.asymmetricKeyType !== 'ec') return false;
      const raw = normaliseEcSignature(sig, ecFieldBytes(key));
      return raw !== undefined && cryptoVerify(spec.hash, data, { key, dsaEncoding: 'ieee-p1363' }, raw);
    }
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return cryptoVerify(null, data, key, sig);
  } catch {
    return false;
  }
}

/** Signs `data` with `alg`; throws when the key does not suit the algorithm. */
export function signJws(alg: string, key: JwsKey, data: Buffer): Buffer {
  const spec = algSpec(alg);
  if (!spec) throw new Error(`unsupported signature algorithm: ${alg}`);
  if (spec.family === 'HS') {
    if (!Buffer.isBuffer(key)) throw new Error(`invalid key type for ${alg}: expected a symmetric key`);
    return createHmac(spec.hash!, key).update(data).digest();
  }
  if (Buffer.isBuffer(key) || key.type !== 'private') throw new Error(`invalid key type for ${alg}: expected a private key`);
  if (spec.family === 'RS' || spec.family === 'PS') {
    if (!isRsa(key)) throw new Error(`invalid key type for ${alg}: expected an RSA key`);
    const opts = spec.family === 'PS' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {};
    return cryptoSign(spec.hash, data, { key, ...opts });
  }
  if (spec.family === 'ES') {
    if (key.asymmetricKeyType !== 'ec') throw new Error(`invalid key type for ${alg}: expected an ECDSA key`);
    return cryptoSign(spec.hash, data, { key, dsaEncoding: 'ieee-p1363' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`invalid key type for ${alg}: expected an Ed25519 key`);
  return cryptoSign(null, data, key);
}
