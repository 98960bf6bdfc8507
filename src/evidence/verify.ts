// Verifying an evidence bundle (`keywarden verify DIR`): every listed file's SHA-256 and size, missing
// and unexpected files, the bundled public key against the manifest's fingerprint, and the Ed25519
// signature over manifest.json. Trusting the bundled public key proves only that the bundle is
// internally consistent (anyone can re-sign a modified bundle with a key of their own); a key the
// auditor obtained separately (--public-key) also proves who signed it.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { ToolError } from '../core/errors.js';
import { parsePublicKey, publicKeyFingerprint, verifyBytes } from './keys.js';
import { BUNDLE_META_FILES, manifestProblems, MANIFEST_FILE, PUBLIC_KEY_FILE, sha256Hex, SIGNATURE_FILE, type EvidenceManifest } from './manifest.js';

export interface BundleProblem {
  path: string;
  problem: string;
}

export interface VerifyOptions {
  /** PEM of the public key the auditor trusts; without it the bundled public-key.pem is used. */
  publicKeyPem?: string;
  /** Where publicKeyPem came from, for messages. */
  publicKeyName?: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: BundleProblem[];
  /** Files listed in the manifest whose hash and size matched. */
  verifiedFiles: number;
  signature: 'valid' | 'invalid' | 'missing' | 'unchecked';
  /** Which key the signature was checked against. */
  keySource: 'given' | 'bundled';
  keyFingerprint?: string;
  manifest?: EvidenceManifest;
}

/** A bundle as bytes: what verify needs, read from disk by readBundleDir or built in memory by tests. */
export interface BundleListing {
  /** Regular files by relative `/`-separated path. */
  files: Map<string, Buffer>;
  /** Entries that are neither regular files nor folders (symbolic links, sockets). */
  irregular: string[];
}

