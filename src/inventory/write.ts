// Writes an inventory snapshot deterministically: records sorted by identity, object keys sorted,
// two-space JSON with a final newline, written to a temporary file then renamed (never half-written).
import { rename, writeFile } from 'node:fs/promises';
import type { Gap, Inventory } from '../core/model.js';
import { validateInventory } from './read.js';

interface Identified {
  provider: string;
  account: string;
  region?: string;
  id: string;
}

export function compareIdentity(a: Identified, b: Identified): number {
  return cmp(a.provider, b.provider) || cmp(a.account, b.account) || cmp(a.region ?? '', b.region ?? '') || cmp(a.id, b.id);
}

export function compareGaps(a: Gap, b: Gap): number {
  return cmp(a.source, b.source) || cmp(a.scope, b.scope) || cmp(a.code, b.code) || cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || cmp(a.message, b.message);
}

/** The canonical form: sorted records and object keys. Arrays inside records keep their order (it can mean something, e.g. newest first). */
export function canonicalInventory(inv: Inventory): Inventory {
  const sorted: Inventory = {
    ...inv,
    keys: [...inv.keys].sort(compareIdentity),
    containers: [...inv.containers].sort(compareIdentity),
    logging: [...inv.logging].sort(compareIdentity),
    gaps: [...inv.gaps].sort(compareGaps),
  };
  return sortKeys(sorted) as Inventory;
}

export function serializeInventory(inv: Inventory): string {
  return `${JSON.stringify(canonicalInventory(inv), null, 2)}\n`;
}

/** Validates, then writes atomically. Throws the same precise error as readInventory when invalid. */
export async function writeInventory(inv: Inventory, file: string): Promise<void> {
  validateInventory(inv, file);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, serializeInventory(inv));
  await rename(tmp, file);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort(cmp)) {
    const value = (v as Record<string, unknown>)[k];
    if (value !== undefined) out[k] = sortKeys(value);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
