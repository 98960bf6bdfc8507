// Enabled Regions by default, IAM identity policies, and the three KMS event sources (trail files in
// S3, CloudTrail Lake, LookupEvents as the fallback), all through the real SDK clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../src/core/clock.js';
import type { AccessStatement } from '../../../../src/core/model.js';
import { collectAws } from '../../../../src/collectors/aws/index.js';
import { startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { fakeKey, installFakeKms } from '../../../support/aws-server/kms.js';
import { installFakeOrg } from '../../../support/aws-server/org.js';
import { installFakeCloudTrail, installFakeLake, installFakeLookupEvents, type FakeTrail } from '../../../support/aws-server/cloudtrail.js';
import { installFakeIam, installFakeRegions } from '../../../support/aws-server/iam-ec2.js';
import { cloudTrailLogFile, installFakeS3, type FakeS3 } from '../../../support/aws-server/s3.js';

const ME = '111122223333';
const credentials = { accessKeyId: 'AKIDSRC', secretAccessKey: 'x' };
const clock = fixedClock('2026-11-28T12:00:00Z');
const window = { from: new Date('2026-11-26T00:00:00Z'), to: new Date('2026-11-27T23:59:59Z') };
let t = 0;
const pace = { now: () => t, sleep: (ms: number) => ((t += ms), Promise.resolve()) };

const kmsRecord = (id: string, time: string, region: string, name = 'Decrypt') => ({
  eventVersion: '1.08', eventTime: time, eventSource: 'kms.amazonaws.com', eventName: name, awsRegion: region, eventID: id, readOnly: true,
  userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ME}:assumed-role/app/i-1`, accountId: ME },
  sourceIPAddress: '192.0.2.7', requestParameters: { keyId: 'k1' }, recipientAccountId: ME,
  resources: [{ ARN: `arn:aws:kms:${region}:${ME}:key/k1`, type: 'AWS::KMS::Key' }],
});

const trail = (bucket: string): FakeTrail => ({
  trail: { TrailARN: `arn:aws:cloudtrail:eu-west-1:${ME}:trail/main`, Name: 'main', HomeRegion: 'eu-west-1', IsMultiRegionTrail: true, IsOrganizationTrail: false, S3BucketName: bucket, S3KeyPrefix: 'ct' },
  isLogging: true,
  selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
});

describe('AWS sources: enabled Regions, IAM, trail files, Lake', () => {
  let server: AwsJsonServer;
  let s3: FakeS3;
  beforeAll(async () => {
    server = await startAwsJsonServer();
    const kms = installFakeKms(server);
    kms.regions.set('eu-west-1', [{ metadata: fakeKey(ME, 'eu-west-1', 'k1') }]);
    kms.regions.set('eu-south-1', [{ metadata: fakeKey(ME, 'eu-south-1', 'k2') }]);
    installFakeOrg(server, { callerAccount: ME, accounts: [], denyAssume: new Set() });
    installFakeRegions(server, ME, { [ME]: { 'eu-west-1': 'opt-in-not-required', 'eu-south-1': 'opted-in', 'af-south-1': 'not-opted-in' } });
    installFakeIam(server, ME, {
      [ME]: {
        identities: [
          { kind: 'Role', name: 'app', attached: [`arn:aws:iam::${ME}:policy/decrypt-all`], inline: { scoped: { Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:eu-west-1:${ME}:key/k1` }] } } },
          { kind: 'User', name: 'ops', inline: { admin: { Statement: { Effect: 'Allow', Action: ['kms:*'], Resource: '*' } } } },
          { kind: 'Group', name: 'readers', attached: [`arn:aws:iam::${ME}:policy/describe`] },
        ],
        policies: {
          [`arn:aws:iam::${ME}:policy/decrypt-all`]: { Version: '2012-10-17', Statement: [{ Sid: 'D', Effect: 'Allow', Action: 'kms:De*', Resource: `arn:aws:kms:*:${ME}:key/*` }] },
          [`arn:aws:iam::${ME}:policy/describe`]: { Statement: [{ Effect: 'Allow', Action: 'kms:Describe*', Resource: '*' }] },
          [`arn:aws:iam::${ME}:policy/unattached`]: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        },
      },
    }, 2);
    installFakeCloudTrail(server, [trail('trail-bucket')]);
    installFakeLookupEvents(server, [kmsRecord('lookup-1', '2026-11-27T08:00:00Z', 'eu-west-1')]);
    s3 = installFakeS3(server, 1);
    const base = `ct/AWSLogs/${ME}/CloudTrail`;
    s3.buckets.set('trail-bucket', new Map([
      [`${base}/eu-west-1/2026/11/26/${ME}_CloudTrail_eu-west-1_a.json.gz`, cloudTrailLogFile([kmsRecord('s3-1', '2026-11-26T10:00:00Z', 'eu-west-1'), { eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: '2026-11-26T10:00:00Z', eventID: 'x' }])],
      [`${base}/eu-west-1/2026/11/27/${ME}_CloudTrail_eu-west-1_b.json.gz`, cloudTrailLogFile([kmsRecord('s3-2', '2026-11-27T10:00:00Z', 'eu-west-1', 'GenerateDataKey')])],
      // outside the window (day 25) and another Region's folder
      [`${base}/eu-west-1/2026/11/25/${ME}_CloudTrail_eu-west-1_c.json.gz`, cloudTrailLogFile([kmsRecord('s3-old', '2026-11-25T10:00:00Z', 'eu-west-1')])],
      [`${base}/eu-south-1/2026/11/27/${ME}_CloudTrail_eu-south-1_d.json.gz`, cloudTrailLogFile([kmsRecord('s3-3', '2026-11-27T11:00:00Z', 'eu-south-1')])],
    ]));
  });
  afterAll(() => server.close());

  it('scans the enabled Regions when none are given (opt-in Regions not opted into are left out)', async () => {
    const out = await collectAws({ credentials, endpoint: server.url, maxAttempts: 1, iam: false, trails: false, homeRegion: 'eu-west-1' }, { clock });
    expect(out.scope.regions).toEqual(['eu-south-1', 'eu-west-1']);
    expect(out.keys.map((k) => k.region)).toEqual(['eu-south-1', 'eu-west-1']);
    expect(server.requests.some((r) => r.operation === 'DescribeRegions')).toBe(true);
  });

  it('a refused DescribeRegions is a gap that names the fix, and the home Region is still scanned', async () => {
    server.faults.push((r) => (r.operation === 'DescribeRegions' ? { status: 403, body: { __type: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' } } : undefined));
    try {
      const out = await collectAws({ credentials, endpoint: server.url, maxAttempts: 1, iam: false, trails: false, homeRegion: 'eu-west-1' }, { clock });
      expect(out.keys.map((k) => k.region)).toEqual(['eu-west-1']);
      expect(out.gaps).toMatchObject([{ source: 'aws-regions', code: 'AccessDenied', scope: `aws:${ME}:eu-west-1:ec2:DescribeRegions`, message: expect.stringMatching(/pass --aws-regions/) as unknown }]);
    } finally {
      server.faults.pop();
    }
  });

  it('reads IAM identity policies (paged, URL-encoded documents) into the account container', async () => {
    server.requests.length = 0;
    const out = await collectAws({ regions: ['eu-west-1'], credentials, endpoint: server.url, maxAttempts: 1, trails: false }, { clock });
    const account = out.containers.find((c) => c.kind === 'aws-account');
    expect(account).toMatchObject({ id: `aws-account:${ME}`, ref: { type: 'account', account: ME } });
    const byPolicy: Record<string, AccessStatement> = Object.fromEntries((account!.access ?? []).map((s) => [s.policy ?? '', s]));
    expect(byPolicy[`arn:aws:iam::${ME}:policy/decrypt-all`]).toEqual({ effect: 'allow', principals: [`arn:aws:iam::${ME}:role/app`], actions: ['kms:De*'], resources: [`arn:aws:kms:*:${ME}:key/*`], source: 'iam', policy: `arn:aws:iam::${ME}:policy/decrypt-all`, sid: 'D' });
    expect(byPolicy[`arn:aws:iam::${ME}:user/ops#inline/admin`]).toMatchObject({ principals: [`arn:aws:iam::${ME}:user/ops`], actions: ['kms:*'], resources: ['*'] });
    expect(byPolicy[`arn:aws:iam::${ME}:policy/unattached`]).toMatchObject({ principals: [], actions: ['*'] });
    expect(byPolicy[`arn:aws:iam::${ME}:policy/describe`]).toMatchObject({ principals: [`arn:aws:iam::${ME}:group/readers`] });
    expect(account!.raw?.['kmsAdminAndUsage']).toEqual([{ principal: `arn:aws:iam::${ME}:user/ops`, admin: expect.arrayContaining(['kms:PutKeyPolicy']) as unknown, usage: expect.arrayContaining(['kms:Decrypt']) as unknown }]);
    // 3 identities + 3 policies, 2 per page
    expect(server.requests.filter((r) => r.operation === 'GetAccountAuthorizationDetails').map((r) => r.body['Marker'] ?? '')).toEqual(['', '2', '4']);
    expect(out.gaps).toEqual([]);
  });

  it('IAM AccessDenied: the account container says unknown and a gap is recorded', async () => {
    server.faults.push((r) => (r.operation === 'GetAccountAuthorizationDetails' ? { status: 403, body: { __type: 'AccessDenied', message: 'not authorized' } } : undefined));
    try {
      const out = await collectAws({ regions: ['eu-west-1'], credentials, endpoint: server.url, maxAttempts: 1, trails: false }, { clock });
      expect(out.containers.find((c) => c.kind === 'aws-account')).toMatchObject({ unknown: { access: expect.stringMatching(/AccessDenied.*iam:GetAccountAuthorizationDetails/) as unknown } });
      expect(out.gaps).toMatchObject([{ source: 'aws-iam', code: 'AccessDenied', scope: `aws:${ME}:global:iam:GetAccountAuthorizationDetails` }]);
    } finally {
      server.faults.pop();
    }
  });

  it('prefers the trail\'s S3 log files: streamed, gunzipped, KMS records in the window only, paged listings', async () => {
    server.restRequests.length = 0;
    const out = await collectAws({ regions: ['eu-west-1', 'eu-south-1'], credentials, endpoint: server.url, maxAttempts: 1, iam: false, events: window }, { clock, pace });
    expect(out.events.map((e) => e.eventId)).toEqual(['s3-1', 's3-2', 's3-3']);
    expect(out.events[0]).toMatchObject({ keyId: `arn:aws:kms:eu-west-1:${ME}:key/k1`, origin: { format: 'aws-cloudtrail-s3', file: expect.stringMatching(/^s3:\/\/trail-bucket\/ct\/AWSLogs\//) as unknown } });
    expect(out.scope.logSources).toEqual({ [ME]: 's3://trail-bucket' });
    expect(server.requests.some((r) => r.operation === 'LookupEvents')).toBe(false);
    expect(server.restRequests.filter((r) => r.query.get('list-type') === '2').map((r) => r.query.get('prefix'))).toContain(`ct/AWSLogs/${ME}/CloudTrail/eu-west-1/2026/11/26/`);
    expect(out.gaps).toEqual([]);
  });

  it('falls back to LookupEvents with a gap when the bucket cannot be listed', async () => {
    s3.denied.add('trail-bucket');
    try {
      const out = await collectAws({ regions: ['eu-west-1'], credentials, endpoint: server.url, maxAttempts: 1, iam: false, events: window }, { clock, pace });
      expect(out.events.map((e) => e.eventId)).toEqual(['lookup-1']);
      expect(out.scope.logSources).toEqual({ [ME]: 'lookup-events' });
      expect(out.gaps).toMatchObject([{ code: 'AccessDenied', scope: `aws:${ME}:global:s3:ListObjectsV2:s3://trail-bucket`, message: expect.stringMatching(/fell back to LookupEvents/) as unknown }]);
    } finally {
      s3.denied.delete('trail-bucket');
    }
  });

  it('--aws-log-source lookup skips the files', async () => {
    const out = await collectAws({ regions: ['eu-west-1'], credentials, endpoint: server.url, maxAttempts: 1, iam: false, events: window, logSource: 'lookup' }, { clock, pace });
    expect(out.events.map((e) => e.eventId)).toEqual(['lookup-1']);
  });

  it('reads CloudTrail Lake when an event data store is given: raw events, and last use from a GROUP BY', async () => {
    const lake = installFakeLake(server, (sql) =>
      sql.includes('GROUP BY')
        ? [{ keyArn: `arn:aws:kms:eu-west-1:${ME}:key/k1`, uses: '42', lastUsed: '2026-11-27 09:30:00.000' }]
        : [1, 2, 3].map((i) => ({ eventID: `lake-${i}`, eventTime: `2026-11-27 0${i}:00:00.000`, eventName: 'Decrypt', awsRegion: 'eu-west-1', recipientAccountId: ME, identityType: 'AssumedRole', identityArn: `arn:aws:sts::${ME}:assumed-role/app/i-1`, identityAccount: ME, sourceIPAddress: '192.0.2.9', readOnly: 'true', keyArn: `arn:aws:kms:eu-west-1:${ME}:key/k1` })),
    );
    server.requests.length = 0;
    const store = `arn:aws:cloudtrail:eu-west-1:${ME}:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE`;
    const out = await collectAws({ regions: ['eu-west-1'], credentials, endpoint: server.url, maxAttempts: 1, iam: false, events: window, eventDataStore: store, lastUsage: false }, { clock, pace });
    expect(out.events.map((e) => e.eventId)).toEqual(['lake-1', 'lake-2', 'lake-3']);
    expect(out.events[0]).toMatchObject({ time: '2026-11-27T01:00:00.000Z', keyId: `arn:aws:kms:eu-west-1:${ME}:key/k1`, origin: { format: 'aws-cloudtrail-lake' } });
    expect(out.keys[0]?.lastUsedAt).toBe('2026-11-27T09:30:00.000Z');
    expect(lake.queries).toHaveLength(2);
    expect(lake.queries[0]).toMatch(/FROM EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE WHERE eventSource = 'kms.amazonaws.com' AND eventTime >= '2026-11-26 00:00:00.000'.*recipientAccountId IN \('111122223333'\) AND awsRegion IN \('eu-west-1'\)/);
    expect(lake.queries[1]).toMatch(/count\(\*\).*GROUP BY/);
    expect(server.requests.some((r) => r.operation === 'LookupEvents')).toBe(false);
    expect(out.scope.logSources).toEqual({ [ME]: `cloudtrail-lake:${store}` });
  });
});
