// bench/gcp: collectGcp over N Cloud KMS keys behind the local Google Cloud REST server
// (test/support/gcp-server, transpiled on the fly and run in a child process) with a fixed latency
// per request. Reports wall time, requests by read RPC and what the latency alone would impose at
// the collector's concurrency. Needs `npm run build`.
//   node bench/gcp/run.mjs [--keys 5000] [--rings 50] [--latency 20] [--concurrency 16]
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const totalKeys = arg('keys', 5000);
const rings = arg('rings', 50);
const latencyMs = arg('latency', 20);
const concurrency = arg('concurrency', 16);

/** The TypeScript server and estate as ES modules in a temporary folder (TypeScript is a dev dependency). */
async function loadServer() {
  const ts = (await import('typescript')).default;
  const dir = mkdtempSync(join(tmpdir(), 'kw-bench-gcp-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  for (const f of ['server', 'estate']) {
    const src = readFileSync(new URL(`../../test/support/gcp-server/${f}.ts`, import.meta.url), 'utf8');
    const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(dir, `${f}.js`), js);
  }
  return { server: await import(join(dir, 'server.js')), estate: await import(join(dir, 'estate.js')) };
}

if (process.argv.includes('--child')) {
  const { server, estate } = await loadServer();
  let s;
  process.on('message', async (m) => {
    if (m.start) {
      s = await server.startGcpServer(estate.syntheticEstate(m.start.keys, m.start.rings, Date.now()), { latencyMs: m.start.latencyMs });
      process.send({ url: s.url });
    } else if (m.stop) {
      const byPath = {};
      for (const r of s.requests) byPath[r.method] = (byPath[r.method] ?? 0) + 1;
      process.send({ requests: s.requests.length, byMethod: byPath });
      await s.close();
      process.exit(0);
    }
  });
} else {
  const dist = process.env.KEYWARDEN_DIST ? new URL(`file://${process.env.KEYWARDEN_DIST}/`) : new URL('../../dist/', import.meta.url);
  if (!existsSync(new URL('collectors/gcp/index.js', dist))) {
    console.error('bench/gcp needs a build: run `npm run build` first.');
    process.exit(2);
  }
  const { collectGcp } = await import(new URL('collectors/gcp/index.js', dist).href);
  const { parseEndpoint } = await import(new URL('collectors/gcp/endpoints.js', dist).href);
  const { OAuth2Client } = await import('google-auth-library');
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'bench', expiry_date: Date.now() + 3_600_000 });
  const child = fork(new URL(import.meta.url), ['--child']);
  child.send({ start: { keys: totalKeys, rings, latencyMs } });
  const [{ url }] = await once(child, 'message');
  const endpoints = { kms: parseEndpoint('kms', url), logging: parseEndpoint('logging', url), resourcemanager: parseEndpoint('resourcemanager', url) };
  const silent = { update() {}, end() {}, note() {}, close() {} };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const out = await collectGcp({ projects: ['bench-kms'], auth, endpoints, concurrency }, { env: {}, clock: { now: () => new Date() }, progress: silent });
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  child.send({ stop: true });
  const [stats] = await once(child, 'message');
  const sent = out.requests.requests;
  const bound = (sent * latencyMs) / concurrency / 1000;
  console.log(`keys collected     ${out.keys.length} in ${rings} key rings, gaps ${out.gaps.length}`);
  console.log(`requests           ${sent} sent (server saw ${stats.requests}), retries ${out.requests.retries}`);
  for (const [rpc, n] of Object.entries(out.requests.byRpc).sort()) console.log(`  ${rpc.padEnd(28)} ${n}`);
  console.log(`wall time          ${wall.toFixed(2)} s at concurrency ${concurrency}, ${latencyMs} ms latency (collector CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; server in a child process)`);
  console.log(`latency bound      ${bound.toFixed(2)} s (requests x latency / concurrency)`);
  console.log(`throughput         ${(out.keys.length / wall).toFixed(0)} keys/s, ${(sent / wall).toFixed(0)} requests/s`);
}
