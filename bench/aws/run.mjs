// bench/aws: collectAws over N keys in 3 Regions behind a local KMS with 20 ms latency per call and
// KMS-like request quotas. Reports wall time against the lower bound the quotas impose (successful
// calls per operation / quota, slowest operation, Regions in parallel). Needs `npm run build`.
//   node bench/aws/run.mjs [--keys 10000] [--latency 20] [--quota-scale 1] [--no-workers]
// See also per-call.mjs: CPU per call of one client, with and without the SDK.
// Measured 2026-11-28 on the shared 2-core dev machine, load average 17-22: 10,000 keys -> 70,221
// calls, 0 throttled, quota bound 33.3 s, wall 1189 s (35.7x) with 103.8 s of collector CPU
// (1.48 ms per call; the process got 10% of a core). The CPU alone is 3.1x the bound on one core:
// the SDK's per-call work (middleware, serde, SigV4, endpoint rules), socket writes and GC. See
// docs/aws.md "Speed". Final build, load 15.7: 263 s (7.9x), 90.6 s CPU (1.29 ms/call), 0 throttled.
// Cached middleware stacks, load 9-11: 191 s (5.7x, 1.24 ms/call); plus a worker per Region: 117 s (3.5x); at load 6: 71 s (2.1x).
// 2026-11-29, tuned clients (client-config.ts), load 5-11: 94.8 s (2.84x) best, final build 130.6-164.8 s;
// 1.03-1.23 ms/call vs 1.38 for the previous build at the same load. The server's CPU is printed too (~0.2 ms/call).
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { DEFAULT_QUOTA, QUOTAS, quotaLowerBound } from './server.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const totalKeys = arg('keys', 10_000);
const latencyMs = arg('latency', 20);
// --quota-scale 0.05: quotas (server and collector alike, as after a quota change) at 5%, so that the
// quotas bind rather than the CPU: shows whether the pacing reaches the bound.
const quotaScale = arg('quota-scale', 1);
// --no-workers: every Region in the main thread (collectAws option kmsWorkers: false; default a worker per Region).
const kmsWorkers = !process.argv.includes('--no-workers');
const regions = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
// KEYWARDEN_DIST points at another build output (default ../../dist).
const dist = process.env.KEYWARDEN_DIST ? new URL(`file://${process.env.KEYWARDEN_DIST}/`) : new URL('../../dist/', import.meta.url);
if (!existsSync(new URL('collectors/aws/index.js', dist))) {
  console.error('bench/aws needs a build: run `npm run build` first.');
  process.exit(2);
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { collectAws } = await import(new URL('collectors/aws/index.js', dist).href);
const keysPerRegion = Math.ceil(totalKeys / regions.length);
const child = fork(new URL('./server.mjs', import.meta.url), ['--child']);
child.send({ start: { keysPerRegion, regions, latencyMs, quotaScale } });
const [{ url }] = await once(child, 'message');
const started = performance.now();
const cpuStart = process.cpuUsage();
const out = await collectAws(
  { regions, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, endpoint: url, trails: false, iam: false, kmsWorkers, ...(quotaScale !== 1 ? { kmsRates: scaledRates(quotaScale) } : {}) },
  { clock: { now: () => new Date() } },
);
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
child.send({ stop: true });
const [stats] = await once(child, 'message');
const server = { counts: new Map(stats.counts), throttled: stats.throttled };
// server.counts holds successful calls only: throttled ones are the collector's overhead, not the quota's.
const bound = quotaLowerBound(server.counts, regions, quotaScale);
console.log(`keys collected     ${out.keys.length} (${keysPerRegion} per Region x ${regions.length}), gaps ${out.gaps.length}`);
console.log(`successful calls   ${[...server.counts.values()].reduce((a, b) => a + b, 0)}, throttled ${server.throttled}`);
console.log(`wall time          ${wall.toFixed(2)} s (collector process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s incl. workers; server in a child process${kmsWorkers ? '; a worker per Region' : ''})`);
console.log(`quota lower bound  ${bound.toFixed(2)} s (slowest operation per Region at its quota)`);
console.log(`ratio              ${(wall / bound).toFixed(2)}x (goal <= 1.30x)`);
// Where the time goes when the ratio is high: the collector's own CPU per call, and the floor that CPU
// sets on one core. Wall far above both means the process was starved by other load (see loadavg).
const calls = [...server.counts.values()].reduce((a, b) => a + b, 0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const serverCpu = stats.cpu === undefined ? NaN : (stats.cpu.user + stats.cpu.system) / 1e6;
console.log(`bench server CPU   ${serverCpu.toFixed(1)} s (${((1000 * serverCpu) / calls).toFixed(2)} ms per call, whole server process)`);
console.log(`cpu per call       ${((1000 * cpuSeconds) / calls).toFixed(2)} ms; one-core CPU floor ${cpuSeconds.toFixed(1)} s = ${(cpuSeconds / bound).toFixed(2)}x the bound; loadavg ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);

function scaledRates(scale) {
  const ops = ['ListKeys', 'ListAliases', 'DescribeCustomKeyStores', 'DescribeKey', 'GetKeyRotationStatus', 'ListKeyRotations', 'GetKeyPolicy', 'ListGrants', 'ListResourceTags', 'GetKeyLastUsage'];
  return Object.fromEntries(ops.map((op) => [op, (QUOTAS[op] ?? DEFAULT_QUOTA) * scale]));
}
