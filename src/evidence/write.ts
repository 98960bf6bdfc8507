// Writing an evidence bundle (`keywarden scan --evidence DIR`):
//   inventory.json            the merged inventory the scan evaluated (snapshots plus live collection)
//   reports/keywarden.{json,sarif,html}
//   manifest.json             every file above with SHA-256 and size, the run, the scan's inputs
//   manifest.sig              detached Ed25519 signature over the bytes of manifest.json (64 raw bytes)
//   public-key.pem            the signer's public key (SPKI); its SHA-256 is in the manifest
// buildBundle is pure (bytes in memory); writeBundle is the only I/O. The private key is never written.
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ToolError } from '../core/errors.js';
import type { Inventory, RunReport } from '../core/model.js';
import { serializeInventory } from '../inventory/write.js';
import { REPORTERS, type ReportFormat } from '../reporters/registry.js';
import type { SarifOptions } from '../reporters/sarif/index.js';
import { signBytes, type SigningKey } from './keys.js';
import { describeFile, MANIFEST_FILE, PUBLIC_KEY_FILE, serializeManifest, SIGNATURE_FILE, type EvidenceManifest } from './manifest.js';

export const INVENTORY_FILE = 'inventory.json';
export const REPORTS_DIR = 'reports';
const BUNDLED_FORMATS: readonly ReportFormat[] = ['json', 'sarif', 'html'];

export interface BundleParts {
  report: RunReport;
  inventory: Inventory;
  key: SigningKey;
  /** When the bundle is written (ISO 8601); injected so bundles are reproducible in tests. */
  createdAt: string;
  sarif?: SarifOptions;
}

export interface Bundle {
  manifest: EvidenceManifest;
  /** Every file of the bundle by relative path, manifest and signature included. */
  files: Map<string, Buffer>;
}

export function buildBundle(parts: BundleParts): Bundle {
  const content = new Map<string, Buffer>();
  content.set(INVENTORY_FILE, Buffer.from(serializeInventory(parts.inventory), 'utf8'));
  for (const format of BUNDLED_FORMATS) {
    const reporter = REPORTERS[format];
    const rendered = reporter.render(parts.report, parts.sarif ? { sarif: parts.sarif } : {});
    content.set(`${REPORTS_DIR}/${reporter.fileName}`, Buffer.from(rendered.text, 'utf8'));
  }
  const manifest: EvidenceManifest = {
    schemaVersion: 1,
    kind: 'keywarden-evidence-bundle',
    tool: { name: parts.report.tool.name, version: parts.report.tool.version },
    run: { id: parts.report.run.id, startedAt: parts.report.run.startedAt, finishedAt: parts.report.run.finishedAt },
    createdAt: parts.createdAt,
    signature: { algorithm: 'Ed25519', file: SIGNATURE_FILE, publicKey: PUBLIC_KEY_FILE, publicKeySha256: parts.key.fingerprint },
    files: [...content].map(([path, bytes]) => describeFile(path, bytes)).sort((a, b) => (a.path < b.path ? -1 : 1)),
    inputs: parts.report.inputs,
  };
  const manifestBytes = Buffer.from(serializeManifest(manifest), 'utf8');
  const files = new Map(content);
  files.set(MANIFEST_FILE, manifestBytes);
  files.set(SIGNATURE_FILE, signBytes(parts.key, manifestBytes));
  files.set(PUBLIC_KEY_FILE, Buffer.from(parts.key.publicKeyPem, 'utf8'));
  return { manifest, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/**
 * Refuses a folder that already holds files: stale files would make the bundle fail verification, and
 * keywarden never deletes a user's files. Called before the scan so a long scan is not wasted.
 */
export async function checkEvidenceDir(dir: string, outDir?: string): Promise<void> {
  if (outDir !== undefined && isInside(outDir, dir)) {
    throw new ToolError('usage', `--evidence ${dir}: the report folder --out ${outDir} is inside it; the bundle must contain only its own files`, {
      actions: ['Give --evidence a folder of its own, e.g. --out reports --evidence evidence.'],
    });
  }
  let info;
  try {
    info = await stat(dir);
  } catch {
    return; // does not exist yet: created when the bundle is written
  }
  if (!info.isDirectory()) throw new ToolError('usage', `--evidence ${dir}: exists and is not a folder`, { actions: ['Give a new or empty folder for the evidence bundle.'] });
  const entries = await readdir(dir);
  if (entries.length > 0) {
    throw new ToolError('usage', `--evidence ${dir}: the folder is not empty (${entries.length} entries); a bundle must contain only its own files`, {
      actions: ['Give a new or empty folder for each bundle, e.g. --evidence evidence/$(date -u +%Y%m%dT%H%M%SZ).'],
    });
  }
}

/** Writes the bundle; the signature and public key last, each file through a temporary name. */
export async function writeBundle(dir: string, bundle: Bundle): Promise<string[]> {
  const order = [...bundle.files.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  try {
    for (const path of order) {
      const target = join(dir, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      await writeFile(temp, bundle.files.get(path)!);
      await rename(temp, target);
    }
  } catch (e) {
    throw new ToolError('output-write', `cannot write the evidence bundle to ${dir}: ${(e as Error).message}`, { cause: e, actions: ['Check that the --evidence folder is writable.'] });
  }
  return order;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function rank(path: string): number {
  return path === MANIFEST_FILE ? 1 : path === SIGNATURE_FILE || path === PUBLIC_KEY_FILE ? 2 : 0;
}

export async function writeEvidence(dir: string, parts: BundleParts): Promise<Bundle> {
  const bundle = buildBundle(parts);
  await writeBundle(dir, bundle);
  return bundle;
}
