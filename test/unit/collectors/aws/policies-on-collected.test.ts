// End to end: the real SDK against the local KMS and CloudTrail, collectAws, then the real AWS Rego
// policies on the result. Proves the collector produces exactly the fields the policies read.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAws } from '../../../../src/collectors/aws/index.js';
import { fixedClock } from '../../../../src/core/clock.js';
import type { Finding } from '../../../../src/core/model.js';
import { PolicyEngine, createInterpreterBackend, loadPolicyModules } from '../../../../src/engine/index.js';
import { awsError, startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { fakeKey, installFakeKms } from '../../../support/aws-server/kms.js';
import { installFakeOrg } from '../../../support/aws-server/org.js';
import { installFakeCloudTrail } from '../../../support/aws-server/cloudtrail.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ACCOUNT = '111122223333';
const R = 'eu-west-1';
const arn = (id: string) => `arn:aws:kms:${R}:${ACCOUNT}:key/${id}`;

describe('AWS policies on a collected inventory', () => {
  let server: AwsJsonServer;
  let findings: Finding[] = [];
  beforeAll(async () => {
    server = await startAwsJsonServer();
    const kms = installFakeKms(server);
    installFakeOrg(server, { callerAccount: ACCOUNT, accounts: [], denyAssume: new Set() });
    installFakeCloudTrail(server, [
      {
        trail: { Name: 'mgmt-write-only', TrailARN: `arn:aws:cloudtrail:${R}:${ACCOUNT}:trail/w`, HomeRegion: R, IsMultiRegionTrail: true },
        isLogging: true,
        selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] },
      },
    ]);
    kms.regions.set(R, [
      { metadata: fakeKey(ACCOUNT, R, 'good'), aliases: ['alias/good'], rotation: { enabled: true, periodDays: 365 }, tags: { owner: 'a' } },
      { metadata: fakeKey(ACCOUNT, R, 'norotate'), aliases: ['alias/norotate'], rotation: { enabled: false } },
      {
        metadata: fakeKey(ACCOUNT, R, 'public'),
        rotation: { enabled: true, periodDays: 365 },
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] },
      },
      { metadata: fakeKey(ACCOUNT, R, 'denied'), rotation: { enabled: true, periodDays: 365 } },
      { metadata: fakeKey(ACCOUNT, R, 'imported', { Origin: 'EXTERNAL' }) },
    ]);
    server.faults.push((req) => (req.operation === 'GetKeyPolicy' && req.body['KeyId'] === 'denied' ? awsError('AccessDeniedException', 'denied') : undefined));
    const clock = fixedClock('2026-11-28T12:00:00Z');
    const out = await collectAws({ regions: [R], credentials: { accessKeyId: 'AKIDPOL', secretAccessKey: 'x' }, endpoint: server.url, maxAttempts: 1 }, { clock });
    const dirs = ['lib', 'aws'].map((d) => ({ dir: join(ROOT, 'policies', d), builtin: true, label: d }));
    const engine = await PolicyEngine.load(loadPolicyModules(dirs), (sources) => createInterpreterBackend(sources, {}));
    const now = clock.now();
    const result = await engine.evaluate({ keys: out.keys, containers: out.containers, logging: out.logging, scope: { aws: out.scope }, gaps: out.gaps, now: now.toISOString() }, { now });
    expect(result.gaps).toEqual([]);
    findings = result.findings;
  }, 120_000);
  afterAll(() => server.close());

  const statusOf = (rule: string, id: string) => findings.filter((f) => f.ruleId === rule && f.resource.id === id).map((f) => f.status);

  it('a public key policy fails, an unreadable one is unknown, the others pass', () => {
    expect(statusOf('aws-kms-key-policy-not-public', arn('public'))).toEqual(['fail']);
    expect(statusOf('aws-kms-key-policy-not-public', arn('denied'))).toEqual(['unknown']);
    expect(statusOf('aws-kms-key-policy-not-public', arn('good'))).toEqual([]);
  });

  it('rotation: disabled fails, imported keys (unsupported) are not judged', () => {
    expect(statusOf('aws-kms-auto-rotation-enabled', arn('norotate'))).toEqual(['fail']);
    expect(statusOf('aws-kms-auto-rotation-enabled', arn('imported'))).toEqual([]);
    expect(statusOf('aws-kms-auto-rotation-enabled', arn('good'))).toEqual([]);
  });

  it('a write-only trail does not capture KMS events: account-level failure', () => {
    expect(findings.filter((f) => f.ruleId === 'aws-cloudtrail-captures-kms-events').map((f) => [f.resource.id, f.status])).toEqual([[`aws-account:${ACCOUNT}`, 'fail']]);
  });
});
