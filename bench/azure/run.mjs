// bench/azure: collectAzure over N keys in V vaults behind the local HTTPS server (ARM + one data plane
// per vault, Key Vault challenge authentication) with a fixed latency per reply. Reports wall time,
// CPU time and the requests the server received, by kind. Needs `npm run build`.
//   node bench/azure/run.mjs [--keys 5000] [--vaults 10] [--latency 20] [--vault-concurrency 4] [--key-concurrency 16]
import { existsSync } from 'node:fs';
import { fork } from 'node:child_process';
import { once } from 'node:events';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const keys = arg('keys', 5000);
const vaults = arg('vaults', 10);
const latencyMs = arg('latency', 20);
const vaultConcurrency = arg('vault-concurrency', 4);
const keyConcurrency = arg('key-concurrency', 16);
const dist = process.env.KEYWARDEN_DIST ? new URL(`file://${process.env.KEYWARDEN_DIST}/`) : new URL('../../dist/', import.meta.url);
if (!existsSync(new URL('collectors/azure/index.js', dist))) {
  console.error('bench/azure needs a build: run `npm run build` first.');
  process.exit(2);
}
const { collectAzure } = await import(new URL('collectors/azure/index.js', dist).href);
const { silentProgress } = await import(new URL('collectors/progress.js', dist).href);

const child = fork(new URL('./server-child.mjs', import.meta.url));
child.send({ start: { keys, vaults, latencyMs } });
const [endpoints] = await once(child, 'message');
// A stub credential: tokens are not what is measured (DefaultAzureCredential caches them anyway).
const credential = { getToken: async () => ({ token: 'bench', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const started = performance.now();
const cpu = process.cpuUsage();
const r = await collectAzure(
  { credential, armEndpoint: endpoints.armEndpoint, logsEndpoint: endpoints.logsEndpoint, ca: endpoints.ca, localVaults: true, subscriptions: ['6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5'], vaultConcurrency, keyConcurrency },
  { clock: { now: () => new Date() }, progress: silentProgress },
);
const wallMs = performance.now() - started;
const cpuUsed = process.cpuUsage(cpu);
child.send({ stats: true });
const [{ stats }] = await once(child, 'message');
child.send({ stop: true });
const perKeyLatencyBound = (keys / (vaultConcurrency * keyConcurrency)) * latencyMs; // 3 requests per key run in parallel
console.log(JSON.stringify({
  keys: r.keys.length, vaults: r.containers.length, gaps: r.gaps.length, latencyMs, vaultConcurrency, keyConcurrency,
  wallSeconds: +(wallMs / 1000).toFixed(2), collectorCpuSeconds: +((cpuUsed.user + cpuUsed.system) / 1e6).toFixed(2),
  latencyBoundSeconds: +(perKeyLatencyBound / 1000).toFixed(2), requests: stats.total, requestsByKind: stats.byKind, writes: stats.writes,
  requestsPerSecond: Math.round(stats.total / (wallMs / 1000)),
}, null, 2));
if (r.keys.length !== keys || r.gaps.length > 0 || stats.writes > 0) process.exit(1);
