// End to end: the built CLI scans and collects AWS (--provider aws) against the local AWS server, with
// the endpoint and dummy credentials only in the environment, as a user would point it at a VPC
// endpoint. The CLI runs as a child process (asynchronously: the server lives in this process).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/core/model.js';
import { validateInventory } from '../../src/inventory/index.js';
import { awsError, startAwsJsonServer, type AwsJsonServer } from '../support/aws-server/server.js';
import { fakeKey, installFakeKms } from '../support/aws-server/kms.js';
import { installFakeOrg } from '../support/aws-server/org.js';
import { installFakeCloudTrail, installFakeLookupEvents } from '../support/aws-server/cloudtrail.js';
import { installFakeIam, installFakeRegions } from '../support/aws-server/iam-ec2.js';
import { keywardenAsync, type CliRun } from './cli.js';
import { ensureBuilt } from './global-setup.js';

const ME = '111122223333';
const R = 'eu-west-1';
const arn = (id: string) => `arn:aws:kms:${R}:${ME}:key/${id}`;
const tmp = () => mkdtempSync(join(tmpdir(), 'kw-e2e-aws-'));

function run(args: string[], cwd: string, server: AwsJsonServer): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: 'AKIDE2ETEST',
    AWS_SECRET_ACCESS_KEY: 'e2e-secret-not-real',
    AWS_REGION: R,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
    NO_COLOR: '1',
    CI: 'true',
  };
  for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) delete env[k];
  return keywardenAsync(args, cwd, env);
}

