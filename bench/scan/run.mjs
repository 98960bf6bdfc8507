// bench/scan: an offline scan of generated CloudTrail S3-style gzip files and a 100,000-key inventory.
// Measures the whole runScan (inventory, built-in policies, usage, detectors, JSON + SARIF reports)
// against the floor of gunzip + JSON.parse of the same files in Node, and each phase's peak memory.
// Needs `npm run build` (imports dist/). Data are generated into a temp folder, reused when present.
//   node bench/scan/run.mjs                  quick: 1,000,000 events, 100,000 keys
//   node bench/scan/run.mjs --full           10,000,000 events, 100,000 keys
//   node bench/scan/run.mjs --events N --keys K [--dir DIR] [--runs 1] [--phases scan,floor] [--reuse] [--days D]
// --days D measures the first D of the 14 days only (same events per hour; a folder of symlinks), for
// machines where the whole set takes too long.
// Each phase's result is kept in DIR/results/<phase>.json; --reuse reports earlier results for the
// phases not run this time (for example the floor, which does not change with keywarden's code).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const full = process.argv.includes('--full');
const events = Number(arg('events', full ? 10_000_000 : 1_000_000));
const keys = Number(arg('keys', 100_000));
const runs = Number(arg('runs', 1));
const ALL = ['gunzip', 'floor', 'read', 'inventory', 'scan-inventory', 'scan'];
const phases = arg('phases', ALL.join(',')).split(',');
const reuse = process.argv.includes('--reuse');
const dir = arg('dir', join(tmpdir(), `keywarden-bench-scan-${events}-${keys}`));
if (!existsSync(new URL('../../dist/pipeline/scan.js', import.meta.url))) {
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
const days = Number(arg('days', 0));
const fullMeta = JSON.parse(readFileSync(metaFile, 'utf8'));
const { dataDir, meta } = days > 0 ? daySubset(dir, days, fullMeta) : { dataDir: dir, meta: fullMeta };

/** A folder whose logs are the first `n` day folders of every account and region (symlinks). */
function daySubset(src, n, full) {
  const out = `${src}-days${n}`;
  let files = 0;
  let gzBytes = 0;
  mkdirSync(join(out, 'logs'), { recursive: true });
  if (!existsSync(join(out, 'inventory.json'))) symlinkSync(join(src, 'inventory.json'), join(out, 'inventory.json'));
  const walk = (rel) => {
    const abs = join(src, 'logs', rel);
    const names = readdirSync(abs).sort();
    if (/\/\d{4}\/\d{2}$/.test(rel)) {
      for (const day of names.slice(0, n)) {
        mkdirSync(join(out, 'logs', rel), { recursive: true });
        if (!existsSync(join(out, 'logs', rel, day))) symlinkSync(join(abs, day), join(out, 'logs', rel, day));
        for (const f of readdirSync(join(abs, day))) {
          files++;
          gzBytes += statSync(join(abs, day, f)).size;
        }
      }
      return;
    }
    for (const name of names) if (statSync(join(abs, name)).isDirectory()) walk(join(rel, name));
  };
  walk('');
  const records = files * full.perFile;
  return { dataDir: out, meta: { ...full, days: n, files, records, gzBytes, rawBytes: (full.rawBytes * records) / full.records } };
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) }).stdout.trim();
const resultsDir = join(dataDir, 'results');
// The scan runs the day after the last event (for a subset: the day after its last day).
const scanNow = new Date(Date.parse('2024-05-01T00:00:00Z') + ((days > 0 ? days : 14) + 1) * 86_400_000).toISOString();
mkdirSync(resultsDir, { recursive: true });
const phaseScript = fileURLToPath(new URL('./phase.mjs', import.meta.url));
function measure(phase) {
  let best;
  for (let i = 0; i < runs; i++) {
    const load = loadavg()[0];
    const r = spawnSync(process.execPath, ['--max-old-space-size=8192', phaseScript, phase, dataDir, scanNow], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`${phase} failed: ${r.stderr}`);
    const out = { ...JSON.parse(r.stdout.trim().split('\n').pop()), at: new Date().toISOString(), commit, loadBefore: load, loadAfter: loadavg()[0] };
    if (!best || out.seconds < best.seconds) best = out;
  }
  writeFileSync(join(resultsDir, `${phase}.json`), JSON.stringify(best, null, 2) + '\n');
  return best;
}

const m = {};
for (const phase of ALL) {
  if (phases.includes(phase)) {
    process.stdout.write(`${phase} ... `);
    m[phase] = measure(phase);
    console.log(`${m[phase].seconds.toFixed(1)} s`);
  } else if (reuse && existsSync(join(resultsDir, `${phase}.json`))) m[phase] = JSON.parse(readFileSync(join(resultsDir, `${phase}.json`), 'utf8'));
}

const MB = 1e6;
const fmt = (n) => Math.round(n).toLocaleString('en');
const kmsEvents = m.read?.events ?? m.scan?.events;
console.log(`\n${meta.records.toLocaleString('en')} CloudTrail records${days > 0 ? ` (first ${days} of 14 days)` : ''} in ${meta.files} files (${(meta.gzBytes / MB).toFixed(1)} MB gzip, ${(meta.rawBytes / MB).toFixed(1)} MB JSON), ${keys.toLocaleString('en')} keys; node ${process.version}, ${cpus().length} CPUs, commit ${commit}\n`);
console.log('| phase | wall s | CPU s | records/s (wall) | records/s (CPU) | peak RSS MB | heap peak MB (sampled) | load | commit |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const phase of ALL) {
  const x = m[phase];
  if (!x) continue;
  const recs = phase === 'inventory' || phase === 'scan-inventory' ? x.keys : meta.records;
  console.log(`| ${phase} | ${x.seconds.toFixed(1)} | ${x.cpuSeconds.toFixed(1)} | ${fmt(recs / x.seconds)} | ${fmt(recs / x.cpuSeconds)} | ${fmt(x.maxRssBytes / MB)} | ${fmt(x.heapPeakBytes / MB)} | ${x.loadBefore.toFixed(1)}–${x.loadAfter.toFixed(1)} | ${x.commit} |`);
}
if (m.scan) {
  const s = m.scan;
  console.log(`\nscan: ${s.keys.toLocaleString('en')} keys, ${s.events.toLocaleString('en')} KMS events (${fmt(s.events / s.seconds)}/s wall, ${fmt(s.events / s.cpuSeconds)}/s CPU), findings ${JSON.stringify(s.findings)}, gaps ${JSON.stringify(s.gapCodes)}, reports ${JSON.stringify(s.reportBytes)}`);
  if (m.floor) console.log(`scan / floor: ${(s.seconds / m.floor.seconds).toFixed(2)}x wall, ${(s.cpuSeconds / m.floor.cpuSeconds).toFixed(2)}x CPU`);
  if (m['scan-inventory']) console.log(`scan without logs (inventory + policies + reports): ${m['scan-inventory'].seconds.toFixed(1)} s wall, ${m['scan-inventory'].cpuSeconds.toFixed(1)} s CPU`);
}
if (m.read) console.log(`read (time-ordered): ${fmt(m.read.events)} events, order ${JSON.stringify(m.read.order)}${m.floor ? `; ${(m.read.seconds / m.floor.seconds).toFixed(2)}x the floor's wall time, ${(m.read.cpuSeconds / m.floor.cpuSeconds).toFixed(2)}x its CPU` : ''}`);
console.log(JSON.stringify({ events, keys, kmsEvents, meta, ...m }));
