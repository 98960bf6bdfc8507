// Finding Rego modules and data documents under the paths a user names, the way `opa` does:
// files are taken as given, folders are walked recursively in sorted order.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface SourceFile {
  path: string;
  /** Path as shown to users (relative to the working directory when inside it). */
  display: string;
  text: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);

async function walk(path: string, accept: (file: string) => boolean, out: string[]): Promise<void> {
  const info = await stat(path);
  if (info.isFile()) {
    out.push(path);
    return;
  }
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const child = join(path, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(child, accept, out);
    } else if (e.isFile() && accept(child)) out.push(child);
  }
}

export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function collect(paths: readonly string[], accept: (file: string) => boolean): Promise<SourceFile[]> {
  const found: string[] = [];
  for (const p of paths) await walk(p, accept, found);
  const unique = [...new Set(found)];
  return Promise.all(unique.map(async (path) => ({ path, display: displayPath(path), text: await readFile(path, 'utf8') })));
}

export function isRegoFile(path: string): boolean {
  return extname(path) === '.rego';
}

export function isDataFile(path: string): boolean {
  const name = basename(path);
  return name === 'data.json' || name === 'data.yaml' || name === 'data.yml';
}

/** `.rego` files under the given paths (files named explicitly are taken whatever their extension). */
export function findRegoFiles(paths: readonly string[]): Promise<SourceFile[]> {
  return collect(paths, isRegoFile);
}

/**
 * Data documents for `--data`: a `.json`/`.yaml` file named explicitly is loaded at the root; inside
 * folders, `data.json`/`data.yaml` files are loaded at the path of their folder (as `opa` does).
 */
export async function loadData(paths: readonly string[]): Promise<{ data: Record<string, unknown>; modules: SourceFile[] }> {
  const data: Record<string, unknown> = {};
  const modules: SourceFile[] = [];
  for (const root of paths) {
    const info = await stat(root);
    if (info.isFile()) {
      if (isRegoFile(root)) modules.push(...(await collect([root], () => true)));
      else merge(data, [], parseDocument(root, await readFile(root, 'utf8')));
      continue;
    }
    const files = await collect([root], (f) => isRegoFile(f) || isDataFile(f));
    for (const f of files) {
      if (isRegoFile(f.path)) modules.push(f);
      else {
        const dir = relative(root, join(f.path, '..'));
        merge(data, dir ? dir.split(/[\\/]/) : [], parseDocument(f.path, f.text));
      }
    }
  }
  return { data, modules };
}

export function parseDocument(path: string, text: string): unknown {
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text, { intAsBigInt: true });
  } catch (err) {
    throw new Error(`${displayPath(path)}: not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
}

function merge(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const seg of path) {
    const next = node[seg];
    if (next === undefined) node[seg] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new Error(`data conflict at ${path.join('.')}: ${seg} is already a value`);
    }
    node = node[seg] as Record<string, unknown>;
  }
  if (path.length === 0 && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new Error('a data document loaded at the root must be an object');
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k in node && typeof node[k] === 'object' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        merge(node, [k], v);
      } else if (k in node) throw new Error(`data conflict at ${[...path, k].join('.')}`);
      else node[k] = v;
    }
  } else {
    throw new Error(`data document at ${path.join('.')} must be an object`);
  }
}
