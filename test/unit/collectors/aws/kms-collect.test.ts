import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kmsClient } from '../../../../src/collectors/aws/clients.js';
import { collectKmsRegion } from '../../../../src/collectors/aws/kms/collect.js';
import { awsError, startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { fakeKey, installFakeKms, type FakeKms } from '../../../support/aws-server/kms.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'AKIDKMSTEST', secretAccessKey: 'test-secret' };
const sec = (iso: string) => Date.parse(iso) / 1000;

describe('KMS collector against the real SDK and a local KMS', () => {
  let server: AwsJsonServer;
  let kms: FakeKms;
  beforeAll(async () => {
    server = await startAwsJsonServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.faults.length = 0;
    server.handlers.clear();
    kms = installFakeKms(server);
  });
  const client = (maxAttempts = 2) => kmsClient({ region: REGION, credentials, endpoint: server.url, maxAttempts });

  it('maps a customer key with rotation, policy, grants, tags, aliases and last use', async () => {
    kms.regions.set(REGION, [
      {
        metadata: fakeKey(ACCOUNT, REGION, 'k-app', { Description: 'App data' }),
        aliases: ['alias/app-data'],
        rotation: { enabled: true, periodDays: 180, next: sec('2026-12-01T00:00:00Z') },
        rotations: [
          { date: sec('2025-06-01T00:00:00Z'), type: 'AUTOMATIC' },
          { date: sec('2025-09-01T00:00:00Z'), type: 'ON_DEMAND' },
        ],
        policy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
            { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } },
          ],
        },
        grants: [{ KeyId: 'k-app', GrantId: 'g1', Name: '', CreationDate: sec('2025-02-01T00:00:00Z'), GranteePrincipal: 'arn:aws:iam::999988887777:role/x', IssuingAccount: `arn:aws:iam::${ACCOUNT}:root`, Operations: ['Encrypt', 'Decrypt'] }],
        tags: { owner: 'platform', 'data-class': 'internal' },
        lastUsed: sec('2026-11-20T08:00:00Z'),
      },
    ]);
    const out = await collectKmsRegion({ account: ACCOUNT, region: REGION, client: client() });
    expect(out.gaps).toEqual([]);
    const [key] = out.keys;
    expect(key).toMatchObject({
      id: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k-app`,
      name: 'alias/app-data',
      aliases: ['alias/app-data'],
      description: 'App data',
      manager: 'customer',
      purpose: 'encrypt-decrypt',
      keyType: 'symmetric',
      spec: 'SYMMETRIC_DEFAULT',
      sizeBits: 256,
      origin: 'generated',
      state: 'enabled',
      rawState: 'Enabled',
      enabled: true,
      createdAt: '2025-01-15T10:00:00Z',
      lastRotatedAt: '2025-09-01T00:00:00Z',
      rotation: {
        supported: true,
        enabled: true,
        periodDays: 180,
        nextRotationAt: '2026-12-01T00:00:00Z',
        history: [
          { at: '2025-09-01T00:00:00Z', type: 'on-demand' },
          { at: '2025-06-01T00:00:00Z', type: 'automatic' },
        ],
      },
      tags: { 'data-class': 'internal', owner: 'platform' },
      grants: [{ id: 'g1', granteePrincipal: 'arn:aws:iam::999988887777:role/x', operations: ['Decrypt', 'Encrypt'], createdAt: '2025-02-01T00:00:00Z' }],
      lastUsedAt: '2026-11-20T08:00:00Z',
    });
    expect(key?.access).toEqual([
      { effect: 'allow', principals: [`arn:aws:iam::${ACCOUNT}:root`], actions: ['kms:*'], source: 'key-policy', sid: 'Root' },
      { effect: 'allow', principals: ['*'], public: true, actions: ['kms:Decrypt'], conditions: { stringequals: { 'kms:calleraccount': ACCOUNT } }, source: 'key-policy', sid: 'Public' },
    ]);
    expect(key?.unknown).toBeUndefined();
  });

  it('treats rotation as unsupported for imported, CloudHSM and asymmetric keys without asking, and reads AWS managed keys', async () => {
    kms.regions.set(REGION, [
      { metadata: fakeKey(ACCOUNT, REGION, 'k-imported', { Origin: 'EXTERNAL', KeyState: 'PendingImport', Enabled: false, ValidTo: sec('2027-01-01T00:00:00Z') }) },
      { metadata: fakeKey(ACCOUNT, REGION, 'k-hsm', { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: 'cks-1' }) },
      { metadata: fakeKey(ACCOUNT, REGION, 'k-sign', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }) },
      { metadata: fakeKey(ACCOUNT, REGION, 'k-aws', { KeyManager: 'AWS' }), aliases: ['alias/aws/s3'], rotation: { enabled: true, periodDays: 365 } },
    ]);
    kms.customKeyStores.set(REGION, [{ CustomKeyStoreId: 'cks-1', CustomKeyStoreName: 'hsm-store', CustomKeyStoreType: 'AWS_CLOUDHSM', ConnectionState: 'DISCONNECTED', ConnectionErrorCode: 'NETWORK_ERRORS' }]);
    const out = await collectKmsRegion({ account: ACCOUNT, region: REGION, client: client() });
    const byId = new Map(out.keys.map((k) => [k.id.split('/')[1], k]));
    expect(byId.get('k-imported')).toMatchObject({ origin: 'imported', state: 'pending-import', expiresAt: '2027-01-01T00:00:00Z', rotation: { supported: false, enabled: false } });
    expect(byId.get('k-hsm')).toMatchObject({ origin: 'cloudhsm', container: 'cks-1', rotation: { supported: false } });
    expect(byId.get('k-sign')).toMatchObject({ keyType: 'ec', curve: 'P-256', purpose: 'sign-verify', rotation: { supported: false } });
    expect(byId.get('k-aws')).toMatchObject({ manager: 'provider', name: 'alias/aws/s3', rotation: { supported: true, enabled: true, periodDays: 365 } });
    expect(byId.get('k-aws')?.tags).toBeUndefined();
    const rotationCalls = server.requests.filter((r) => r.operation === 'GetKeyRotationStatus').map((r) => r.body['KeyId']);
    expect(rotationCalls).toEqual(['k-aws']);
    expect(out.containers).toMatchObject([{ id: 'cks-1', kind: 'custom-key-store', raw: { ConnectionState: 'DISCONNECTED' } }]);
    expect(out.gaps).toMatchObject([{ code: 'Disconnected', scope: `aws:${ACCOUNT}:${REGION}:kms:custom-key-store:cks-1` }]);
    for (const k of out.keys) expect(k.unknown).toBeUndefined();
  });

  it('pages every list', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => ({
      metadata: fakeKey(ACCOUNT, REGION, `k${i}`),
      aliases: [`alias/a${i}`],
      grants: Array.from({ length: 3 }, (__, g) => ({ GrantId: `g${i}-${g}`, GranteePrincipal: 'arn:aws:iam::111122223333:role/r', Operations: ['Decrypt'] })),
      tags: { a: '1', b: '2', c: '3' },
      rotations: [1, 2, 3].map((d) => ({ date: sec(`2025-0${d}-01T00:00:00Z`), type: 'AUTOMATIC' as const })),
    }));
    kms.regions.set(REGION, keys);
    const out = await collectKmsRegion({ account: ACCOUNT, region: REGION, client: client() }, { pageSize: 2, concurrency: 3 });
    expect(out.keys).toHaveLength(7);
    for (const k of out.keys) {
      expect(k.grants).toHaveLength(3);
      expect(Object.keys(k.tags ?? {})).toHaveLength(3);
      expect(k.rotation?.history).toHaveLength(3);
      expect(k.aliases).toHaveLength(1);
    }
    expect(server.requests.filter((r) => r.operation === 'ListKeys').map((r) => r.body['Marker'] ?? null)).toEqual([null, '2', '4', '6']);
  });

  it('AccessDenied on GetKeyPolicy makes the policy unknown and records a gap; the key is still collected', async () => {
    kms.regions.set(REGION, [{ metadata: fakeKey(ACCOUNT, REGION, 'k-hr'), aliases: ['alias/hr'] }, { metadata: fakeKey(ACCOUNT, REGION, 'k-ok') }]);
    server.faults.push((req) => (req.operation === 'GetKeyPolicy' && req.body['KeyId'] === 'k-hr' ? awsError('AccessDeniedException', 'not authorized to perform kms:GetKeyPolicy') : undefined));
    const out = await collectKmsRegion({ account: ACCOUNT, region: REGION, client: client() });
    const hr = out.keys.find((k) => k.id.endsWith('k-hr'));
    expect(hr?.access).toBeUndefined();
    expect(hr?.rawPolicy).toBeUndefined();
    expect(hr?.unknown?.['policy']).toMatch(/^AccessDeniedException: .*kms:GetKeyPolicy/);
    expect(hr?.state).toBe('enabled');
    expect(out.keys.find((k) => k.id.endsWith('k-ok'))?.access).toHaveLength(1);
    expect(out.gaps).toHaveLength(1);
    expect(out.gaps[0]).toMatchObject({ source: 'aws-kms', scope: `aws:${ACCOUNT}:${REGION}:kms:GetKeyPolicy`, code: 'AccessDenied', retryable: false, resource: { id: hr?.id } });
  });

  it('retries throttling, then records a retryable gap when it persists', async () => {
    kms.regions.set(REGION, [{ metadata: fakeKey(ACCOUNT, REGION, 'k1') }, { metadata: fakeKey(ACCOUNT, REGION, 'k2') }]);
    let throttledOnce = false;
    server.faults.push((req) => {
      if (req.operation === 'DescribeKey' && req.body['KeyId'] === 'k1' && !throttledOnce) {
        throttledOnce = true;
        return awsError('ThrottlingException', 'Rate exceeded');
      }
      if (req.operation === 'ListGrants' && req.body['KeyId'] === 'k2') return awsError('ThrottlingException', 'Rate exceeded');
      return undefined;
    });
    const out = await collectKmsRegion({ account: ACCOUNT, region: REGION, client: client(2) });
    expect(server.requests.filter((r) => r.operation === 'DescribeKey' && r.body['KeyId'] === 'k1')).toHaveLength(2);
    expect(server.requests.filter((r) => r.operation === 'ListGrants' && r.body['KeyId'] === 'k2')).toHaveLength(2);
    expect(out.keys.find((k) => k.id.endsWith('k1'))?.unknown).toBeUndefined();
    const k2 = out.keys.find((k) => k.id.endsWith('k2'));
    expect(Object.keys(k2?.unknown ?? {})).toEqual(['grants']);
    expect(k2?.unknown?.['grants']).toMatch(/^ThrottlingException/);
    expect(out.gaps).toMatchObject([{ scope: `aws:${ACCOUNT}:${REGION}:kms:ListGrants`, code: 'Throttled', retryable: true }]);
  });

  it('a Region whose ListKeys is refused yields one gap and no keys', async () => {
    server.faults.push((req) => (req.operation === 'ListKeys' ? awsError('UnrecognizedClientException', 'The security token included in the request is invalid.') : undefined));
    const out = await collectKmsRegion({ account: ACCOUNT, region: REGION, client: client() });
    expect(out.keys).toEqual([]);
    expect(out.gaps).toMatchObject([{ scope: `aws:${ACCOUNT}:${REGION}:kms:ListKeys`, code: 'Unauthenticated' }]);
    expect(server.requests).toHaveLength(1);
  });
});
