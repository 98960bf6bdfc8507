// bench/aws: collectAws over N keys in 3 Regions behind a local KMS with 20 ms latency per call and
// KMS-like request quotas. Reports wall time against the lower bound the quotas impose (successful
// calls per operation / quota, slowest operation, Regions in parallel). Needs `npm run build`.
//   node bench/aws/run.mjs [--keys 10000] [--latency 20]
// Measured 2026-11-28 on the shared 2-core dev machine (load ~4.7): 1,500 keys -> 17.9 s against a
// 5.0 s quota bound (3.6x), 0 throttled. The collector is CPU-bound there: ~1.45 ms of SDK v3 CPU per
// call (smithy serde, endpoint rules, SigV4, retry bookkeeping; see --cpu-prof), 7 calls per key.
import { existsSync } from 'node:fs';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { quotaLowerBound } from './server.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const totalKeys = arg('keys', 10_000);
const latencyMs = arg('latency', 20);
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
child.send({ start: { keysPerRegion, regions, latencyMs } });
const [{ url }] = await once(child, 'message');
const started = performance.now();
const cpuStart = process.cpuUsage();
const out = await collectAws(
  { regions, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, endpoint: url, trails: false, iam: false },
  { clock: { now: () => new Date() } },
);
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
child.send({ stop: true });
const [stats] = await once(child, 'message');
const server = { counts: new Map(stats.counts), throttled: stats.throttled };
// server.counts holds successful calls only: throttled ones are the collector's overhead, not the quota's.
const bound = quotaLowerBound(server.counts, regions);
console.log(`keys collected     ${out.keys.length} (${keysPerRegion} per Region x ${regions.length}), gaps ${out.gaps.length}`);
console.log(`successful calls   ${[...server.counts.values()].reduce((a, b) => a + b, 0)}, throttled ${server.throttled}`);
console.log(`wall time          ${wall.toFixed(2)} s (collector process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; server in a child process)`);
console.log(`quota lower bound  ${bound.toFixed(2)} s (slowest operation per Region at its quota)`);
console.log(`ratio              ${(wall / bound).toFixed(2)}x (goal <= 1.30x)`);
