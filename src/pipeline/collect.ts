// `keywarden collect`: merge inventory snapshots (and/or the demo's) and what the live collectors
// found into one snapshot file, kept as evidence and as input for later `scan --inventory` runs.
import { join, resolve } from 'node:path';
import { systemClock, type Clock } from '../core/clock.js';
import { ToolError } from '../core/errors.js';
import type { InputFile, Inventory } from '../core/model.js';
import { mergeInventories, writeInventory } from '../inventory/index.js';
import { liveSnapshot, type LiveInventory } from './collectors.js';
import { displayPath, loadInventories, requireExisting } from './inputs.js';
import { DEMO_DIR } from './paths.js';
import { toolVersion } from './scan.js';

export interface CollectOptions {
  cwd?: string;
  demo?: boolean;
  inventories?: string[];
  /** What live collectors (collectLive) found; stamped with the clock's time. */
  live?: LiveInventory;
  clock?: Clock;
  /** Snapshot file to write. */
  output: string;
}

export interface CollectResult {
  inventory: Inventory;
  output: string;
  inputs: InputFile[];
}

export async function runCollect(opts: CollectOptions): Promise<CollectResult> {
  const cwd = opts.cwd ?? process.cwd();
  const files = [...(opts.demo ? [join(DEMO_DIR, 'inventory.json')] : []), ...requireExisting(opts.inventories ?? [], '--inventory', cwd)];
  if (files.length === 0 && !opts.live) {
    throw new ToolError('usage', 'nothing to collect: give --demo, --provider or --inventory FILE', {
      actions: ['Merge existing snapshots with `keywarden collect --inventory a.json --inventory b.json --output all.json`.'],
    });
  }
  const version = toolVersion();
  // Snapshots carry their own collection time; the merged one keeps the newest (no wall clock needed).
  const loaded = await loadInventories(files, cwd, version, '1970-01-01T00:00:00Z');
  const { inputs } = loaded;
  const inventory = opts.live ? mergeInventories([loaded.inventory, liveSnapshot(opts.live, version, (opts.clock ?? systemClock).now().toISOString())]) : loaded.inventory;
  const output = resolve(cwd, opts.output);
  try {
    await writeInventory(inventory, output);
  } catch (e) {
    throw new ToolError('output-write', `cannot write ${output}: ${(e as Error).message}`, { cause: e });
  }
  return { inventory, output: displayPath(output, cwd), inputs };
}
