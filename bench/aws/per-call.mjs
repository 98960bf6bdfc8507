// bench/aws/per-call.mjs: CPU per call of one guarded, tuned KMS client (keywarden's kmsClient) against
// the bench server with no latency and no binding quota, next to the same calls (DescribeKey and
// ListGrants, alternating) SigV4-signed by hand over a keep-alive http.Agent: the floor without the SDK.
// Needs `npm run build` (or KEYWARDEN_DIST). The server runs in a child process; its CPU is not counted.
//   node bench/aws/per-call.mjs [--calls 6000]
import crypto from 'node:crypto';
import http from 'node:http';
import { fork } from 'node:child_process';
import { once } from 'node:events';

const i = process.argv.indexOf('--calls');
const calls = i > 0 ? Number(process.argv[i + 1]) : 6000;
const concurrency = 32;
const region = 'eu-west-1';
const dist = process.env.KEYWARDEN_DIST ? new URL(`file://${process.env.KEYWARDEN_DIST}/`) : new URL('../../dist/', import.meta.url);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { kmsClient } = await import(new URL('collectors/aws/clients.js', dist).href);
const { DescribeKeyCommand, ListGrantsCommand } = await import('@aws-sdk/client-kms');

const child = fork(new URL('./server.mjs', import.meta.url), ['--child']);
child.send({ start: { keysPerRegion: 1000, regions: [region], latencyMs: 0, quotaScale: 1000 } });
const [{ url }] = await once(child, 'message');

const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };
const client = kmsClient({ region, credentials, endpoint: url, retryMode: 'standard' });
const viaSdk = (op, input) => client.send(op === 'DescribeKey' ? new DescribeKeyCommand(input) : new ListGrantsCommand(input));

const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest();
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');
let signingDay;
let signingKey;
function viaHand(op, input) {
  const body = JSON.stringify(input);
  const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  if (day !== signingDay) {
    signingDay = day;
    signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), 'kms'), 'aws4_request');
  }
  const headers = { 'content-type': 'application/x-amz-json-1.1', host: target.host, 'x-amz-date': amzDate, 'x-amz-target': `TrentService.${op}` };
  const names = Object.keys(headers).sort();
  const canonical = `POST\n/\n\n${names.map((n) => `${n}:${headers[n]}\n`).join('')}\n${names.join(';')}\n${sha256(body)}`;
  const scope = `${day}/${region}/kms/aws4_request`;
  const signature = crypto.createHmac('sha256', signingKey).update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(canonical)}`).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, method: 'POST', path: '/', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(send, n) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const k = next++ % 1000;
      await (next % 2 ? send('ListGrants', { KeyId: `bench-${k}`, Limit: 100 }) : send('DescribeKey', { KeyId: `bench-${k}` }));
    }
  }));
}

for (const [name, send] of [['keywarden kmsClient (SDK)', viaSdk], ['hand-signed, no SDK', viaHand]]) {
  await run(send, 2000); // warm-up
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(send, calls);
  const used = process.cpuUsage(cpu);
  console.log(`${name.padEnd(26)} ${calls} calls, ${((performance.now() - started) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1000 / calls).toFixed(3)} ms CPU per call`);
}
client.destroy();
agent.destroy();
child.send({ stop: true });
await once(child, 'message');
