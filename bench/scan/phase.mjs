// One measured phase of bench/scan, run in its own process so that its peak RSS is its own.
//   node bench/scan/phase.mjs <gunzip|floor|read|inventory|scan-inventory|scan> <dataDir> [scanNowIso]
// Prints one JSON line: { phase, seconds, cpuSeconds, ...counts, maxRssBytes, heapPeakBytes }.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';

const [phase, dir, nowArg] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
// The generated events span 2024-05-01 to 2024-05-15; the scan runs "the next day" (or as told).
const SCAN_NOW = new Date(nowArg ?? '2024-05-16T00:00:00Z');

function listFiles(d) {
  const out = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

// Heap in use, sampled whenever the event loop turns (at most every 100 ms): a lower bound of the
// true peak, since a long synchronous stretch (policy evaluation) is not sampled inside.
let heapPeak = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const h = process.memoryUsage().heapUsed;
  if (h > heapPeak) heapPeak = h;
}, 100);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let result;
if (phase === 'floor' || phase === 'gunzip') {
  // The floor: gunzip each file and JSON.parse the whole document (what any reader must at least do).
  let records = 0;
  let bytes = 0;
  let decompressedBytes = 0;
  for (const f of listFiles(join(dir, 'logs'))) {
    const gz = readFileSync(f);
    bytes += gz.length;
    const text = gunzipSync(gz);
    decompressedBytes += text.length;
    if (phase === 'floor') records += JSON.parse(text.toString('utf8')).Records.length;
  }
  result = { records, bytes, decompressedBytes };
} else if (phase === 'read') {
  // The reader as the scan uses it: files merged in event time, reorder window, dedupe.
  const { readLogsInTimeOrder } = await import(new URL('logs/index.js', dist));
  const { batches, result: done } = readLogsInTimeOrder([join(dir, 'logs')]);
  let n = 0;
  for await (const b of batches) n += b.length;
  const r = await done;
  result = { events: n, ...r.stats, order: r.order, gaps: r.gaps.length };
} else if (phase === 'inventory') {
  const { readInventory } = await import(new URL('inventory/index.js', dist));
  const { inventory, input } = await readInventory(join(dir, 'inventory.json'));
  result = { keys: inventory.keys.length, bytes: input.bytes };
} else if (phase === 'scan' || phase === 'scan-inventory') {
  // The whole scan as `keywarden scan --inventory ... --logs ... --format json,sarif` runs it:
  // inventory, built-in policies, usage, detectors, JSON and SARIF reports (no state file).
  const { runScan } = await import(new URL('pipeline/scan.js', dist));
  const out = mkdtempSync(join(tmpdir(), 'keywarden-bench-scan-out-'));
  const r = await runScan({
    cwd: dir,
    inventories: [join(dir, 'inventory.json')],
    ...(phase === 'scan' ? { logs: [join(dir, 'logs')] } : {}),
    state: false,
    formats: ['json', 'sarif'],
    outDir: out,
    failOn: 'none',
    clock: { now: () => SCAN_NOW },
  });
  const findings = {};
  for (const f of r.report.findings) findings[f.kind] = (findings[f.kind] ?? 0) + 1;
  const reportBytes = Object.fromEntries(r.written.map((w) => [w.format, w.bytes]));
  const gapCodes = {};
  for (const g of r.report.gaps) gapCodes[g.code] = (gapCodes[g.code] ?? 0) + 1;
  result = { keys: r.report.coverage.keys, events: r.report.coverage.events, findings, gapCodes, reportBytes };
  rmSync(out, { recursive: true, force: true });
} else {
  throw new Error(`unknown phase ${phase}`);
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ phase, seconds, cpuSeconds, ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024, heapPeakBytes: heapPeak }));
