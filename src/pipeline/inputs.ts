// Gathering a scan's inputs: inventory snapshots (merged), the config file and user policy files,
// each recorded with its SHA-256 so a report says exactly what it was computed from.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ToolError } from '../core/errors.js';
import type { InputFile, Inventory } from '../core/model.js';
import { mergeInventories, readInventory } from '../inventory/index.js';
import { PACKAGE_ROOT } from './paths.js';

/** Paths in reports: relative to the working directory when inside it, `<keywarden>/…` for bundled files. */
export function displayPath(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  const pkg = relative(PACKAGE_ROOT, abs);
  if (pkg && !pkg.startsWith('..') && !isAbsolute(pkg)) return `<keywarden>/${pkg.split(sep).join('/')}`;
  return abs;
}

export function emptyInventory(version: string, collectedAt: string): Inventory {
  return { schemaVersion: 1, tool: { name: 'keywarden', version }, collectedAt, scope: {}, keys: [], containers: [], logging: [], gaps: [] };
}

export async function loadInventories(files: readonly string[], cwd: string, version: string, now: string): Promise<{ inventory: Inventory; inputs: InputFile[] }> {
  if (files.length === 0) return { inventory: emptyInventory(version, now), inputs: [] };
  const read = [];
  for (const f of files) read.push(await readInventory(resolve(cwd, f)));
  const inventory = read.length === 1 ? read[0]!.inventory : mergeInventories(read.map((r) => r.inventory));
  return { inventory, inputs: read.map((r) => ({ ...r.input, path: displayPath(r.input.path, cwd) })) };
}

export function fileInput(file: string, kind: InputFile['kind'], cwd: string): InputFile {
  const bytes = readFileSync(file);
  return { path: displayPath(file, cwd), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, kind };
}

export function requireExisting(paths: readonly string[], flag: string, cwd: string): string[] {
  return paths.map((p) => {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new ToolError('input-not-found', `${flag} ${p}: no such file or folder`);
    return abs;
  });
}
