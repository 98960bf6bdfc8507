// bench/scan: offline reading throughput of CloudTrail S3-style gzip files against the floor of
// gunzip + JSON.parse of the same files in Node, peak memory of each, and inventory load time.
// Needs `npm run build` (imports dist/). Data are generated into a temp folder, reused when present.
//   node bench/scan/run.mjs [--events 200000] [--keys 100000] [--dir DIR] [--runs 1]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const events = Number(arg('events', 200_000));
const keys = Number(arg('keys', 100_000));
const runs = Number(arg('runs', 1));
const dir = arg('dir', join(tmpdir(), `keywarden-bench-scan-${events}-${keys}`));
if (!existsSync(new URL('../../dist/logs/index.js', import.meta.url))) {
  console.error('bench/scan needs a build: run `npm run build` first.');
  process.exit(2);
}

const metaFile = join(dir, 'meta.json');
const fresh = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : undefined;
if (!fresh || fresh.events !== events || fresh.keys !== keys) {
  console.log(`generating ${events.toLocaleString('en')} events and ${keys.toLocaleString('en')} keys into ${dir} ...`);
  const t = Date.now();
  await generate({ dir, events, keys, log: () => {} });
  console.log(`  done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
const meta = JSON.parse(readFileSync(metaFile, 'utf8'));

const phaseScript = fileURLToPath(new URL('./phase.mjs', import.meta.url));
function measure(phase) {
  let best;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=8192', phaseScript, phase, dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${phase} failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    if (!best || out.seconds < best.seconds) best = out;
  }
  return best;
}

const MB = 1e6;
const gunzip = measure('gunzip');
const floor = measure('floor');
const read = measure('read');
const inv = measure('inventory');
const row = (name, m, recordsPerS) => `| ${name} | ${m.seconds.toFixed(2)} | ${Math.round(recordsPerS).toLocaleString('en')} | ${(meta.gzBytes / MB / m.seconds).toFixed(1)} | ${(meta.rawBytes / MB / m.seconds).toFixed(1)} | ${Math.round(m.maxRssBytes / MB)} |`;
console.log(`\n${events.toLocaleString('en')} CloudTrail records in ${meta.files} files: ${(meta.gzBytes / MB).toFixed(1)} MB gzip, ${(meta.rawBytes / MB).toFixed(1)} MB JSON; node ${process.version}\n`);
console.log('| phase | seconds | records/s | MB/s gzip | MB/s JSON | peak RSS MB |');
console.log('|---|---|---|---|---|---|');
console.log(row('gunzip only', gunzip, meta.events / gunzip.seconds));
console.log(row('floor: gunzip + JSON.parse', floor, floor.records / floor.seconds));
console.log(row('readLogs (KeyEvents)', read, read.records / read.seconds));
console.log(`\nreadLogs: ${read.events.toLocaleString('en')} KeyEvents (${Math.round(read.events / read.seconds).toLocaleString('en')}/s), ${read.skipped.toLocaleString('en')} non-KMS skipped, ${read.duplicates.toLocaleString('en')} duplicates, ${read.gaps} gaps; ${(read.seconds / floor.seconds).toFixed(2)}x the floor's time`);
console.log(`inventory: readInventory of ${inv.keys.toLocaleString('en')} keys (${(inv.bytes / MB).toFixed(1)} MB, schema-validated) in ${inv.seconds.toFixed(2)} s, peak RSS ${Math.round(inv.maxRssBytes / MB)} MB`);
console.log(JSON.stringify({ events, keys, meta, gunzip, floor, read, inventory: inv }));