export async function readBundleDir(dir: string): Promise<BundleListing> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new ToolError('usage', `${dir}: no such folder`, { actions: ['Give the folder written by `keywarden scan --evidence DIR`.'] });
  }
  if (!info.isDirectory()) throw new ToolError('usage', `${dir}: not a folder`, { actions: ['Give the folder written by `keywarden scan --evidence DIR`.'] });
  const listing: BundleListing = { files: new Map(), irregular: [] };
  const walk = async (abs: string, rel: string) => {
    for (const e of (await readdir(abs, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(join(abs, e.name), relPath);
      else if (e.isFile()) listing.files.set(relPath, await readFile(join(abs, e.name)));
      else listing.irregular.push(relPath);
    }
  };
  await walk(dir, '');
  return listing;
}

function describeKey(fingerprint: string): string {
  return `SHA-256 ${fingerprint}`;
}

/** Pure: checks a listing; every problem names the file and what is wrong with it. */
export function verifyListing(listing: BundleListing, options: VerifyOptions = {}): VerifyResult {
  const problems: BundleProblem[] = [];
  const given = options.publicKeyPem !== undefined ? parsePublicKey(options.publicKeyPem, options.publicKeyName ?? '--public-key') : undefined;
  const result = (extra: Partial<VerifyResult>): VerifyResult => {
    problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.problem < b.problem ? -1 : 1));
    return { ok: problems.length === 0, problems, verifiedFiles: 0, signature: 'unchecked', keySource: given ? 'given' : 'bundled', ...extra };
  };
  for (const path of listing.irregular) problems.push({ path, problem: 'not a regular file' });

  const manifestBytes = listing.files.get(MANIFEST_FILE);
  if (!manifestBytes) {
    problems.push({ path: MANIFEST_FILE, problem: 'missing (nothing else can be checked without it)' });
    return result({});
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestBytes.toString('utf8'));
  } catch (e) {
    problems.push({ path: MANIFEST_FILE, problem: `not valid JSON (${(e as Error).message})` });
    return result({});
  }
  const shape = manifestProblems(parsed);
  if (shape.length > 0) {
    for (const p of shape) problems.push({ path: MANIFEST_FILE, problem: p });
    return result({});
  }
  const manifest = parsed as EvidenceManifest;

  // Files listed in the manifest.
  let verifiedFiles = 0;
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const bytes = listing.files.get(f.path);
    if (!bytes) problems.push({ path: f.path, problem: 'missing' });
    else if (sha256Hex(bytes) !== f.sha256) {
      const size = bytes.length === f.bytes ? `same size, ${f.bytes} bytes` : `${bytes.length} bytes, manifest says ${f.bytes}`;
      problems.push({ path: f.path, problem: `SHA-256 differs (${size})` });
    } else if (bytes.length !== f.bytes) problems.push({ path: f.path, problem: `size differs (${bytes.length} bytes, manifest says ${f.bytes})` });
    else verifiedFiles++;
  }
  for (const path of listing.files.keys()) {
    if (!listed.has(path) && !BUNDLE_META_FILES.includes(path)) problems.push({ path, problem: 'unexpected file (not in the manifest)' });
  }

  // The bundled public key must be the one the manifest names.
  const expected = manifest.signature.publicKeySha256;
  let bundled: KeyObject | undefined;
  const bundledPem = listing.files.get(PUBLIC_KEY_FILE);
  if (!bundledPem) problems.push({ path: PUBLIC_KEY_FILE, problem: 'missing' });
  else {
    try {
      bundled = parsePublicKey(bundledPem.toString('utf8'), PUBLIC_KEY_FILE);
      if (publicKeyFingerprint(bundled) !== expected) {
        problems.push({ path: PUBLIC_KEY_FILE, problem: `SHA-256 of the key differs from the fingerprint in ${MANIFEST_FILE} (${describeKey(publicKeyFingerprint(bundled))}, manifest says ${expected})` });
        bundled = undefined;
      }
    } catch {
      problems.push({ path: PUBLIC_KEY_FILE, problem: 'not an Ed25519 public key in PEM form' });
    }
  }

  // The signature over manifest.json.
  const key = given ?? bundled;
  const keyFingerprint = key ? publicKeyFingerprint(key) : undefined;
  const signatureBytes = listing.files.get(SIGNATURE_FILE);
  let signature: VerifyResult['signature'] = 'unchecked';
  if (!signatureBytes) {
    signature = 'missing';
    problems.push({ path: SIGNATURE_FILE, problem: 'missing (the bundle is unsigned)' });
  } else if (key) {
    signature = verifyBytes(key, manifestBytes, signatureBytes) ? 'valid' : 'invalid';
    if (signature === 'invalid') {
      const which = given ? `the --public-key key (${describeKey(keyFingerprint!)})` : `the bundled key (${describeKey(keyFingerprint!)})`;
      const hint = given && keyFingerprint !== expected ? `; the manifest says it was signed by SHA-256 ${expected}` : '';
      problems.push({ path: SIGNATURE_FILE, problem: `signature invalid for ${MANIFEST_FILE} with ${which}${hint}` });
    } else if (given && keyFingerprint !== expected) {
      problems.push({ path: MANIFEST_FILE, problem: `names signer key SHA-256 ${expected}, not the --public-key key (${keyFingerprint})` });
    }
  }
  return result({ verifiedFiles, signature, manifest, ...(keyFingerprint ? { keyFingerprint } : {}) });
}

export async function verifyBundle(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  return verifyListing(await readBundleDir(dir), options);
}

/** The report `keywarden verify` prints: one line per problem, then the verdict. */
export function renderVerifyResult(dir: string, r: VerifyResult): string {
  const lines: string[] = [];
  for (const p of r.problems) lines.push(`✗ ${p.path}: ${p.problem}`);
  const files = r.manifest ? `${r.verifiedFiles}/${r.manifest.files.length} files match the manifest` : 'manifest unreadable';
  if (r.ok) {
    lines.push(`OK: ${dir}: ${files}; signature valid (Ed25519, key ${describeKey(r.keyFingerprint!)}).`);
    if (r.manifest) lines.push(`Run ${r.manifest.run.id} (${r.manifest.run.startedAt}), keywarden ${r.manifest.tool.version}, ${r.manifest.inputs.length} scan inputs recorded.`);
  } else {
    lines.push(`TAMPERED: ${dir}: ${r.problems.length} problem(s); ${files}; signature ${r.signature}.`);
  }
  if (r.keySource === 'bundled') {
    lines.push('Note: checked against the public key inside the bundle, which proves the bundle is intact but not who signed it;');
    lines.push('      pass --public-key FILE with the signer\'s key obtained separately to prove its origin.');
  }
  return `${lines.join('\n')}\n`;
}
