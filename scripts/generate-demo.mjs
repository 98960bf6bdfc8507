#!/usr/bin/env node
// Writes the demo estate in examples/demo/: an inventory snapshot of ~60 keys across AWS, Azure,
// Google Cloud and a PKCS#11 token, two weeks of native usage logs with injected anomalies, and
// expectations.json (which policy must fire on which key, which traps must stay silent).
// Deterministic: a fixed seed and a fixed anchor time (2026-11-01T00:00:00Z); no wall clock.
//   node scripts/generate-demo.mjs [--out DIR]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import process from 'node:process';
import { ANCHOR, json, prng } from './demo-gen/common.mjs';
import { awsContainers, awsKeys, awsLogging, DEV, PROD } from './demo-gen/aws.mjs';
import { azureContainers, azureKeys, azureLogging, azureVaultId, AZURE_VAULTS, SUB } from './demo-gen/azure.mjs';
import { gcpContainers, gcpKeys, gcpLogging, PROJECT } from './demo-gen/gcp.mjs';
import { pkcs11Container, pkcs11Keys, TOKEN } from './demo-gen/pkcs11.mjs';
import { awsRecords } from './demo-gen/aws-logs.mjs';
import { azureRecords, gcpEntries } from './demo-gen/azure-gcp-logs.mjs';

const SEED = 20261101;
const here = dirname(fileURLToPath(import.meta.url));
const outIdx = process.argv.indexOf('--out');
const out = resolve(outIdx > 0 ? process.argv[outIdx + 1] : join(here, '..', 'examples', 'demo'));

const rng = prng(SEED);
const keys = [...awsKeys(rng), ...azureKeys(rng), ...gcpKeys(), ...pkcs11Keys()];
const expectations = keys.map((k) => ({ id: k.id, provider: k.provider, name: k.name, ...k.expect }));
for (const k of keys) delete k.expect;

const restrictedHr = keys.find((k) => k.aliases?.includes('alias/restricted-hr'));
const inventory = {
  schemaVersion: 1,
  tool: { name: 'keywarden', version: '0.1.0' },
  collectedAt: ANCHOR,
  scope: { demo: true, aws: { accounts: [PROD, DEV], regions: ['eu-west-1', 'us-east-1'] }, azure: { subscriptions: [SUB] }, gcp: { projects: [PROJECT] }, pkcs11: { tokens: [TOKEN] } },
  keys,
  containers: [...awsContainers(), ...azureContainers(), ...gcpContainers(), pkcs11Container()],
  logging: [...awsLogging(), ...azureLogging(), ...gcpLogging()],
  gaps: [
    { source: 'azure-keyvault', scope: `azure:${SUB}:northeurope:keyvault:${AZURE_VAULTS.private.name}:data-plane`, code: 'Unreachable', message: `${AZURE_VAULTS.private.uri} did not answer: the vault only accepts traffic through a private endpoint; key attributes and rotation policies were not read`, retryable: false, resource: { provider: 'azure', account: SUB, region: 'northeurope', type: 'key-vault', id: azureVaultId(AZURE_VAULTS.private.name), name: AZURE_VAULTS.private.name } },
    { source: 'azure-monitor', scope: `azure:${SUB}:northeurope:insights:diagnosticSettings`, code: 'AuthorizationFailed', message: 'Microsoft.Insights/diagnosticSettings/read denied on kv-private-neu', retryable: false, resource: { provider: 'azure', account: SUB, region: 'northeurope', type: 'key-vault', id: azureVaultId(AZURE_VAULTS.private.name), name: AZURE_VAULTS.private.name } },
    { source: 'aws-kms', scope: `aws:${PROD}:eu-west-1:kms:GetKeyPolicy`, code: 'AccessDenied', message: 'AccessDeniedException: kms:GetKeyPolicy denied to the scanner role', retryable: false, resource: { ...restrictedHr.ref } },
  ],
};

