// End to end: the built CLI writes a signed evidence bundle of the demo scan, and `keywarden verify`
// accepts it untouched and names every kind of tampering (exit 1), or refuses bad usage (exit 2).
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from './global-setup.js';
import { keywarden } from './cli.js';

const work = mkdtempSync(join(tmpdir(), 'kw-e2e-evidence-'));
const pem = (k: { export(o: object): string | Buffer }, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }).toString();
const signer = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
writeFileSync(join(work, 'evidence.pem'), pem(signer.privateKey, 'pkcs8'));
writeFileSync(join(work, 'signer.pub.pem'), pem(signer.publicKey, 'spki'));
writeFileSync(join(work, 'stranger.pub.pem'), pem(stranger.publicKey, 'spki'));

/** The CLI with the signing key in KEYWARDEN_EVIDENCE_KEY (as a CI secret would provide it). */
function withEnvKey(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, KEYWARDEN_EVIDENCE_KEY: pem(signer.privateKey, 'pkcs8'), OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1' },
    timeout: 180_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let scan: { code: number; stdout: string; stderr: string };
const pristine = join(work, 'bundle');

/** A fresh copy of the bundle to tamper with. */
function copy(name: string): string {
  const dir = join(work, name);
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  await ensureBuilt();
  scan = withEnvKey(['scan', '--demo', '--out', 'out', '--evidence', 'bundle', '--sarif-category', 'keywarden/demo-estate', '--sarif-runs', 'account'], work);
}, 600_000);

