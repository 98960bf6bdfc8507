import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../src/core/clock.js';
import { collectAws } from '../../../../src/collectors/aws/index.js';
import { trailCoverage } from '../../../../src/collectors/aws/cloudtrail/map.js';
import { awsError, startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { fakeKey, installFakeKms } from '../../../support/aws-server/kms.js';
import { validateInventory } from '../../../../src/inventory/index.js';
import { installFakeOrg } from '../../../support/aws-server/org.js';
import { installFakeCloudTrail } from '../../../support/aws-server/cloudtrail.js';

const ACCOUNT = '111122223333';
const arn = (region: string, name: string) => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;

describe('CloudTrail trail configuration', () => {
  let server: AwsJsonServer;
  beforeAll(async () => {
    server = await startAwsJsonServer();
    const kms = installFakeKms(server);
    kms.regions.set('eu-west-1', [
      { metadata: fakeKey(ACCOUNT, 'eu-west-1', 'k1'), aliases: ['alias/app'], tags: { owner: 'x' }, rotation: { enabled: true, periodDays: 365 } },
      { metadata: fakeKey(ACCOUNT, 'eu-west-1', 'k2', { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: 'cks-1', MultiRegion: true, MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: 'arn:aws:kms:eu-west-1:111122223333:key/k2', Region: 'eu-west-1' }, ReplicaKeys: [{ Arn: 'arn:aws:kms:us-east-1:111122223333:key/k2', Region: 'us-east-1' }] } }) },
    ]);
    kms.customKeyStores.set('eu-west-1', [{ CustomKeyStoreId: 'cks-1', CustomKeyStoreName: 'hsm', CustomKeyStoreType: 'AWS_CLOUDHSM', ConnectionState: 'FAILED', ConnectionErrorCode: 'CLUSTER_NOT_FOUND' }]);
    server.faults.push((req) => (req.operation === 'GetKeyPolicy' && req.body['KeyId'] === 'k1' ? awsError('AccessDeniedException', 'denied') : undefined));
    installFakeOrg(server, { callerAccount: ACCOUNT, accounts: [], denyAssume: new Set() });
    installFakeCloudTrail(server, [
      {
        trail: { Name: 'org-audit', TrailARN: arn('us-east-1', 'org-audit'), HomeRegion: 'us-east-1', IsMultiRegionTrail: true, IsOrganizationTrail: true, LogFileValidationEnabled: true, KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/log', S3BucketName: 'logs' },
        isLogging: true,
        selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] },
      },
      {
        trail: { Name: 'no-kms', TrailARN: arn('eu-west-1', 'no-kms'), HomeRegion: 'eu-west-1', IsMultiRegionTrail: false, S3BucketName: 'logs2' },
        isLogging: true,
        selectors: {
          AdvancedEventSelectors: [
            { Name: 'mgmt without kms', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] },
          ],
        },
      },
      {
        trail: { Name: 'denied', TrailARN: arn('eu-west-1', 'denied'), HomeRegion: 'eu-west-1', IsMultiRegionTrail: false },
        isLogging: false,
        selectors: {},
      },
    ]);
    server.faults.push((req) => (req.operation === 'GetEventSelectors' && req.body['TrailName'] === arn('eu-west-1', 'denied') ? awsError('AccessDeniedException', 'no') : undefined));
  });
  afterAll(() => server.close());

  it('maps trails once each (shadow copies deduplicated), with KMS coverage from basic and advanced selectors', async () => {
    const out = await collectAws(
      { regions: ['eu-west-1', 'us-east-1'], credentials: { accessKeyId: 'AKIDCT', secretAccessKey: 'x' }, endpoint: server.url, maxAttempts: 1, iam: false },
      { clock: fixedClock('2026-11-28T00:00:00Z') },
    );
    expect(out.logging.map((l) => l.id)).toEqual([arn('eu-west-1', 'denied'), arn('eu-west-1', 'no-kms'), arn('us-east-1', 'org-audit')]);
    const [denied, noKms, org] = out.logging;
    expect(org).toMatchObject({ kind: 'cloudtrail-trail', account: ACCOUNT, region: 'us-east-1', enabled: true, multiRegion: true, organization: true, readEvents: true, writeEvents: true, covers: ['kms'], logFileValidation: true, encryptedWithKey: 'arn:aws:kms:us-east-1:111122223333:key/log' });
    expect(org?.unknown).toBeUndefined();
    expect(noKms).toMatchObject({ enabled: true, multiRegion: false, covers: [] });
    expect(denied?.enabled).toBe(false);
    expect(denied?.unknown?.['readEvents']).toMatch(/^AccessDeniedException/);
    expect(denied?.covers).toBeUndefined();
    expect(out.gaps.filter((g) => g.source === 'aws-cloudtrail')).toMatchObject([{ scope: `aws:${ACCOUNT}:eu-west-1:cloudtrail:GetEventSelectors`, code: 'AccessDenied' }]);

    // The whole collection is a valid inventory snapshot (reports/schemas/inventory.schema.json).
    const inventory = validateInventory(
      { schemaVersion: 1, tool: { name: 'keywarden', version: '0.0.0-test' }, collectedAt: out.scope.collectedAt, scope: { aws: out.scope }, keys: out.keys, containers: out.containers, logging: out.logging, gaps: out.gaps },
      'collected',
    );
    expect(inventory.keys).toHaveLength(2);
    expect(inventory.keys[1]).toMatchObject({ multiRegion: { role: 'primary', replicaIds: ['arn:aws:kms:us-east-1:111122223333:key/k2'] }, container: 'cks-1' });
    expect(out.gaps.map((g) => `${g.source} ${g.code} ${g.scope}`)).toEqual([
      `aws-cloudtrail AccessDenied aws:${ACCOUNT}:eu-west-1:cloudtrail:GetEventSelectors`,
      `aws-kms AccessDenied aws:${ACCOUNT}:eu-west-1:kms:GetKeyPolicy`,
      `aws-kms Disconnected aws:${ACCOUNT}:eu-west-1:kms:custom-key-store:cks-1`,
    ]);
  });

  it('reads read/write coverage from selectors', () => {
    expect(trailCoverage({ EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] })).toEqual({ read: false, write: true, kms: true });
    expect(trailCoverage({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com'] }] })).toEqual({ read: false, write: false, kms: false });
    expect(trailCoverage({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false }] })).toEqual({ read: false, write: false, kms: false });
    expect(
      trailCoverage({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] }] }),
    ).toEqual({ read: true, write: false, kms: true });
    expect(
      trailCoverage({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }] }),
    ).toEqual({ read: false, write: false, kms: false });
  });
});