// Only generated content is replaced; the hand-written README.md stays.
rmSync(join(out, 'logs'), { recursive: true, force: true });
const write = (rel, data) => {
  const p = join(out, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
};
write('inventory.json', json(inventory));
// The injected anomalies (examples/demo/README.md): rule, provider, principal and the hour it starts.
const anomalies = [
  { rule: 'anomaly/sensitive-operation', provider: 'aws', principal: `arn:aws:iam::${PROD}:user/alice`, at: '2026-10-25T10:12:00Z', what: 'ScheduleKeyDeletion on alias/legacy-reporting' },
  { rule: 'anomaly/sensitive-operation', provider: 'aws', principal: `arn:aws:iam::${PROD}:user/alice`, at: '2026-10-28T22:04:00Z', what: 'PutKeyPolicy granting kms:Decrypt to Principal *' },
  { rule: 'anomaly/op-spike', provider: 'aws', principal: `arn:aws:iam::${PROD}:role/etl-batch`, at: '2026-10-29T02:00:00Z', what: '1,500 Decrypt calls in one hour on alias/app-data' },
  { rule: 'anomaly/new-country', provider: 'azure', principal: '3c9d2e1f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', at: '2026-10-30T09:12:00Z', what: 'KeyUnwrap from Brazil' },
  { rule: 'anomaly/impossible-travel', provider: 'azure', principal: '3c9d2e1f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', at: '2026-10-30T09:12:00Z', what: 'Netherlands then Brazil within minutes' },
  { rule: 'anomaly/error-burst', provider: 'aws', principal: `arn:aws:iam::${PROD}:user/ci-deployer`, at: '2026-10-30T14:00:00Z', what: '60 AccessDeniedException on five keys' },
  { rule: 'anomaly/new-principal', provider: 'aws', principal: '999988887777:AROAZ4PARTNERSYNC0001', at: '2026-10-31T03:17:00Z', what: 'cross-account Decrypt on alias/partner-share' },
  { rule: 'anomaly/impossible-travel', provider: 'gcp', principal: 'ops-admin@acme.example', at: '2026-10-31T10:00:00Z', what: 'Belgium then Japan 25 minutes later' },
];
write('expectations.json', json({ anchor: ANCHOR, seed: SEED, keys: expectations, anomalies }));

// AWS prod: S3 delivery layout, one gzip file per account, region and day.
const ct = awsRecords(rng, keys);
const groups = new Map();
for (const r of ct.prod) {
  const day = r.eventTime.slice(0, 10).replaceAll('-', '/');
  const k = `${r.recipientAccountId}|${r.awsRegion}|${day}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(r);
}
for (const [k, records] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const [acct, region, day] = k.split('|');
  const stamp = `${day.replaceAll('/', '')}T0000Z`;
  write(`logs/aws/AWSLogs/${acct}/CloudTrail/${region}/${day}/${acct}_CloudTrail_${region}_${stamp}_${rng.hex(16)}.json.gz`, gzipSync(JSON.stringify({ Records: records })));
}
// AWS dev: CloudTrail Lake export, NDJSON, plain.
write(`logs/aws/lake-export-${DEV}.ndjson`, ct.dev.map((r) => JSON.stringify(r)).join('\n') + '\n');

// Azure: AuditEvent records as exported by a diagnostic setting, one JSON record per line, gzip per day.
const az = azureRecords(rng, keys);
const byDay = new Map();
for (const r of az) {
  const d = r.time.slice(0, 10);
  if (!byDay.has(d)) byDay.set(d, []);
  byDay.get(d).push(r);
}
for (const [d, records] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
  write(`logs/azure/insights-logs-auditevent/${AZURE_VAULTS.prod.name}/${d}.ndjson.gz`, gzipSync(records.map((r) => JSON.stringify(r)).join('\n') + '\n'));
}

// Google Cloud: `gcloud logging read --format=json` (pretty array) for Data Access, a sink NDJSON for Admin Activity.
const gcp = gcpEntries(rng, keys);
write('logs/gcp/data_access.json', JSON.stringify(gcp.dataAccess, null, 2) + '\n');
write('logs/gcp/cloudaudit.googleapis.com/activity/2026-10.json', gcp.activity.map((e) => JSON.stringify(e)).join('\n') + '\n');

const counts = { keys: keys.length, cloudtrailProd: ct.prod.length, cloudtrailDev: ct.dev.length, azure: az.length, gcp: gcp.dataAccess.length + gcp.activity.length };
process.stdout.write(`demo estate written to ${out}: ${JSON.stringify(counts)}\n`);
