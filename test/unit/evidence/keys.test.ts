import { createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../src/core/errors.js';
import { EVIDENCE_KEY_ENV, parsePublicKey, resolveSigningKey } from '../../../src/evidence/index.js';
import { newKeyPem, OTHER, SIGNER } from './fixtures.js';

describe('evidence signing keys', () => {
  it('refuses --evidence without a key and says how to make one (exit 2)', () => {
    const err = (() => {
      try {
        resolveSigningKey({ env: {} });
      } catch (e) {
        return e as ToolError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(ToolError);
    expect(err.exitCode).toBe(2);
    expect(err.describe()).toContain('openssl genpkey -algorithm ed25519 -out evidence.pem');
  });

  it('reads the PEM from KEYWARDEN_EVIDENCE_KEY, also with escaped newlines as CI secrets often hold them', () => {
    const fromEnv = resolveSigningKey({ env: { [EVIDENCE_KEY_ENV]: SIGNER.privatePem } });
    const escaped = resolveSigningKey({ env: { [EVIDENCE_KEY_ENV]: SIGNER.privatePem.replace(/\n/g, '\\n') } });
    expect(escaped.fingerprint).toBe(fromEnv.fingerprint);
    expect(fromEnv.publicKeyPem).toBe(SIGNER.publicPem);
  });

  it('prefers --evidence-key over the environment', () => {
    const k = resolveSigningKey({ env: { [EVIDENCE_KEY_ENV]: OTHER.privatePem }, file: { name: 'k.pem', text: SIGNER.privatePem } });
    expect(k.publicKeyPem).toBe(SIGNER.publicPem);
  });

  it('fingerprints the public key as the SHA-256 of its DER SubjectPublicKeyInfo', () => {
    const k = resolveSigningKey({ env: {}, file: { name: 'k.pem', text: SIGNER.privatePem } });
    const der = createPublicKey(SIGNER.publicPem).export({ type: 'spki', format: 'der' });
    expect(k.fingerprint).toBe(createHash('sha256').update(der).digest('hex'));
  });

  it('rejects RSA keys, unreadable PEM and public keys given as signing keys', () => {
    expect(() => resolveSigningKey({ env: {}, file: { name: 'rsa.pem', text: newKeyPem('rsa').privatePem } })).toThrow(/rsa key; evidence bundles are signed with Ed25519/);
    expect(() => resolveSigningKey({ env: { [EVIDENCE_KEY_ENV]: 'not a key' } })).toThrow(/KEYWARDEN_EVIDENCE_KEY: not a readable PEM private key/);
    expect(() => resolveSigningKey({ env: {}, file: { name: 'pub.pem', text: SIGNER.publicPem } })).toThrow(/--evidence-key pub.pem/);
  });

  it('parses public keys and rejects non-Ed25519 ones', () => {
    expect(parsePublicKey(SIGNER.publicPem, 'x').asymmetricKeyType).toBe('ed25519');
    expect(() => parsePublicKey(newKeyPem('rsa').publicPem, '--public-key r.pem')).toThrow(/--public-key r.pem: an rsa key/);
  });
});
