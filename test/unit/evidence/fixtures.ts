// Shared by the evidence tests: Ed25519 keys made once, the canonical report and a small inventory.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Inventory } from '../../../src/core/model.js';
import { parseSigningKey, type SigningKey } from '../../../src/evidence/index.js';
import { buildBundle, type Bundle } from '../../../src/evidence/write.js';
import { canonicalReport } from '../../fixtures/reports/canonical-report.js';

export function newKeyPem(type: 'ed25519' | 'rsa' = 'ed25519'): { privatePem: string; publicPem: string } {
  const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const SIGNER = newKeyPem();
export const SIGNER_KEY: SigningKey = parseSigningKey(SIGNER.privatePem, 'test');
export const OTHER = newKeyPem();

export function smallInventory(): Inventory {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/inventory/small-estate.json'), 'utf8')) as Inventory;
}

export const CREATED_AT = '2026-02-01T08:02:00.000Z';

export function sampleBundle(key: SigningKey = SIGNER_KEY): Bundle {
  return buildBundle({ report: canonicalReport(), inventory: smallInventory(), key, createdAt: CREATED_AT });
}

/** A copy of the bundle's files, as verifyListing takes them. */
export function listingOf(bundle: Bundle): { files: Map<string, Buffer>; irregular: string[] } {
  return { files: new Map([...bundle.files].map(([p, b]) => [p, Buffer.from(b)])), irregular: [] };
}

export function flipByte(b: Buffer, at = Math.floor(b.length / 2)): Buffer {
  const copy = Buffer.from(b);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
