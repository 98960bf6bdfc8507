// The evidence bundle's manifest: what the bundle holds (every file with SHA-256 and size), which run
// produced it, and the scan's own inputs (inventory, log, policy and config files with SHA-256, as the
// RunReport records them). The signature covers the exact bytes of manifest.json.
import { createHash } from 'node:crypto';
import type { InputFile } from '../core/model.js';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'public-key.pem';
/** Files the manifest cannot list (it cannot hash itself or its signature); checked separately. */
export const BUNDLE_META_FILES: readonly string[] = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE];

export interface BundleFile {
  /** Relative to the bundle folder, `/`-separated. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface EvidenceManifest {
  schemaVersion: 1;
  kind: 'keywarden-evidence-bundle';
  tool: { name: string; version: string };
  run: { id: string; startedAt: string; finishedAt: string };
  /** When the bundle was written. */
  createdAt: string;
  signature: { algorithm: 'Ed25519'; file: string; publicKey: string; publicKeySha256: string };
  files: BundleFile[];
  /** The scan's inputs as listed in the JSON report's `inputs`. */
  inputs: InputFile[];
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function describeFile(path: string, bytes: Uint8Array): BundleFile {
  return { path, sha256: sha256Hex(bytes), bytes: bytes.length };
}

/** Deterministic text: files sorted by path, two-space JSON, final newline. */
export function serializeManifest(m: EvidenceManifest): string {
  const sorted: EvidenceManifest = { ...m, files: [...m.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/**
 * A bundle path must stay inside the bundle: relative, `/`-separated, no `.`/`..` or empty segments,
 * no backslash or NUL. verify refuses anything else, so a forged manifest cannot make it read other files.
 */
export function isSafeBundlePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\0]/.test(path) || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Checks the manifest's shape; returns the problems (empty when usable). */
export function manifestProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['not a JSON object'];
  const m = value as Partial<EvidenceManifest>;
  const problems: string[] = [];
  if (m.schemaVersion !== 1) problems.push(`schemaVersion ${JSON.stringify(m.schemaVersion)} is not 1`);
  if (m.kind !== 'keywarden-evidence-bundle') problems.push('kind is not "keywarden-evidence-bundle"');
  const sig = m.signature;
  if (!sig || sig.algorithm !== 'Ed25519' || typeof sig.publicKeySha256 !== 'string' || !HEX64.test(sig.publicKeySha256)) {
    problems.push('signature: expected { algorithm: "Ed25519", publicKeySha256: <64 hex digits> }');
  }
  if (!m.tool || typeof m.tool.version !== 'string') problems.push('tool: expected { name, version }');
  if (!m.run || typeof m.run.id !== 'string' || typeof m.run.startedAt !== 'string') problems.push('run: expected { id, startedAt, finishedAt }');
  if (!Array.isArray(m.inputs)) problems.push('inputs is not a list');
  if (!Array.isArray(m.files)) return [...problems, 'files is not a list'];
  const seen = new Set<string>();
  for (const [i, f] of m.files.entries()) {
    if (!f || typeof f.path !== 'string' || typeof f.sha256 !== 'string' || !HEX64.test(f.sha256) || typeof f.bytes !== 'number') {
      problems.push(`files[${i}]: expected { path, sha256: <64 hex digits>, bytes }`);
    } else if (!isSafeBundlePath(f.path) || BUNDLE_META_FILES.includes(f.path)) {
      problems.push(`files[${i}]: path ${JSON.stringify(f.path)} is not allowed in a bundle`);
    } else if (seen.has(f.path)) {
      problems.push(`files[${i}]: ${f.path} is listed twice`);
    } else seen.add(f.path);
  }
  return problems;
}
