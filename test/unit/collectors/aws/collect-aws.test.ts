import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../src/core/clock.js';
import { collectAws } from '../../../../src/collectors/aws/index.js';
import { startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { fakeKey, installFakeKms } from '../../../support/aws-server/kms.js';
import { installFakeOrg, type FakeOrg } from '../../../support/aws-server/org.js';
import { installFakeCloudTrail, installFakeLookupEvents } from '../../../support/aws-server/cloudtrail.js';

const MGMT = '111111111111';
const A = '222222222222';
const B = '333333333333';
const SUSPENDED = '444444444444';
const DENIED = '555555555555';
const credentials = { accessKeyId: 'AKIDMGMT', secretAccessKey: 'test-secret' };
const clock = fixedClock('2026-11-28T12:00:00Z');

describe('collectAws: single account and organisation fan-out', () => {
  let server: AwsJsonServer;
  let org: FakeOrg;
  beforeAll(async () => {
    server = await startAwsJsonServer();
    const kms = installFakeKms(server);
    installFakeCloudTrail(server, []);
    installFakeLookupEvents(server, [
      {
        eventVersion: '1.08', eventTime: '2026-11-27T10:00:00Z', eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', awsRegion: 'eu-west-1',
        userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${MGMT}:user/alice`, accountId: MGMT, userName: 'alice' },
        sourceIPAddress: '192.0.2.1', requestParameters: { keyId: 'mgmt-key', pendingWindowInDays: 7 }, eventID: 'e1', readOnly: false,
        resources: [{ ARN: `arn:aws:kms:eu-west-1:${MGMT}:key/mgmt-key`, type: 'AWS::KMS::Key' }], recipientAccountId: MGMT,
      },
    ]);
    org = installFakeOrg(server, {
      callerAccount: MGMT,
      accounts: [
        { Id: A, Name: 'a', State: 'ACTIVE' },
        { Id: B, Name: 'b', State: 'ACTIVE' },
        { Id: SUSPENDED, Name: 's', State: 'SUSPENDED' },
        { Id: DENIED, Name: 'd', State: 'ACTIVE' },
      ],
      denyAssume: new Set([DENIED]),
    });
    for (const acct of [A, B]) for (const region of ['eu-west-1', 'us-east-1']) kms.regions.set(`${acct}:${region}`, [{ metadata: fakeKey(acct, region, `key-${acct}-${region}`) }]);
    kms.regions.set('eu-west-1', [{ metadata: fakeKey(MGMT, 'eu-west-1', 'mgmt-key') }]);
  });
  afterAll(() => server.close());

  it('scans the caller account when no accounts are named', async () => {
    server.requests.length = 0;
    const out = await collectAws({ regions: ['eu-west-1'], credentials, endpoint: server.url, maxAttempts: 1, iam: false }, { clock });
    expect(out.scope).toEqual({ accounts: [MGMT], regions: ['eu-west-1'], organization: false, collectedAt: '2026-11-28T12:00:00.000Z' });
    expect(out.keys.map((k) => k.id)).toEqual([`arn:aws:kms:eu-west-1:${MGMT}:key/mgmt-key`]);
    expect(out.gaps).toEqual([]);
    expect(out.events).toEqual([]);
  });

  it('reads KMS usage events through LookupEvents when a window is given', async () => {
    let t = 0;
    const pace = { now: () => t, sleep: (ms: number) => { t += ms; return Promise.resolve(); } };
    const out = await collectAws(
      { regions: ['eu-west-1'], credentials, endpoint: server.url, maxAttempts: 1, events: { from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-11-28T00:00:00Z') } },
      { clock, pace },
    );
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ operation: { raw: 'ScheduleKeyDeletion' }, keyId: `arn:aws:kms:eu-west-1:${MGMT}:key/mgmt-key`, principal: { id: `arn:aws:iam::${MGMT}:user/alice` } });
  });

  it('assumes the role in every ACTIVE organisation account, one STS call per account, and reports refused roles as gaps', async () => {
    server.requests.length = 0;
    const out = await collectAws(
      { regions: ['us-east-1', 'eu-west-1'], organization: true, roleName: 'Reader', externalId: 'ext-123', credentials, endpoint: server.url, maxAttempts: 1, iam: false },
      { clock },
    );
    expect(out.scope.accounts).toEqual([A, B]);
    expect(out.keys.map((k) => k.id)).toEqual([
      `arn:aws:kms:eu-west-1:${A}:key/key-${A}-eu-west-1`,
      `arn:aws:kms:eu-west-1:${B}:key/key-${B}-eu-west-1`,
      `arn:aws:kms:us-east-1:${A}:key/key-${A}-us-east-1`,
      `arn:aws:kms:us-east-1:${B}:key/key-${B}-us-east-1`,
    ]);
    expect(out.gaps).toMatchObject([{ source: 'aws-fanout', scope: `aws:${DENIED}:global:sts:AssumeRole`, code: 'AccessDenied' }]);
    const assumed = server.requests.filter((r) => r.operation === 'AssumeRole').map((r) => r.body['RoleArn']);
    expect(assumed.sort()).toEqual([A, B, DENIED].map((id) => `arn:aws:iam::${id}:role/Reader`));
    expect(new Set(org.externalIds)).toEqual(new Set(['ext-123']));
    // KMS calls for each account are signed with that account's temporary key, never the caller's.
    const kmsKeys = new Set(server.requests.filter((r) => r.target.startsWith('TrentService.')).map((r) => r.accessKeyId));
    expect(kmsKeys).toEqual(new Set([`ASIA${A}`, `ASIA${B}`]));
  });
});
