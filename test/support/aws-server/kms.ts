// A fake KMS (X-Amz-Target TrentService.*) over the AWS JSON 1.1 server: keys per Region (from the
// SigV4 credential scope), Limit/Marker paging on every List* call, replies shaped as the KMS API
// Reference documents them (timestamps as epoch seconds).
import { AwsHandlerError, awsError, type AwsJsonServer } from './server.js';

export interface FakeKmsKey {
  metadata: Record<string, unknown> & { KeyId: string; Arn: string };
  aliases?: string[];
  /** Policy document (serialised to a string as GetKeyPolicy does). */
  policy?: unknown;
  rotation?: { enabled: boolean; periodDays?: number; next?: number };
  rotations?: { date: number; type: 'AUTOMATIC' | 'ON_DEMAND' }[];
  grants?: Record<string, unknown>[];
  tags?: Record<string, string>;
  lastUsed?: number;
}

export interface FakeKms {
  /** Region → keys, or `<account>:<region>` → keys for requests signed with `ASIA<account>` keys (fan-out). */
  regions: Map<string, FakeKmsKey[]>;
  customKeyStores: Map<string, Record<string, unknown>[]>;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** A key as DescribeKey returns it; `overrides` replace or add metadata members. */
export function fakeKey(account: string, region: string, id: string, overrides: Record<string, unknown> = {}): FakeKmsKey['metadata'] {
  return {
    AWSAccountId: account,
    KeyId: id,
    Arn: `arn:aws:kms:${region}:${account}:key/${id}`,
    CreationDate: seconds('2025-01-15T10:00:00Z'),
    Enabled: true,
    Description: '',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    ...overrides,
  };
}

/** Slices `items` by `Limit` / `Marker` (the marker is the next index) and reports `Truncated`. */
export function page<T>(items: readonly T[], body: Record<string, unknown>, member: string, defaultLimit = 100): Record<string, unknown> {
  const start = typeof body['Marker'] === 'string' ? Number(body['Marker']) : 0;
  const limit = typeof body['Limit'] === 'number' ? body['Limit'] : defaultLimit;
  const slice = items.slice(start, start + limit);
  const truncated = start + limit < items.length;
  return { [member]: slice, Truncated: truncated, ...(truncated ? { NextMarker: String(start + limit) } : {}) };
}

export function installFakeKms(server: AwsJsonServer): FakeKms {
  const kms: FakeKms = { regions: new Map(), customKeyStores: new Map() };
  const keysIn = (where: string | undefined) => kms.regions.get(where ?? '') ?? [];
  const find = (region: string | undefined, body: Record<string, unknown>): FakeKmsKey => {
    const wanted = typeof body['KeyId'] === 'string' ? body['KeyId'] : '';
    const key = keysIn(region).find((k) => k.metadata.KeyId === wanted || k.metadata.Arn === wanted);
    if (key === undefined) throw new AwsHandlerError(awsError('NotFoundException', `Key '${wanted}' does not exist`));
    return key;
  };
  const on = (op: string, handler: (body: Record<string, unknown>, region: string | undefined) => unknown) =>
    server.handlers.set(`TrentService.${op}`, (body, req) => {
      const account = req.accessKeyId?.startsWith('ASIA') === true ? req.accessKeyId.slice(4) : undefined;
      const where = account !== undefined && kms.regions.has(`${account}:${req.region ?? ''}`) ? `${account}:${req.region ?? ''}` : req.region;
      return handler(body, where);
    });

  on('ListKeys', (body, region) => page(keysIn(region).map((k) => ({ KeyId: k.metadata.KeyId, KeyArn: k.metadata.Arn })), body, 'Keys'));
  on('DescribeKey', (body, region) => ({ KeyMetadata: find(region, body).metadata }));
  on('ListAliases', (body, region) => {
    const aliases = keysIn(region).flatMap((k) =>
      (k.aliases ?? []).map((name) => ({
        AliasName: name,
        AliasArn: `${k.metadata.Arn.split(':key/')[0]}:${name}`,
        TargetKeyId: k.metadata.KeyId,
        CreationDate: seconds('2025-01-15T10:00:00Z'),
        LastUpdatedDate: seconds('2025-01-15T10:00:00Z'),
      })),
    );
    // An alias without a target exists in real accounts.
    aliases.push({ AliasName: 'alias/aws/unused', AliasArn: 'arn:aws:kms:us-east-1:000000000000:alias/aws/unused' } as never);
    return page(aliases, body, 'Aliases');
  });
  on('GetKeyRotationStatus', (body, region) => {
    const key = find(region, body);
    if (key.metadata['Origin'] !== 'AWS_KMS' || key.metadata['KeySpec'] !== 'SYMMETRIC_DEFAULT') {
      throw new AwsHandlerError(awsError('UnsupportedOperationException', 'You cannot perform this operation on an unsupported key'));
    }
    const r = key.rotation ?? { enabled: false };
    return {
      KeyId: key.metadata.Arn,
      KeyRotationEnabled: r.enabled,
      ...(r.enabled ? { RotationPeriodInDays: r.periodDays ?? 365, ...(r.next !== undefined ? { NextRotationDate: r.next } : {}) } : {}),
    };
  });
  on('ListKeyRotations', (body, region) => {
    const key = find(region, body);
    const rotations = (key.rotations ?? []).map((r) => ({ KeyId: key.metadata.Arn, RotationDate: r.date, RotationType: r.type }));
    return page(rotations, body, 'Rotations');
  });
  on('GetKeyPolicy', (body, region) => {
    const key = find(region, body);
    return { Policy: JSON.stringify(key.policy ?? defaultPolicy(String(key.metadata['AWSAccountId']))), PolicyName: 'default' };
  });
  on('ListGrants', (body, region) => page(find(region, body).grants ?? [], body, 'Grants', 50));
  on('ListResourceTags', (body, region) =>
    page(Object.entries(find(region, body).tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue })), body, 'Tags', 50),
  );
  on('GetKeyLastUsage', (body, region) => {
    const key = find(region, body);
    return {
      KeyId: key.metadata.Arn,
      TrackingStartDate: seconds('2025-01-01T00:00:00Z'),
      KeyCreationDate: key.metadata['CreationDate'],
      ...(key.lastUsed !== undefined ? { KeyLastUsage: { Operation: 'Decrypt', Timestamp: key.lastUsed, CloudTrailEventId: 'evt-1' } } : {}),
    };
  });
  on('DescribeCustomKeyStores', (body, region) => page(kms.customKeyStores.get(region ?? '') ?? [], body, 'CustomKeyStores'));
  return kms;
}

export function defaultPolicy(account: string): unknown {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}
