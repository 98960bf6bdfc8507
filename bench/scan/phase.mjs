// One measured phase of bench/scan, run in its own process so that its peak RSS is its own.
//   node bench/scan/phase.mjs <floor|gunzip|read|inventory> <dataDir>
// Prints one JSON line: { phase, seconds, ...counts, maxRssBytes }.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';

const [phase, dir] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);

function listFiles(d) {
  const out = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

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
  const { readLogs } = await import(new URL('logs/index.js', dist));
  const { events, result: done } = readLogs([join(dir, 'logs')]);
  let n = 0;
  for await (const e of events) if (e.eventId) n++;
  const r = await done;
  result = { events: n, ...r.stats, gaps: r.gaps.length };
} else if (phase === 'inventory') {
  const { readInventory } = await import(new URL('inventory/index.js', dist));
  const { inventory, input } = await readInventory(join(dir, 'inventory.json'));
  result = { keys: inventory.keys.length, bytes: input.bytes };
} else {
  throw new Error(`unknown phase ${phase}`);
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ phase, seconds, cpuSeconds, ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
