// bench/aws local KMS: AWS JSON 1.1 on 127.0.0.1 with a fixed latency per call and KMS-like request
// quotas (a token bucket per Region and operation; over quota -> 400 ThrottlingException), plus STS
// GetCallerIdentity (awsQuery XML). Keys are synthetic: symmetric customer keys with one alias,
// two grants and two tags each.
import http from 'node:http';

export const QUOTAS = { DescribeKey: 2000, GetKeyPolicy: 1000, GetKeyRotationStatus: 1000, ListAliases: 500, ListKeys: 500, ListGrants: 100 };
export const DEFAULT_QUOTA = 100;
const ACCOUNT = '111122223333';
const CONSTANT_REPLIES = new Set(['DescribeCustomKeyStores', 'ListKeyRotations', 'GetKeyPolicy', 'ListResourceTags', 'GetKeyLastUsage']);

export async function startBenchServer({ keysPerRegion, latencyMs, quotaScale = 1, now = () => performance.now() }) {
  const buckets = new Map();
  /** Successful calls per `<region>/<operation>`. */
  const counts = new Map();
  let throttled = 0;
  const take = (region, op) => {
    const rate = (QUOTAS[op] ?? DEFAULT_QUOTA) * quotaScale;
    // A tenth of a second's worth of burst, at least 3 requests (network jitter bunches arrivals).
    const capacity = Math.max(3, rate / 10);
    const key = `${region}/${op}`;
    const t = now();
    const b = buckets.get(key) ?? { tokens: capacity, at: t };
    b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * rate);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
  const arn = (region, i) => `arn:aws:kms:${region}:${ACCOUNT}:key/bench-${i}`;
  const page = (items, body, member) => {
    const start = Number(body.Marker ?? 0);
    const limit = body.Limit ?? 100;
    const more = start + limit < items.length;
    return { [member]: items.slice(start, start + limit), Truncated: more, ...(more ? { NextMarker: String(start + limit) } : {}) };
  };
  const keyIndex = (body) => Number(String(body.KeyId).split('bench-')[1]);
  const handlers = {
    ListKeys: (b, r) => page(Array.from({ length: keysPerRegion }, (_, i) => ({ KeyId: `bench-${i}`, KeyArn: arn(r, i) })), b, 'Keys'),
    ListAliases: (b, r) => page(Array.from({ length: keysPerRegion }, (_, i) => ({ AliasName: `alias/bench-${i}`, AliasArn: `arn:aws:kms:${r}:${ACCOUNT}:alias/bench-${i}`, TargetKeyId: `bench-${i}` })), b, 'Aliases'),
    DescribeCustomKeyStores: () => ({ CustomKeyStores: [], Truncated: false }),
    DescribeKey: (b, r) => ({ KeyMetadata: { AWSAccountId: ACCOUNT, KeyId: `bench-${keyIndex(b)}`, Arn: arn(r, keyIndex(b)), CreationDate: 1.7e9, Enabled: true, KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', MultiRegion: false } }),
    GetKeyRotationStatus: (b) => ({ KeyRotationEnabled: keyIndex(b) % 2 === 0, RotationPeriodInDays: 365 }),
    ListKeyRotations: () => ({ Rotations: [], Truncated: false }),
    GetKeyPolicy: () => ({ PolicyName: 'default', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] }) }),
    ListGrants: (b) => ({ Grants: [0, 1].map((g) => ({ GrantId: `g${keyIndex(b)}-${g}`, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`, Operations: ['Decrypt'] })), Truncated: false }),
    ListResourceTags: () => ({ Tags: [{ TagKey: 'owner', TagValue: 'bench' }, { TagKey: 'env', TagValue: 'prod' }], Truncated: false }),
    GetKeyLastUsage: () => ({ TrackingStartDate: 1.7e9 }),
  };
  // Every reply waits latencyMs: one timer for the queue of due replies (they fall due in arrival order)
  // instead of one timer per request, so that the server's own CPU per call stays small next to the collector's.
  const due = [];
  let timer;
  const flush = () => {
    timer = undefined;
    const t = now();
    let i = 0;
    while (i < due.length && due[i].at <= t) due[i++].send();
    due.splice(0, i);
    if (due.length > 0) timer = setTimeout(flush, Math.max(0, due[0].at - now()));
  };
  const delay = (send) => {
    due.push({ at: now() + latencyMs, send });
    timer ??= setTimeout(flush, latencyMs);
  };
  // Answers that do not depend on the request, serialised once.
  const constant = new Map();
  const serialise = (op, body, region) => {
    if (!CONSTANT_REPLIES.has(op)) return JSON.stringify(handlers[op](body, region));
    let text = constant.get(op);
    if (text === undefined) constant.set(op, (text = JSON.stringify(handlers[op](body, region))));
    return text;
  };
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
      let status = 200;
      let type = 'application/x-amz-json-1.1';
      let out;
      if (String(req.headers['content-type']).includes('x-www-form-urlencoded')) {
        type = 'text/xml';
        out = `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/bench</Arn><UserId>AIDA</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>b</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
      } else {
        const op = String(req.headers['x-amz-target']).split('.')[1];
        if (!take(region, op)) {
          throttled += 1;
          status = 400;
          out = JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' });
        } else {
          counts.set(`${region}/${op}`, (counts.get(`${region}/${op}`) ?? 0) + 1);
          out = serialise(op, JSON.parse(text || '{}'), region);
        }
      }
      delay(() => {
        res.writeHead(status, { 'content-type': type });
        res.end(out);
      });
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts,
    get throttled() {
      return throttled;
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/** Seconds the quotas force: per Region, the slowest operation's calls / quota; Regions run in parallel. */
export function quotaLowerBound(counts, regions, quotaScale = 1) {
  let bound = 0;
  for (const region of regions) {
    for (const [key, n] of counts) {
      const [r, op] = key.split('/');
      if (r === region) bound = Math.max(bound, n / ((QUOTAS[op] ?? DEFAULT_QUOTA) * quotaScale));
    }
  }
  return bound;
}

// Run as a child process (`fork`) so that the server's CPU does not count against the collector:
// receives { start: options }, replies { url }; on { stop } replies { counts, throttled } and exits.
if (process.send !== undefined && process.argv[2] === '--child') {
  let server;
  process.on('message', async (msg) => {
    if (msg.start) {
      server = await startBenchServer(msg.start);
      process.send({ url: server.url });
    } else if (msg.stop) {
      const reply = { counts: [...server.counts], throttled: server.throttled, cpu: process.cpuUsage() };
      await server.close();
      process.send(reply, () => process.exit(0));
    }
  });
}
