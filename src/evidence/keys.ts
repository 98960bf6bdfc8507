// Ed25519 keys for evidence bundles, through node:crypto only. The private key is read from a file
// (--evidence-key, PEM PKCS#8) or from KEYWARDEN_EVIDENCE_KEY (the PEM text); it is only ever held in
// memory. Fingerprint = SHA-256 of the public key's DER SubjectPublicKeyInfo, in hex, so it matches
// `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { ToolError } from '../core/errors.js';

export const EVIDENCE_KEY_ENV = 'KEYWARDEN_EVIDENCE_KEY';
export const KEYGEN_HINT = 'Create a key with `openssl genpkey -algorithm ed25519 -out evidence.pem` (keep it secret) and pass --evidence-key evidence.pem, or put its PEM text in KEYWARDEN_EVIDENCE_KEY.';

export interface SigningKey {
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, written into the bundle. */
  publicKeyPem: string;
  /** Hex SHA-256 of the public key's DER SPKI. */
  fingerprint: string;
}

export function publicKeyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Parses an Ed25519 private key (PEM PKCS#8); `where` names its source in error messages. */
export function parseSigningKey(pem: string, where: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new ToolError('usage', `${where}: not a readable PEM private key (${(e as Error).message})`, { actions: [KEYGEN_HINT] });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ToolError('usage', `${where}: an ${privateKey.asymmetricKeyType ?? 'unknown'} key; evidence bundles are signed with Ed25519`, { actions: [KEYGEN_HINT] });
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: publicKeyFingerprint(publicKey) };
}

/** Parses an Ed25519 public key (PEM SPKI, or a private key PEM whose public half is used). */
export function parsePublicKey(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new ToolError('usage', `${where}: not a readable PEM public key (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ToolError('usage', `${where}: an ${key.asymmetricKeyType ?? 'unknown'} key; evidence bundles are signed with Ed25519`);
  return key;
}

export interface KeySource {
  /** Contents of the --evidence-key file and its name, when given. */
  file?: { name: string; text: string };
  /** The environment (KEYWARDEN_EVIDENCE_KEY). */
  env: NodeJS.ProcessEnv;
}

/** The flag wins over the environment; no key at all is a usage error that says how to make one. */
export function resolveSigningKey(source: KeySource): SigningKey {
  if (source.file) return parseSigningKey(source.file.text, `--evidence-key ${source.file.name}`);
  const fromEnv = source.env[EVIDENCE_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseSigningKey(fromEnv.replace(/\\n/g, '\n'), EVIDENCE_KEY_ENV);
  throw new ToolError('usage', '--evidence needs an Ed25519 signing key: give --evidence-key FILE or set KEYWARDEN_EVIDENCE_KEY', { actions: [KEYGEN_HINT] });
}

export function signBytes(key: SigningKey, bytes: Uint8Array): Buffer {
  return sign(null, bytes, key.privateKey);
}

export function verifyBytes(publicKey: KeyObject, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}
