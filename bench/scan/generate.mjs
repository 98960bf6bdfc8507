// Generates the offline scan benchmark data set (never committed): an inventory snapshot of K keys and
// N CloudTrail events as gzip files laid out like a trail's S3 delivery
// (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<id>.json.gz).
// Deterministic for a given size and seed. About 10 % of records are other services (skipped by the
// reader), 0.1 % are re-deliveries of an earlier event (same eventID).
//   node bench/scan/generate.mjs --events 1000000 --keys 100000 --dir /tmp/kw-bench
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const ACCOUNTS = ['111122223333', '444455556666'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const START = Date.parse('2024-05-01T00:00:00Z');
const SPAN_MS = 14 * 86_400_000;

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hex = (n, width) => n.toString(16).padStart(width, '0');
const uuid = (i, salt) => `${hex(i, 8)}-${hex(salt & 0xffff, 4)}-4${hex((i >>> 4) & 0xfff, 3)}-8${hex(i & 0xfff, 3)}-${hex(i * 2654435761 >>> 0, 8)}${hex(salt, 4)}`.slice(0, 36);

export function keyArn(i) {
  const account = ACCOUNTS[i % 2];
  const region = REGIONS[(i >>> 1) % 2];
  return { account, region, arn: `arn:aws:kms:${region}:${account}:key/${uuid(i, 0xbeef)}` };
}

export function inventory(keys) {
  const records = [];
  for (let i = 0; i < keys; i++) {
    const { account, region, arn } = keyArn(i);
    records.push({
      ref: { provider: 'aws', account, region, type: 'kms-key', id: arn, name: `alias/app-${i}` },
      provider: 'aws', account, region, id: arn, name: `alias/app-${i}`, aliases: [`alias/app-${i}`],
      manager: 'customer', purpose: 'encrypt-decrypt', usage: ['ENCRYPT_DECRYPT'], keyType: 'symmetric', spec: 'SYMMETRIC_DEFAULT', sizeBits: 256,
      origin: 'generated', protectionLevel: 'hsm', state: i % 97 === 0 ? 'disabled' : 'enabled', rawState: i % 97 === 0 ? 'Disabled' : 'Enabled', enabled: i % 97 !== 0,
      createdAt: new Date(START - (i % 1000) * 86_400_000).toISOString(),
      rotation: { enabled: i % 3 !== 0, supported: true, periodDays: 365 },
      tags: { owner: `team-${i % 40}`, env: i % 2 ? 'prod' : 'dev' },
      access: [
        { effect: 'allow', principals: [`arn:aws:iam::${account}:root`], actions: ['kms:*'], source: 'key-policy', sid: 'Enable IAM User Permissions' },
        { effect: 'allow', principals: rolesOfKey(i).map((r) => `arn:aws:iam::${account}:role/app-${r}`), actions: ['kms:Decrypt', 'kms:GenerateDataKey'], source: 'key-policy' },
      ],
    });
  }
  return {
    schemaVersion: 1, tool: { name: 'keywarden', version: 'bench' }, collectedAt: new Date(START + SPAN_MS).toISOString(),
    scope: { providers: ['aws'], accounts: ACCOUNTS, regions: REGIONS }, keys: records, containers: [], logging: [], gaps: [],
  };
}

const KMS_OPS = [['Decrypt', 50], ['GenerateDataKey', 25], ['Encrypt', 10], ['DescribeKey', 5], ['GenerateDataKeyWithoutPlaintext', 4], ['ReEncrypt', 2], ['Sign', 2], ['CreateGrant', 1], ['ListAliases', 1]];
const OTHER = [['sts.amazonaws.com', 'AssumeRole'], ['s3.amazonaws.com', 'GetObject'], ['ec2.amazonaws.com', 'DescribeInstances']];
const pickWeighted = (table, r) => {
  let x = r * table.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[0][0];
};

// Who calls a key, and from where, as in a real estate: each key is used by a few application roles
// (its own plus two shared ones), each role calls from a handful of addresses (its instances).
const ROLES = 2000;
const rolesOfKey = (keyIdx) => [keyIdx % ROLES, (keyIdx * 7 + 1) % ROLES, (keyIdx * 13 + 5) % ROLES];
const ipOf = (roleIdx, k) => `198.51.${roleIdx % 100}.${(Math.floor(roleIdx / 100) * 10 + k) % 250}`;

function record(n, fileIdx, account, region, keyCount, r, timeMs) {
  const other = r() < 0.1;
  // Zipf-like key popularity inside this account/region's quarter of the keys.
  const keyIdx = (Math.floor(Math.pow(r(), 3) * (keyCount / 4)) * 4 + ACCOUNTS.indexOf(account) + 2 * REGIONS.indexOf(region)) % keyCount;
  const roles = rolesOfKey(keyIdx);
  const roleIdx = other ? Math.floor(r() * ROLES) : roles[Math.floor(r() * roles.length)];
  const identity = {
    type: 'AssumedRole', principalId: `AROAEXAMPLE${hex(roleIdx, 6)}:session-${roleIdx % 50}`, arn: `arn:aws:sts::${account}:assumed-role/app-${roleIdx}/session-${roleIdx % 50}`,
    accountId: account, accessKeyId: `ASIA${hex(n, 16).toUpperCase()}`,
    sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROAEXAMPLE${hex(roleIdx, 6)}`, arn: `arn:aws:iam::${account}:role/app-${roleIdx}`, accountId: account, userName: `app-${roleIdx}` }, attributes: { creationDate: new Date(timeMs - 3_600_000).toISOString().replace('.000', ''), mfaAuthenticated: 'false' } },
  };
  const ip = ipOf(roleIdx, Math.floor(r() * 4));
  const eventTime = new Date(timeMs).toISOString().replace('.000', '');
  const eventID = `${hex(fileIdx, 8)}-${hex(n & 0xffff, 4)}-4000-8000-${hex(n, 12)}`;
  if (other) {
    const [source, name] = OTHER[Math.floor(r() * OTHER.length)];
    return { eventVersion: '1.09', userIdentity: identity, eventTime, eventSource: source, eventName: name, awsRegion: region, sourceIPAddress: ip, userAgent: 'aws-sdk-java/2.25.0', requestParameters: { roleArn: `arn:aws:iam::${account}:role/app-${roleIdx}`, roleSessionName: `session-${roleIdx % 50}` }, responseElements: null, requestID: uuid(n, 0x1234), eventID, readOnly: true, eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: account, eventCategory: 'Management' };
  }
  const key = keyArn(keyIdx).arn;
  const eventName = pickWeighted(KMS_OPS, r());
  const denied = r() < 0.002;
  return {
    eventVersion: '1.09', userIdentity: identity, eventTime, eventSource: 'kms.amazonaws.com', eventName, awsRegion: region, sourceIPAddress: ip,
    userAgent: 'aws-sdk-java/2.25.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.9', ...(denied ? { errorCode: 'AccessDenied', errorMessage: 'not authorized' } : {}),
    requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', keyId: key, encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::bucket-${roleIdx}/obj-${n % 1000}` } },
    responseElements: null, requestID: uuid(n, 0x5678), eventID, readOnly: true,
    resources: [{ accountId: account, type: 'AWS::KMS::Key', ARN: key }], eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: account, eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `kms.${region}.amazonaws.com` },
  };
}

