// Builds the demo's HTML report with a real history: two earlier scans of the demo inventory (with a
// few extra keys that are later removed, so the trend shows fixed findings) recorded in a state file,
// then the demo scan itself with its logs. Everything goes through runScan, as the CLI does.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../src/core/clock.js';
import type { Inventory, KeyRecord, RunReport } from '../../src/core/model.js';
import { DEMO_DIR } from '../../src/pipeline/paths.js';
import { runScan } from '../../src/pipeline/scan.js';

/** Copies of demo keys under new ids: they fail the same checks, then disappear (fixed). */
function withRetiredKeys(inv: Inventory, count: number): Inventory {
  const extra = inv.keys.slice(0, count).map((k, i): KeyRecord => {
    const id = `${k.id}-retired-${i}`;
    return { ...k, id, ref: { ...k.ref, id }, name: `${k.name ?? 'key'}-retired-${i}`, rotation: { ...k.rotation, enabled: false } };
  });
  return { ...inv, keys: [...inv.keys, ...extra] };
}

export async function buildDemoReport(dir: string): Promise<{ html: string; report: RunReport; file: string }> {
  mkdirSync(dir, { recursive: true });
  const state = join(dir, 'state.db');
  const inventory = JSON.parse(readFileSync(join(DEMO_DIR, 'inventory.json'), 'utf8')) as Inventory;
  const history: [string, number][] = [
    ['2026-10-04T06:00:00Z', 12],
    ['2026-10-11T06:00:00Z', 9],
    ['2026-10-18T06:00:00Z', 4],
    ['2026-10-25T06:00:00Z', 2],
  ];
  for (const [at, extra] of history) {
    const file = join(dir, `inventory-${at.slice(0, 10)}.json`);
    writeFileSync(file, JSON.stringify(withRetiredKeys(inventory, extra)));
    await runScan({ cwd: dir, inventories: [file], state, outDir: join(dir, 'history'), formats: ['json'], clock: fixedClock(at) });
  }
  const out = join(dir, 'out');
  const result = await runScan({ cwd: dir, demo: true, state, outDir: out, formats: ['html'] });
  const file = join(out, 'keywarden.html');
  return { html: readFileSync(file, 'utf8'), report: result.report, file };
}
