// buildBundle and verifyListing in memory: contents, determinism, and every kind of tampering named.
import { describe, expect, it } from 'vitest';
import { buildBundle, parseSigningKey, serializeManifest, verifyListing, type EvidenceManifest } from '../../../src/evidence/index.js';
import { signBytes } from '../../../src/evidence/keys.js';
import { sha256Hex } from '../../../src/evidence/manifest.js';
import { canonicalReport } from '../../fixtures/reports/canonical-report.js';
import { CREATED_AT, flipByte, listingOf, OTHER, sampleBundle, SIGNER, SIGNER_KEY, smallInventory } from './fixtures.js';

const lines = (r: ReturnType<typeof verifyListing>) => r.problems.map((p) => `${p.path}: ${p.problem}`);

describe('buildBundle', () => {
  const bundle = sampleBundle();

  it('holds the inventory snapshot, the JSON, SARIF and HTML reports, the manifest, its signature and the public key', () => {
    expect([...bundle.files.keys()]).toEqual(['inventory.json', 'manifest.json', 'manifest.sig', 'public-key.pem', 'reports/keywarden.html', 'reports/keywarden.json', 'reports/keywarden.sarif']);
    expect(bundle.manifest.files.map((f) => f.path)).toEqual(['inventory.json', 'reports/keywarden.html', 'reports/keywarden.json', 'reports/keywarden.sarif']);
    for (const f of bundle.manifest.files) {
      expect(f.sha256).toBe(sha256Hex(bundle.files.get(f.path)!));
      expect(f.bytes).toBe(bundle.files.get(f.path)!.length);
    }
    const json = (path: string) => JSON.parse(bundle.files.get(path)!.toString()) as Record<string, unknown>;
    expect(json('inventory.json')['keys']).toHaveLength(smallInventory().keys.length);
    expect(json('reports/keywarden.json')['run']).toMatchObject({ id: 'run-2026-02-01T08-00-00Z' });
    expect(json('reports/keywarden.sarif')['version']).toBe('2.1.0');
    expect(bundle.files.get('manifest.sig')).toHaveLength(64);
  });

  it("records the run, tool, creation time, signer fingerprint and the scan's inputs with their SHA-256", () => {
    const m = JSON.parse(bundle.files.get('manifest.json')!.toString()) as EvidenceManifest;
    expect(m).toMatchObject({ kind: 'keywarden-evidence-bundle', tool: { name: 'keywarden', version: '0.1.0' }, run: { id: 'run-2026-02-01T08-00-00Z' }, createdAt: CREATED_AT });
    expect(m.signature).toEqual({ algorithm: 'Ed25519', file: 'manifest.sig', publicKey: 'public-key.pem', publicKeySha256: SIGNER_KEY.fingerprint });
    expect(m.inputs).toEqual(canonicalReport().inputs);
    expect(bundle.files.get('public-key.pem')!.toString()).toBe(SIGNER.publicPem);
  });

  it('never writes the private key', () => {
    const privateBody = SIGNER.privatePem.split('\n').slice(1, -2).join('');
    for (const [path, bytes] of bundle.files) {
      const text = bytes.toString('latin1');
      expect(text, path).not.toContain('PRIVATE KEY');
      expect(text, path).not.toContain(privateBody);
    }
  });

  it('is byte-for-byte reproducible for the same report, inventory, key and time', () => {
    const again = sampleBundle();
    for (const [path, bytes] of bundle.files) expect(again.files.get(path)!.equals(bytes), path).toBe(true);
  });
});

