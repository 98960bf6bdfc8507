// Reads one account+Region of KMS: every list paged to the end, per-key calls under a bounded pool.
// Failures never abort the Region: a call that fails leaves the field absent, names it in the key's
// `unknown` map and (unless the failure is expected, see below) records a gap with its scope.
import {
  DescribeKeyCommand,
  GetKeyLastUsageCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  paginateDescribeCustomKeyStores,
  paginateListAliases,
  paginateListGrants,
  paginateListKeyRotations,
  paginateListKeys,
  paginateListResourceTags,
  type CustomKeyStoresListEntry,
  type KMSClient,
  type KeyListEntry,
} from '@aws-sdk/client-kms';
import type { Gap, ResourceRef } from '../../../core/model.js';
import { awsGap, awsScope, classifyAwsError } from '../errors.js';
import { mapLimited } from '../limit.js';
import { automaticRotationSupported } from './spec.js';
import type { RawKmsKey } from './map.js';

export const KMS_SOURCE = 'aws-kms';

export interface KmsRegionTarget {
  account: string;
  region: string;
  client: KMSClient;
}

export interface KmsReadOptions {
  /** Keys read at once in this account+Region (each key issues up to 7 calls in parallel). Default 16. */
  concurrency?: number;
  /** Page size for List* calls (KMS allows 1..1000 for most, 100 for ListKeys/ListAliases). */
  pageSize?: number;
  /** Call GetKeyLastUsage (newer API; default true). */
  lastUsage?: boolean;
  /** Called as keys finish: (keys read, keys listed). */
  onProgress?: (done: number, total: number) => void;
}

export interface KmsRegionResult {
  keys: RawKmsKey[];
  customKeyStores: CustomKeyStoresListEntry[];
  gaps: Gap[];
}

async function collectPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}

export async function readKmsRegion(target: KmsRegionTarget, options: KmsReadOptions = {}): Promise<KmsRegionResult> {
  const { account, region, client } = target;
  const gaps: Gap[] = [];
  const scope = (op: string) => awsScope(account, region, 'kms', op);
  const pageSize = options.pageSize ?? 100;

  let listed: KeyListEntry[];
  try {
    listed = await collectPages(paginateListKeys({ client, pageSize }, {}), (p) => p.Keys);
  } catch (err) {
    // Without the key list nothing else in this Region can be read.
    return { keys: [], customKeyStores: [], gaps: [awsGap(KMS_SOURCE, scope('ListKeys'), err)] };
  }

  const aliasesByKey = new Map<string, string[]>();
  let aliasesUnknown: string | undefined;
  try {
    const aliases = await collectPages(paginateListAliases({ client, pageSize }, {}), (p) => p.Aliases);
    for (const a of aliases) {
      if (a.TargetKeyId === undefined || a.AliasName === undefined) continue;
      aliasesByKey.set(a.TargetKeyId, [...(aliasesByKey.get(a.TargetKeyId) ?? []), a.AliasName]);
    }
  } catch (err) {
    gaps.push(awsGap(KMS_SOURCE, scope('ListAliases'), err));
    aliasesUnknown = classifyAwsError(err).message;
  }

  let customKeyStores: CustomKeyStoresListEntry[] = [];
  try {
    customKeyStores = await collectPages(paginateDescribeCustomKeyStores({ client, pageSize }, {}), (p) => p.CustomKeyStores);
  } catch (err) {
    gaps.push(awsGap(KMS_SOURCE, scope('DescribeCustomKeyStores'), err));
  }

  let done = 0;
  const keys = await mapLimited(listed, options.concurrency ?? 16, async (entry) => {
    const keyGaps: Gap[] = [];
    const raw = await readKey(target, entry, { ...options, pageSize }, keyGaps);
    if (aliasesUnknown !== undefined) raw.unknown['aliases'] = aliasesUnknown;
    raw.aliases = aliasesByKey.get(raw.metadata.KeyId ?? entry.KeyId ?? '') ?? [];
    gaps.push(...keyGaps);
    done += 1;
    options.onProgress?.(done, listed.length);
    return raw;
  });
  return { keys, customKeyStores, gaps: sortGaps(gaps) };
}

