// Detection throughput against the floor of gunzip + JSON.parse of the same files, and memory as
// events grow with entities fixed. Needs `npm run build` (imports dist/).
//
//   node --expose-gc bench/detect/throughput.mjs [--events 10000000] [--dir /tmp/keywarden-bench] [--dist DIR]
//
// --dist points at another build output (e.g. `npx tsc -p tsconfig.build.json --outDir /tmp/kw`).
//
// Events come from the seeded traffic simulator (fixed cast of principals and keys, more days for
// more events), stored as gzipped CloudTrail-style files ({"Records": [...]}, 20,000 per file) of
// normalised KeyEvents. The floor reads every file with gunzip + JSON.parse; the detection pass
// does the same and feeds every record to the engine with all shipped rules.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import os from 'node:os';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const root = resolve(new URL('../..', import.meta.url).pathname);
const total = Number(opt('--events', '10000000'));
const scale = Number(opt('--scale', '30'));
const dir = resolve(opt('--dir', `/tmp/keywarden-bench-${total}-${scale}`));
const perFile = 20_000;
const dist = resolve(opt('--dist', join(root, 'dist')));
// --only floor|detection runs one pass (for profiling one side).
const only = opt('--only', 'both');

const { createDetection, loadRules, BUILTIN_RULES_DIR } = await import(join(dist, 'detectors/index.js'));
const { simulateTraffic } = await import(join(dist, 'detectors/simulate/traffic.js'));
const traffic = simulateTraffic({ seed: 11, days: 10_000, scale });

function generate() {
  mkdirSync(dir, { recursive: true });
  let batch = [];
  let files = 0;
  let n = 0;
  for (const e of traffic.events()) {
    batch.push(e);
    if (++n >= total || batch.length === perFile) {
      writeFileSync(join(dir, `${String(files++).padStart(5, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: batch }), { level: 1 }));
      batch = [];
    }
    if (n >= total) break;
  }
  writeFileSync(join(dir, 'done'), String(n));
}

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
// CPU time of the process (all threads, GC helpers included): on a shared machine it is less
// disturbed by other jobs than wall time, so the ratio is also reported by CPU time.
const cpuSeconds = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const gc = () => globalThis.gc?.();

if (!existsSync(join(dir, 'done'))) {
  const t0 = process.hrtime.bigint();
  generate();
  console.error(`generated ${total} events in ${seconds(t0).toFixed(1)} s`);
}
const files = readdirSync(dir).filter((f) => f.endsWith('.json.gz')).sort();
const bytes = files.reduce((s, f) => s + readFileSync(join(dir, f)).length, 0);

// Floor: gunzip + JSON.parse.
gc();
let t0 = process.hrtime.bigint();
let c0 = process.cpuUsage();
let floorEvents = 0;
if (only !== 'detection') for (const f of files) floorEvents += JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString('utf8')).Records.length;
const floorSeconds = seconds(t0);
const floorCpu = cpuSeconds(c0);

// Detection: the same reading plus the engine, memory sampled as events grow.
const { rules } = loadRules([BUILTIN_RULES_DIR]);
const run = createDetection({ rules, geo: traffic.geo });
const memory = [];
let seen = 0;
// Memory samples (after a forced GC) at these event counts and at the end; peak RSS is the
// process's high-water mark so far.
const marks = [1_000_000, 2_000_000, 3_000_000, 5_000_000, 8_000_000];
let next = marks.shift() ?? Infinity;
const sample = () => ({
  events: seen,
  heapMB: +(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1),
  rssMB: +(process.memoryUsage().rss / 2 ** 20).toFixed(1),
  peakRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
});
gc();
t0 = process.hrtime.bigint();
c0 = process.cpuUsage();
for (const f of only === 'floor' ? [] : files) {
  const records = JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString('utf8')).Records;
  for (let i = 0; i < records.length; i++) {
    run.observe(records[i]);
    if (++seen === next) {
      gc();
      memory.push(sample());
      next = marks.shift() ?? Infinity;
    }
  }
}
const result = run.finish();
const detectSeconds = seconds(t0);
const detectCpu = cpuSeconds(c0);
gc();
memory.push(sample());

console.log(
  JSON.stringify(
    {
      events: seen,
      files: files.length,
      gzipMB: +(bytes / 2 ** 20).toFixed(1),
      floor: { seconds: +floorSeconds.toFixed(2), cpuSeconds: +floorCpu.toFixed(2), eventsPerSecond: Math.round(floorEvents / floorSeconds) },
      detection: { seconds: +detectSeconds.toFixed(2), cpuSeconds: +detectCpu.toFixed(2), eventsPerSecond: Math.round(seen / detectSeconds) },
      ratioToFloor: +((seen / detectSeconds) / (floorEvents / floorSeconds)).toFixed(3),
      ratioToFloorCpu: +((seen / detectCpu) / (floorEvents / floorCpu)).toFixed(3),
      loadAverage: os.loadavg().map((x) => +x.toFixed(1)),
      memory,
      entities: result.stats.entities,
      findings: result.findings.length,
      snapshotKB: Math.round(JSON.stringify(result.snapshot).length / 1024),
      node: process.version,
    },
    null,
    2,
  ),
);