describe('verifyListing', () => {
  const bundle = sampleBundle();

  it('accepts an untouched bundle, with the bundled key and with the signer key given', () => {
    const bundled = verifyListing(listingOf(bundle));
    expect(lines(bundled)).toEqual([]);
    expect(bundled).toMatchObject({ ok: true, verifiedFiles: 4, signature: 'valid', keySource: 'bundled', keyFingerprint: SIGNER_KEY.fingerprint });
    expect(verifyListing(listingOf(bundle), { publicKeyPem: SIGNER.publicPem })).toMatchObject({ ok: true, keySource: 'given' });
  });

  for (const path of ['inventory.json', 'reports/keywarden.html', 'reports/keywarden.json', 'reports/keywarden.sarif']) {
    it(`names ${path} when one byte of it changes`, () => {
      const listing = listingOf(bundle);
      listing.files.set(path, flipByte(listing.files.get(path)!));
      const r = verifyListing(listing);
      expect(r.ok).toBe(false);
      expect(lines(r)).toEqual([`${path}: SHA-256 differs (same size, ${bundle.files.get(path)!.length} bytes)`]);
      expect(r.signature).toBe('valid');
    });
  }

  it('names a file that was removed and one that was added, also in a subfolder', () => {
    const listing = listingOf(bundle);
    listing.files.delete('reports/keywarden.sarif');
    listing.files.set('notes.txt', Buffer.from('added later'));
    listing.files.set('reports/keywarden.md', Buffer.from('# added'));
    expect(lines(verifyListing(listing))).toEqual(['notes.txt: unexpected file (not in the manifest)', 'reports/keywarden.md: unexpected file (not in the manifest)', 'reports/keywarden.sarif: missing']);
  });

  it('names a truncated or appended file with both sizes', () => {
    const listing = listingOf(bundle);
    listing.files.set('reports/keywarden.json', Buffer.concat([listing.files.get('reports/keywarden.json')!, Buffer.from(' ')]));
    const size = bundle.files.get('reports/keywarden.json')!.length;
    expect(lines(verifyListing(listing))).toEqual([`reports/keywarden.json: SHA-256 differs (${size + 1} bytes, manifest says ${size})`]);
  });

  it('detects an edited manifest through the signature', () => {
    const listing = listingOf(bundle);
    listing.files.set('manifest.json', Buffer.from(listing.files.get('manifest.json')!.toString().replace(CREATED_AT, '2026-02-02T08:02:00.000Z')));
    const r = verifyListing(listing);
    expect(r.signature).toBe('invalid');
    expect(lines(r)).toEqual([`manifest.sig: signature invalid for manifest.json with the bundled key (SHA-256 ${SIGNER_KEY.fingerprint})`]);
  });

  it('detects a modified, truncated or missing signature', () => {
    for (const sig of [flipByte(bundle.files.get('manifest.sig')!, 10), bundle.files.get('manifest.sig')!.subarray(0, 63), Buffer.alloc(0)]) {
      const listing = listingOf(bundle);
      listing.files.set('manifest.sig', sig);
      expect(lines(verifyListing(listing))).toEqual([`manifest.sig: signature invalid for manifest.json with the bundled key (SHA-256 ${SIGNER_KEY.fingerprint})`]);
    }
    const listing = listingOf(bundle);
    listing.files.delete('manifest.sig');
    expect(verifyListing(listing)).toMatchObject({ ok: false, signature: 'missing', problems: [{ path: 'manifest.sig', problem: 'missing (the bundle is unsigned)' }] });
  });

  it('rejects a wrong --public-key and names both keys', () => {
    const other = parseSigningKey(OTHER.privatePem, 'other');
    const r = verifyListing(listingOf(bundle), { publicKeyPem: OTHER.publicPem });
    expect(r).toMatchObject({ ok: false, signature: 'invalid', keySource: 'given', keyFingerprint: other.fingerprint });
    expect(lines(r)).toEqual([`manifest.sig: signature invalid for manifest.json with the --public-key key (SHA-256 ${other.fingerprint}); the manifest says it was signed by SHA-256 ${SIGNER_KEY.fingerprint}`]);
  });

  it('detects a swapped bundled public key', () => {
    const listing = listingOf(bundle);
    listing.files.set('public-key.pem', Buffer.from(OTHER.publicPem));
    const r = verifyListing(listing);
    expect(r.ok).toBe(false);
    expect(lines(r)[0]).toMatch(/^public-key.pem: SHA-256 of the key differs from the fingerprint in manifest.json/);
    listing.files.set('public-key.pem', Buffer.from('garbage'));
    expect(lines(verifyListing(listing))).toEqual(['public-key.pem: not an Ed25519 public key in PEM form']);
  });

  it('a bundle re-signed by someone else passes on its own key but fails against the real signer key', () => {
    // What --public-key is for: the attacker edits a report, rewrites the manifest and signs it with their own key.
    const forger = parseSigningKey(OTHER.privatePem, 'forger');
    const forged = buildBundle({ report: { ...canonicalReport(), findings: [] }, inventory: smallInventory(), key: forger, createdAt: CREATED_AT });
    expect(verifyListing(listingOf(forged)).ok).toBe(true);
    const r = verifyListing(listingOf(forged), { publicKeyPem: SIGNER.publicPem });
    expect(r.ok).toBe(false);
    expect(lines(r)[0]).toContain('manifest.sig: signature invalid for manifest.json with the --public-key key');
  });

  it('refuses a manifest whose paths leave the bundle, without reading them', () => {
    const m = structuredClone(bundle.manifest);
    m.files.push({ path: '../outside.txt', sha256: 'a'.repeat(64), bytes: 1 }, { path: '/etc/passwd', sha256: 'a'.repeat(64), bytes: 1 });
    const listing = listingOf(bundle);
    const text = Buffer.from(serializeManifest(m));
    listing.files.set('manifest.json', text);
    listing.files.set('manifest.sig', signBytes(SIGNER_KEY, text));
    const r = verifyListing(listing);
    expect(r.ok).toBe(false);
    expect(lines(r)).toEqual(['manifest.json: files[0]: path "../outside.txt" is not allowed in a bundle', 'manifest.json: files[1]: path "/etc/passwd" is not allowed in a bundle']);
  });

  it('refuses a signed manifest that lacks the run, the tool or the inputs', () => {
    const listing = listingOf(bundle);
    const m = JSON.parse(listing.files.get('manifest.json')!.toString()) as Record<string, unknown>;
    delete m['run'];
    delete m['inputs'];
    m['tool'] = 'keywarden';
    const text = Buffer.from(JSON.stringify(m));
    listing.files.set('manifest.json', text);
    listing.files.set('manifest.sig', signBytes(SIGNER_KEY, text));
    expect(lines(verifyListing(listing))).toEqual(['manifest.json: inputs is not a list', 'manifest.json: run: expected { id, startedAt, finishedAt }', 'manifest.json: tool: expected { name, version }']);
  });

  it('names a missing or unreadable manifest and irregular entries', () => {
    const listing = listingOf(bundle);
    listing.files.delete('manifest.json');
    expect(lines(verifyListing(listing))).toEqual(['manifest.json: missing (nothing else can be checked without it)']);
    listing.files.set('manifest.json', Buffer.from('{ not json'));
    expect(lines(verifyListing(listing))[0]).toMatch(/^manifest.json: not valid JSON/);
    const withLink = listingOf(bundle);
    withLink.irregular.push('reports/link');
    expect(lines(verifyListing(withLink))).toEqual(['reports/link: not a regular file']);
  });
});