function sortGaps(gaps: Gap[]): Gap[] {
  const key = (g: Gap) => `${g.scope}\u0000${g.resource?.id ?? ''}\u0000${g.code}`;
  return gaps.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function readKey(target: KmsRegionTarget, entry: KeyListEntry, options: KmsReadOptions & { pageSize: number }, gaps: Gap[]): Promise<RawKmsKey> {
  const { account, region, client } = target;
  const KeyId = entry.KeyId ?? entry.KeyArn ?? '';
  const ref: ResourceRef = { provider: 'aws', account, region, type: 'kms-key', id: entry.KeyArn ?? KeyId };
  const raw: RawKmsKey = { account, region, metadata: { KeyId, ...(entry.KeyArn !== undefined ? { Arn: entry.KeyArn } : {}) }, aliases: [], unknown: {} };

  /** Runs one call; on failure marks `fields` unknown and records a gap unless the failure is expected. */
  async function attempt<T>(op: string, fields: string[], call: () => Promise<T>, expected: (code: string) => boolean = () => false): Promise<T | undefined> {
    try {
      return await call();
    } catch (err) {
      const c = classifyAwsError(err);
      for (const f of fields) raw.unknown[f] = `${c.message} (kms:${op})`;
      if (!expected(c.code)) gaps.push(awsGap(KMS_SOURCE, awsScope(account, region, 'kms', op), err, ref));
      return undefined;
    }
  }

  const described = await attempt('DescribeKey', ['metadata'], () => client.send(new DescribeKeyCommand({ KeyId })));
  if (described?.KeyMetadata !== undefined) raw.metadata = described.KeyMetadata;
  const m = raw.metadata;
  const customer = m.KeyManager === 'CUSTOMER';
  // Keys pending deletion or import answer most calls with KMSInvalidStateException: expected, no gap.
  const invalidStateExpected = (code: string) => code === 'InvalidState' || code === 'NotFound';
  const rotationKnownUnsupported = described !== undefined && !automaticRotationSupported(m.KeySpec ?? m.CustomerMasterKeySpec, m.Origin);

  await Promise.all([
    rotationKnownUnsupported
      ? ((raw.rotationStatus = 'unsupported'), undefined)
      : attempt('GetKeyRotationStatus', ['rotation'], async () => {
          try {
            raw.rotationStatus = await client.send(new GetKeyRotationStatusCommand({ KeyId }));
          } catch (err) {
            // EXTERNAL / AWS_CLOUDHSM / asymmetric keys: rotation is unsupported, not unreadable.
            if (classifyAwsError(err).code === 'Unsupported') raw.rotationStatus = 'unsupported';
            else throw err;
          }
        }, invalidStateExpected),
    customer && (m.KeySpec ?? m.CustomerMasterKeySpec) === 'SYMMETRIC_DEFAULT'
      ? attempt('ListKeyRotations', ['rotation.history'], async () => {
          raw.rotations = await collectPages(paginateListKeyRotations({ client, pageSize: options.pageSize }, { KeyId }), (p) => p.Rotations);
        }, (code) => invalidStateExpected(code) || code === 'Unsupported')
      : undefined,
    attempt('GetKeyPolicy', ['policy'], async () => {
      const out = await client.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' }));
      if (out.Policy !== undefined) raw.policy = out.Policy;
    }, invalidStateExpected),
    attempt('ListGrants', ['grants'], async () => {
      raw.grants = await collectPages(paginateListGrants({ client, pageSize: options.pageSize }, { KeyId }), (p) => p.Grants);
    }, invalidStateExpected),
    // AWS managed keys cannot carry tags.
    customer
      ? attempt('ListResourceTags', ['tags'], async () => {
          raw.tags = await collectPages(paginateListResourceTags({ client, pageSize: options.pageSize }, { KeyId }), (p) => p.Tags);
        }, invalidStateExpected)
      : undefined,
    options.lastUsage !== false
      ? attempt('GetKeyLastUsage', ['lastUsedAt'], async () => {
          raw.lastUsage = await client.send(new GetKeyLastUsageCommand({ KeyId }));
        }, invalidStateExpected)
      : undefined,
  ]);
  return raw;
}