describe('keywarden scan --evidence', () => {
  it('writes the bundle next to the usual reports and still exits 1 on high findings', () => {
    expect(scan.stderr).not.toContain('keywarden:');
    expect(scan.code).toBe(1);
    expect(scan.stdout).toMatch(/Evidence bundle: bundle \(4 files, signed with Ed25519 key SHA-256 [0-9a-f]{64}\)/);
    for (const f of ['manifest.json', 'manifest.sig', 'public-key.pem', 'inventory.json', 'reports/keywarden.json', 'reports/keywarden.sarif', 'reports/keywarden.html']) {
      expect(existsSync(join(pristine, f)), f).toBe(true);
    }
    // The bundle's JSON report is the same report the scan wrote to --out.
    expect(readFileSync(join(pristine, 'reports', 'keywarden.json'), 'utf8')).toBe(readFileSync(join(work, 'out', 'keywarden.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(pristine, 'manifest.json'), 'utf8')) as { inputs: { kind: string; sha256: string }[] };
    expect(manifest.inputs.some((i) => i.kind === 'inventory')).toBe(true);
    expect(manifest.inputs.filter((i) => i.kind === 'logs').length).toBeGreaterThan(20);
    const inventory = JSON.parse(readFileSync(join(pristine, 'inventory.json'), 'utf8')) as { keys: unknown[] };
    expect(inventory.keys).toHaveLength(59);
    for (const f of ['manifest.json', 'public-key.pem', 'inventory.json']) expect(readFileSync(join(pristine, f), 'utf8')).not.toContain('PRIVATE KEY');
  });

  it('--sarif-category and --sarif-runs shape the SARIF in --out and in the bundle alike', () => {
    const sarif = readFileSync(join(work, 'out', 'keywarden.sarif'), 'utf8');
    expect(readFileSync(join(pristine, 'reports', 'keywarden.sarif'), 'utf8')).toBe(sarif);
    const ids = (JSON.parse(sarif) as { runs: { automationDetails: { id: string } }[] }).runs.map((r) => r.automationDetails.id);
    expect(ids).toEqual(expect.arrayContaining(['keywarden/demo-estate/aws/111122223333/', 'keywarden/demo-estate/aws/210987654321/', 'keywarden/demo-estate/gcp/acme-prod-kms/']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('keywarden/demo-estate/'))).toBe(true);
  });

  it('refuses an --out folder inside the evidence folder', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-e2e-evidence-out-'));
    const r = keywarden(['scan', '--demo', '--out', 'ev/reports', '--evidence', 'ev', '--evidence-key', join(work, 'evidence.pem')], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is inside it');
  });

  it('refuses --evidence without a key, before scanning, and says how to make one', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-e2e-evidence-nokey-'));
    const r = keywarden(['scan', '--demo', '--out', 'out', '--evidence', 'bundle'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('openssl genpkey -algorithm ed25519 -out evidence.pem');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
    expect(existsSync(join(cwd, 'bundle'))).toBe(false);
  });

  it('refuses a folder that already holds files', () => {
    const r = keywarden(['scan', '--demo', '--evidence', pristine, '--evidence-key', join(work, 'evidence.pem')], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the folder is not empty');
  });
});

describe('keywarden verify', () => {
  it('accepts the untouched bundle with the signer key, and warns when trusting the bundled key alone', () => {
    const given = keywarden(['verify', 'bundle', '--public-key', 'signer.pub.pem'], work);
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('OK: bundle: 4/4 files match the manifest; signature valid');
    expect(given.stdout).not.toContain('Note:');
    const bundled = keywarden(['verify', 'bundle'], work);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toContain('proves the bundle is intact but not who signed it');
  });

  for (const file of ['inventory.json', 'reports/keywarden.json', 'reports/keywarden.sarif', 'reports/keywarden.html']) {
    it(`names ${file} when it is modified`, () => {
      const dir = copy(`mod-${file.replace('/', '-')}`);
      appendFileSync(join(dir, file), ' ');
      const r = keywarden(['verify', dir, '--public-key', 'signer.pub.pem'], work);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`✗ ${file}: SHA-256 differs`);
      expect(r.stdout).toContain('TAMPERED');
    });
  }

  it('names a removed file and an added file', () => {
    const dir = copy('add-remove');
    rmSync(join(dir, 'reports', 'keywarden.sarif'));
    writeFileSync(join(dir, 'reports', 'keywarden.md'), '# later');
    const r = keywarden(['verify', dir], work);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ reports/keywarden.sarif: missing');
    expect(r.stdout).toContain('✗ reports/keywarden.md: unexpected file');
  });

  it('detects an edited manifest, a modified signature and a wrong public key', () => {
    const manifest = copy('manifest');
    writeFileSync(join(manifest, 'manifest.json'), readFileSync(join(manifest, 'manifest.json'), 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 1 '));
    expect(keywarden(['verify', manifest], work)).toMatchObject({ code: 1, stdout: expect.stringContaining('✗ manifest.sig: signature invalid for manifest.json') as unknown });

    const sig = copy('sig');
    const bytes = readFileSync(join(sig, 'manifest.sig'));
    bytes[0] = bytes[0]! ^ 0xff;
    writeFileSync(join(sig, 'manifest.sig'), bytes);
    expect(keywarden(['verify', sig, '--public-key', 'signer.pub.pem'], work)).toMatchObject({ code: 1, stdout: expect.stringContaining('✗ manifest.sig: signature invalid') as unknown });

    const wrong = keywarden(['verify', 'bundle', '--public-key', 'stranger.pub.pem'], work);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/✗ manifest.sig: signature invalid for manifest.json with the --public-key key \(SHA-256 [0-9a-f]{64}\); the manifest says it was signed by SHA-256 [0-9a-f]{64}/);
  });

  it('prints JSON with --json', () => {
    const r = keywarden(['verify', 'bundle', '--json'], work);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dir: 'bundle', ok: true, problems: [], signature: 'valid', keySource: 'bundled', verifiedFiles: 4 });
  });

  it('exits 2 on a missing folder or an unreadable key', () => {
    expect(keywarden(['verify', 'no-such-bundle'], work)).toMatchObject({ code: 2, stderr: expect.stringContaining('no such folder') as unknown });
    expect(keywarden(['verify', 'bundle', '--public-key', 'missing.pem'], work).code).toBe(2);
    expect(keywarden(['verify', 'bundle', '--public-key', 'evidence.pem'], work).code).toBe(0); // a private key file carries its public half
    writeFileSync(join(work, 'junk.pem'), 'junk');
    expect(keywarden(['verify', 'bundle', '--public-key', 'junk.pem'], work)).toMatchObject({ code: 2, stderr: expect.stringContaining('not a readable PEM public key') as unknown });
  });

  it('the signature and fingerprint check out with OpenSSL too (no keywarden needed to audit)', () => {
    const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    if (openssl.status !== 0) return;
    const v = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', 'bundle/manifest.json', '-sigfile', 'bundle/manifest.sig'], { cwd: work, encoding: 'utf8' });
    expect(v.stdout + v.stderr).toContain('Signature Verified Successfully');
    const der = spawnSync('openssl', ['pkey', '-pubin', '-in', 'bundle/public-key.pem', '-outform', 'DER'], { cwd: work });
    const manifest = JSON.parse(readFileSync(join(pristine, 'manifest.json'), 'utf8')) as { signature: { publicKeySha256: string } };
    expect(createHash('sha256').update(der.stdout).digest('hex')).toBe(manifest.signature.publicKeySha256);
  });
});
