// Expands the --logs arguments into files: folders recursively, entries in sorted (code point) order,
// so that runs are reproducible and CloudTrail's date-named folders are read in time order.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Gap } from '../core/model.js';

export async function listLogFiles(paths: string[]): Promise<{ files: string[]; gaps: Gap[] }> {
  const files: string[] = [];
  const gaps: Gap[] = [];
  for (const p of paths) await visit(p, files, gaps);
  return { files, gaps };
}

async function visit(path: string, files: string[], gaps: Gap[]): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const code = err.code === 'ENOENT' ? 'FileNotFound' : 'UnreadableFile';
    gaps.push({ source: 'log-reader', scope: path, code, message: `${path}: ${code === 'FileNotFound' ? 'no such file or folder' : err.message}`, retryable: false, file: path });
    return;
  }
  if (info.isFile()) {
    files.push(path);
    return;
  }
  if (!info.isDirectory()) return;
  let names: string[];
  try {
    names = await readdir(path);
  } catch (e) {
    gaps.push({ source: 'log-reader', scope: path, code: 'UnreadableFile', message: `${path}: ${(e as Error).message}`, retryable: false, file: path });
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith('.')) continue; // .DS_Store, .git, editor files
    await visit(join(path, name), files, gaps);
  }
}