// Beyond `distinct` events, files are copies of earlier ones with new event ids (building records is
// the slow part of generation; gunzip + id rewrite + gzip is several times faster). Times repeat, so
// the dedupe window holds as many ids per day as a real trail with that volume would.
export async function generate({ dir, events, keys, perFile = 10_000, seed = 42, distinct = 1_000_000, log = () => {} }) {
  mkdirSync(dir, { recursive: true });
  const inv = inventory(keys);
  writeFileSync(join(dir, 'inventory.json'), JSON.stringify(inv, null, 2) + '\n');
  const r = rng(seed);
  const files = Math.ceil(events / perFile);
  let written = 0;
  let rawBytes = 0;
  let gzBytes = 0;
  const inflight = [];
  const paths = [];
  for (let f = 0; f < files; f++) {
    const account = ACCOUNTS[f % 2];
    const region = REGIONS[(f >>> 1) % 2];
    const count = Math.min(perFile, events - written);
    const distinctFiles = Math.ceil(Math.min(distinct, events) / perFile);
    const fileStart = START + Math.floor(((f % distinctFiles) / distinctFiles) * SPAN_MS);
    if (f >= distinctFiles) {
      if (f === distinctFiles) await Promise.all(inflight.splice(0));
      const orig = f % distinctFiles;
      const source = paths[orig];
      const text = gunzipSync(readFileSync(source)).toString('utf8').replaceAll(`"eventID":"${hex(orig, 8)}-`, `"eventID":"${hex(f, 8)}-`);
      const copyCount = text.split('"eventID":"').length - 1;
      written += copyCount;
      rawBytes += text.length;
      const path = source.replace(/_[0-9a-f]{8}\.json\.gz$/, `_${hex(f, 8)}.json.gz`);
      inflight.push(gzipAsync(text).then((gz) => { gzBytes += gz.length; writeFileSync(path, gz); }));
      if (inflight.length >= 2) await inflight.shift();
      if (f % 100 === 0) log(`  ${written.toLocaleString('en')} / ${events.toLocaleString('en')} records (copies)`);
      continue;
    }
    const step = SPAN_MS / files / count;
    const recs = [];
    for (let i = 0; i < count; i++) {
      if (i > 0 && r() < 0.001) recs.push(recs[i - 1]); // a re-delivery: same eventID
      else recs.push(record(written + i, f, account, region, keys, r, Math.floor(fileStart + i * step)));
    }
    written += count;
    const text = JSON.stringify({ Records: recs });
    rawBytes += text.length;
    const d = new Date(fileStart);
    const stamp = d.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
    const path = join(dir, 'logs', 'AWSLogs', account, 'CloudTrail', region, d.toISOString().slice(0, 4), d.toISOString().slice(5, 7), d.toISOString().slice(8, 10), `${account}_CloudTrail_${region}_${stamp}_${hex(f, 8)}.json.gz`);
    mkdirSync(dirname(path), { recursive: true });
    paths.push(path);
    inflight.push(gzipAsync(text).then((gz) => { gzBytes += gz.length; writeFileSync(path, gz); }));
    if (inflight.length >= 2) await inflight.shift();
    if (f % 100 === 0) log(`  ${written.toLocaleString('en')} / ${events.toLocaleString('en')} events`);
  }
  await Promise.all(inflight);
  const meta = { events, records: written, keys, perFile, seed, distinct: Math.min(distinct, events), files, rawBytes, gzBytes };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  return meta;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
  const meta = await generate({ dir: arg('dir', '/tmp/keywarden-bench-scan'), events: Number(arg('events', 200_000)), keys: Number(arg('keys', 100_000)), distinct: Number(arg('distinct', 1_000_000)), log: console.log });
  console.log(meta);
}