describe('keywarden with --provider aws against a local AWS endpoint', () => {
  let server: AwsJsonServer;
  beforeAll(async () => {
    await ensureBuilt();
    server = await startAwsJsonServer();
    const kms = installFakeKms(server);
    installFakeOrg(server, { callerAccount: ME, accounts: [], denyAssume: new Set() });
    installFakeRegions(server, ME, { [ME]: { [R]: 'opt-in-not-required' } });
    installFakeIam(server, ME, {
      [ME]: {
        identities: [{ kind: 'Role', name: 'app', attached: [`arn:aws:iam::${ME}:policy/decrypt-everything`] }],
        policies: { [`arn:aws:iam::${ME}:policy/decrypt-everything`]: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] } },
      },
    });
    installFakeCloudTrail(server, [{
      trail: { Name: 'write-only', TrailARN: `arn:aws:cloudtrail:${R}:${ME}:trail/write-only`, HomeRegion: R, IsMultiRegionTrail: true },
      isLogging: true,
      selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] },
    }]);
    installFakeLookupEvents(server, [{
      eventVersion: '1.08', eventTime: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'), eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', awsRegion: R,
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ME}:user/mallory`, accountId: ME, userName: 'mallory' }, sourceIPAddress: '198.51.100.7',
      requestParameters: { keyId: 'norotate', pendingWindowInDays: 7 }, eventID: 'e2e-1', readOnly: false,
      resources: [{ ARN: arn('norotate'), type: 'AWS::KMS::Key' }], recipientAccountId: ME,
    }]);
    kms.regions.set(R, [
      { metadata: fakeKey(ME, R, 'good'), aliases: ['alias/good'], rotation: { enabled: true, periodDays: 365 }, tags: { owner: 'a' } },
      { metadata: fakeKey(ME, R, 'norotate'), aliases: ['alias/norotate'], rotation: { enabled: false } },
      { metadata: fakeKey(ME, R, 'public'), rotation: { enabled: true, periodDays: 365 }, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] } },
      { metadata: fakeKey(ME, R, 'denied'), rotation: { enabled: true, periodDays: 365 } },
    ]);
    server.faults.push((req) => (req.operation === 'GetKeyPolicy' && req.body['KeyId'] === 'denied' ? awsError('AccessDeniedException', 'not authorized to perform kms:GetKeyPolicy') : undefined));
  }, 600_000);
  afterAll(() => server?.close());

  it('scan: findings from the built-in AWS policies, gaps for what was refused, events from LookupEvents', async () => {
    const cwd = tmp();
    const r = await run(['scan', '--provider', 'aws', '--aws-regions', R, '--since', '2d', '--out', 'out', '--state', 's.db', '--fail-on', 'none', '--format', 'json'], cwd, server);
    expect(r.stderr).not.toContain('e2e-secret-not-real');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'out', 'keywarden.json'), 'utf8')) as RunReport;
    const status = (rule: string, id: string) => report.findings.filter((f) => f.ruleId === rule && f.resource.id === id).map((f) => f.status);
    expect(status('aws-kms-key-policy-not-public', arn('public'))).toEqual(['fail']);
    expect(status('aws-kms-key-policy-not-public', arn('denied'))).toEqual(['unknown']);
    expect(status('aws-kms-auto-rotation-enabled', arn('norotate'))).toEqual(['fail']);
    expect(status('aws-cloudtrail-captures-kms-events', `aws-account:${ME}`)).toEqual(['fail']);
    expect(status('aws-iam-no-kms-decrypt-on-all-keys', `arn:aws:iam::${ME}:policy/decrypt-everything`)).toEqual(['fail']);
    expect(report.gaps).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'aws-kms', code: 'AccessDenied', scope: `aws:${ME}:${R}:kms:GetKeyPolicy` })]));
    expect(report.run.scope).toMatchObject({ aws: { accounts: [ME], regions: [R], organization: false, logSources: { [ME]: 'lookup-events' } } });
    expect(report.coverage.keys).toBe(4);
    // the ScheduleKeyDeletion read live reaches the detectors
    expect(JSON.stringify(report)).toContain('ScheduleKeyDeletion');
    // CI=true: quiet line-based progress on stderr
    expect(r.stderr).toMatch(/keywarden: aws 111122223333 eu-west-1: keys done \(4\)/);
    // read-only: nothing but allowlisted reads reached the server
    const ops = new Set(server.requests.map((q) => q.operation));
    for (const op of ops) expect(['ListKeys', 'ListAliases', 'DescribeCustomKeyStores', 'DescribeKey', 'GetKeyRotationStatus', 'ListKeyRotations', 'GetKeyPolicy', 'ListGrants', 'ListResourceTags', 'GetKeyLastUsage', 'DescribeTrails', 'GetTrailStatus', 'GetEventSelectors', 'LookupEvents', 'GetCallerIdentity', 'GetAccountAuthorizationDetails', 'DescribeRegions']).toContain(op);
  });

  it('collect without --aws-regions: the enabled Regions, a valid snapshot that scan accepts', async () => {
    const cwd = tmp();
    const c = await run(['collect', '--provider', 'aws', '--output', 'aws.json'], cwd, server);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/Wrote aws\.json: 4 keys/);
    const inventory = validateInventory(JSON.parse(readFileSync(join(cwd, 'aws.json'), 'utf8')), 'aws.json');
    expect(inventory.scope).toMatchObject({ aws: { accounts: [ME], regions: [R] } });
    expect(inventory.containers.find((k) => k.kind === 'aws-account')?.access?.[0]).toMatchObject({ resources: ['*'], source: 'iam' });
    const s = await run(['scan', '--inventory', 'aws.json', '--fail-on', 'none', '--format', 'json', '--out', 'o', '--state', 's.db'], cwd, server);
    expect(s.code, s.stderr).toBe(0);
    const rescanned = JSON.parse(readFileSync(join(cwd, 'o', 'keywarden.json'), 'utf8')) as RunReport;
    expect(rescanned.findings.some((f) => f.ruleId === 'aws-iam-no-kms-decrypt-on-all-keys')).toBe(true);
  });

  it('bad flags: exit 2 with a usage message, before any AWS call', async () => {
    const before = server.requests.length;
    const r = await run(['scan', '--provider', 'aws', '--aws-org', '--aws-accounts', '444455556666', '--out', 'out'], tmp(), server);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--aws-org and --aws-accounts cannot be used together/);
    const bad = await run(['collect', '--provider', 'aws', '--aws-accounts', '12345', '--output', 'x.json'], tmp(), server);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"12345" is not a 12-digit AWS account id/);
    expect(server.requests.length).toBe(before);
  });
});
