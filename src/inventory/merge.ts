// Merges snapshots (e.g. one per account or provider, collected separately) into one. For a record
// present in several snapshots (same provider and id), the one from the most recently collected
// snapshot wins; scopes are merged field by field (lists united); identical gaps count once.
import type { Inventory } from '../core/model.js';
import { canonicalInventory } from './write.js';

export function mergeInventories(inventories: Inventory[]): Inventory {
  if (inventories.length === 0) throw new Error('mergeInventories needs at least one inventory');
  // Oldest first, so that later (newer) records overwrite earlier ones.
  const ordered = [...inventories].sort((a, b) => Date.parse(a.collectedAt) - Date.parse(b.collectedAt));
  const newest = ordered[ordered.length - 1] as Inventory;
  const byId = <T extends { provider: string; id: string }>(pick: (i: Inventory) => T[]): T[] => {
    const m = new Map<string, T>();
    for (const inv of ordered) for (const r of pick(inv)) m.set(`${r.provider}\u0000${r.id}`, r);
    return [...m.values()];
  };
  const gaps = new Map<string, Inventory['gaps'][number]>();
  for (const inv of ordered) for (const g of inv.gaps) gaps.set(JSON.stringify([g.source, g.scope, g.code, g.file, g.line, g.message]), g);
  return canonicalInventory({
    schemaVersion: 1,
    tool: newest.tool,
    collectedAt: newest.collectedAt,
    scope: mergeScopes(ordered.map((i) => i.scope)),
    keys: byId((i) => i.keys),
    containers: byId((i) => i.containers),
    logging: byId((i) => i.logging),
    gaps: [...gaps.values()],
  });
}

function mergeScopes(scopes: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const scope of scopes) {
    for (const [k, v] of Object.entries(scope)) {
      const prev = out[k];
      if (Array.isArray(prev) && Array.isArray(v)) out[k] = unite(prev, v);
      else if (Array.isArray(v) && prev !== undefined && !Array.isArray(prev)) out[k] = unite([prev], v);
      else if (Array.isArray(prev) && v !== undefined && !Array.isArray(v)) out[k] = unite(prev, [v]);
      else if (prev !== undefined && JSON.stringify(prev) !== JSON.stringify(v)) out[k] = unite([prev], [v]);
      else out[k] = v;
    }
  }
  return out;
}

function unite(a: unknown[], b: unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const v of [...a, ...b]) seen.set(JSON.stringify(v), v);
  return [...seen.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, v]) => v);
}
