// The file-system side: writeBundle / readBundleDir round trip, the empty-folder rule, irregular entries.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvidenceDir, readBundleDir, renderVerifyResult, verifyBundle, writeBundle } from '../../../src/evidence/index.js';
import { ToolError } from '../../../src/core/errors.js';
import { sampleBundle, SIGNER } from './fixtures.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kw-evidence-'));

describe('evidence bundle on disk', () => {
  it('writes every file and reads back the same bytes; verifies clean', async () => {
    const dir = join(tmp(), 'bundle');
    const bundle = sampleBundle();
    const order = await writeBundle(dir, bundle);
    // The signature and public key are written last, the manifest just before them.
    expect(order.slice(-3)).toEqual(['manifest.json', 'manifest.sig', 'public-key.pem']);
    const listing = await readBundleDir(dir);
    expect([...listing.files.keys()].sort()).toEqual([...bundle.files.keys()]);
    for (const [p, b] of bundle.files) expect(listing.files.get(p)!.equals(b), p).toBe(true);
    const r = await verifyBundle(dir, { publicKeyPem: SIGNER.publicPem });
    expect(r.ok).toBe(true);
    expect(renderVerifyResult('bundle', r)).toBe(
      `OK: bundle: 4/4 files match the manifest; signature valid (Ed25519, key SHA-256 ${r.keyFingerprint}).\n` +
        'Run run-2026-02-01T08-00-00Z (2026-02-01T08:00:00Z), keywarden 0.1.0, 3 scan inputs recorded.\n',
    );
  });

  it('reports tampering on disk and says the bundled key proves integrity only', async () => {
    const dir = tmp();
    await writeBundle(dir, sampleBundle());
    writeFileSync(join(dir, 'reports', 'keywarden.json'), readFileSync(join(dir, 'reports', 'keywarden.json'), 'utf8').replace('"critical"', '"low"'));
    mkdirSync(join(dir, 'extra'));
    writeFileSync(join(dir, 'extra', 'x.txt'), 'x');
    symlinkSync('/etc/hostname', join(dir, 'link'));
    const text = renderVerifyResult('b', await verifyBundle(dir));
    expect(text).toContain('✗ reports/keywarden.json: SHA-256 differs');
    expect(text).toContain('✗ extra/x.txt: unexpected file (not in the manifest)');
    expect(text).toContain('✗ link: not a regular file');
    expect(text).toContain('TAMPERED: b: 3 problem(s); 3/4 files match the manifest; signature valid.');
    expect(text).toContain('proves the bundle is intact but not who signed it');
  });

  it('refuses a non-empty or non-folder --evidence target, accepts a new or empty one', async () => {
    const dir = tmp();
    await expect(checkEvidenceDir(join(dir, 'new'))).resolves.toBeUndefined();
    await expect(checkEvidenceDir(dir)).resolves.toBeUndefined();
    writeFileSync(join(dir, 'old.txt'), 'x');
    await expect(checkEvidenceDir(dir)).rejects.toThrow(/the folder is not empty \(1 entries\)/);
    await expect(checkEvidenceDir(join(dir, 'old.txt'))).rejects.toThrow(/exists and is not a folder/);
    await expect(checkEvidenceDir(join(dir, 'ev'), join(dir, 'ev'))).rejects.toThrow(/the report folder --out .* is inside it/);
    await expect(checkEvidenceDir(join(dir, 'ev'), join(dir, 'ev', 'reports'))).rejects.toThrow(/is inside it/);
    await expect(checkEvidenceDir(join(dir, 'ev'), join(dir, 'reports'))).resolves.toBeUndefined();
  });

  it('verify on a missing folder is a usage error', async () => {
    await expect(verifyBundle(join(tmp(), 'nope'))).rejects.toBeInstanceOf(ToolError);
  });
});
