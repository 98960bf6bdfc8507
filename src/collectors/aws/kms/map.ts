// Raw KMS answers for one key → KeyRecord. Pure: no SDK client, no clock, no I/O.
import type {
  GetKeyLastUsageResponse,
  GetKeyRotationStatusResponse,
  GrantListEntry,
  KeyMetadata,
  RotationsListEntry,
  Tag,
} from '@aws-sdk/client-kms';
import type { KeyGrant, KeyRecord, RotationSettings, UnknownFields } from '../../../core/model.js';
import { parseKeyPolicy } from './policy.js';
import { automaticRotationSupported, originOf, protectionOf, purposeOf, specFacts, stateOf } from './spec.js';

/** Everything read about one key; a field is absent when it was not read (and `unknown` says why). */
export interface RawKmsKey {
  account: string;
  region: string;
  metadata: KeyMetadata;
  aliases: string[];
  /** Absent when not read; `'unsupported'` when KMS cannot rotate this key automatically. */
  rotationStatus?: GetKeyRotationStatusResponse | 'unsupported';
  rotations?: RotationsListEntry[];
  /** GetKeyPolicy's `Policy` string. */
  policy?: string;
  grants?: GrantListEntry[];
  tags?: Tag[];
  lastUsage?: GetKeyLastUsageResponse;
  /** field → reason it could not be read, e.g. { policy: 'AccessDeniedException: kms:GetKeyPolicy' } */
  unknown: UnknownFields;
}

const iso = (d: Date | undefined): string | undefined => (d === undefined ? undefined : d.toISOString().replace('.000Z', 'Z'));

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function rotationOf(raw: RawKmsKey): RotationSettings | undefined {
  const history = (raw.rotations ?? [])
    .filter((r) => r.RotationDate !== undefined)
    .map((r) => ({ at: iso(r.RotationDate) as string, type: r.RotationType === 'ON_DEMAND' ? ('on-demand' as const) : ('automatic' as const) }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const lastRotatedAt = history[0]?.at;
  if (raw.rotationStatus === 'unsupported') {
    return compact({ supported: false, enabled: false, lastRotatedAt, history: history.length > 0 ? history : undefined });
  }
  if (raw.rotationStatus === undefined) return undefined;
  const s = raw.rotationStatus;
  return compact({
    supported: true,
    enabled: s.KeyRotationEnabled === true,
    periodDays: s.RotationPeriodInDays,
    nextRotationAt: iso(s.NextRotationDate),
    lastRotatedAt,
    history: raw.rotations !== undefined ? history : undefined,
  });
}

function grantOf(g: GrantListEntry): KeyGrant {
  const constraints = g.Constraints === undefined ? undefined : (compact({ ...g.Constraints }) as Record<string, unknown>);
  return compact({
    id: g.GrantId ?? '',
    granteePrincipal: g.GranteePrincipal ?? '',
    retiringPrincipal: g.RetiringPrincipal,
    operations: [...(g.Operations ?? [])].sort(),
    constraints: constraints !== undefined && Object.keys(constraints).length > 0 ? constraints : undefined,
    createdAt: iso(g.CreationDate),
  });
}

function multiRegionOf(m: KeyMetadata): KeyRecord['multiRegion'] {
  const c = m.MultiRegionConfiguration;
  if (m.MultiRegion !== true || c === undefined) return undefined;
  return compact({
    role: c.MultiRegionKeyType === 'PRIMARY' ? ('primary' as const) : ('replica' as const),
    primaryId: c.PrimaryKey?.Arn,
    replicaIds: (c.ReplicaKeys ?? []).map((r) => r.Arn).filter((a): a is string => a !== undefined).sort(),
  });
}

/** Customer aliases first, then AWS-managed ones (alias/aws/...), each sorted. */
export function sortAliases(aliases: readonly string[]): string[] {
  const managed = (a: string) => a.startsWith('alias/aws/');
  return [...aliases].sort((a, b) => Number(managed(a)) - Number(managed(b)) || (a < b ? -1 : a > b ? 1 : 0));
}

export function mapKmsKey(raw: RawKmsKey): KeyRecord {
  const m = raw.metadata;
  const id = m.Arn ?? `arn:aws:kms:${raw.region}:${raw.account}:key/${m.KeyId ?? ''}`;
  const aliases = sortAliases(raw.aliases);
  const name = aliases[0];
  const spec = m.KeySpec ?? m.CustomerMasterKeySpec;
  const facts = spec !== undefined ? specFacts(spec) : undefined;
  const policy = raw.policy !== undefined ? parseKeyPolicy(raw.policy) : undefined;
  const unknown: UnknownFields = { ...raw.unknown };
  if (policy !== undefined && !policy.ok) unknown['policy'] = policy.error;
  const rotation = rotationOf(raw);
  const tags =
    raw.tags === undefined
      ? undefined
      : Object.fromEntries(raw.tags.map((t): [string, string] => [t.TagKey ?? '', t.TagValue ?? '']).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const lastUse = raw.lastUsage?.KeyLastUsage?.Timestamp;
  return compact<KeyRecord>({
    ref: compact({ provider: 'aws' as const, account: raw.account, region: raw.region, type: 'kms-key', id, name }),
    provider: 'aws',
    account: raw.account,
    region: raw.region,
    container: m.CustomKeyStoreId,
    id,
    name,
    aliases,
    description: m.Description !== '' ? m.Description : undefined,
    manager: m.KeyManager === 'AWS' ? 'provider' : m.KeyManager === 'CUSTOMER' ? 'customer' : undefined,
    purpose: purposeOf(m.KeyUsage),
    usage: m.KeyUsage !== undefined ? [m.KeyUsage] : undefined,
    keyType: facts?.keyType,
    spec,
    sizeBits: facts?.sizeBits,
    curve: facts?.curve,
    origin: originOf(m.Origin),
    protectionLevel: protectionOf(m.Origin),
    state: stateOf(m.KeyState),
    rawState: m.KeyState,
    enabled: m.Enabled,
    createdAt: iso(m.CreationDate),
    lastRotatedAt: rotation?.lastRotatedAt,
    rotation,
    expiresAt: iso(m.ValidTo),
    deletionScheduledAt: iso(m.DeletionDate),
    deletionWindowDays: m.PendingDeletionWindowInDays,
    tags,
    access: policy?.ok === true ? policy.access : undefined,
    rawPolicy: policy?.ok === true ? policy.document : undefined,
    grants: raw.grants?.map(grantOf).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    multiRegion: multiRegionOf(m),
    lastUsedAt: iso(lastUse),
    unknown: Object.keys(unknown).length > 0 ? unknown : undefined,
    raw: compact({
      KeyId: m.KeyId,
      KeyManager: m.KeyManager,
      KeySpec: spec,
      KeyUsage: m.KeyUsage,
      Origin: m.Origin,
      KeyState: m.KeyState,
      CustomKeyStoreId: m.CustomKeyStoreId,
      ExpirationModel: m.ExpirationModel,
      MultiRegion: m.MultiRegion,
      RotationSupported: automaticRotationSupported(spec, m.Origin),
    }),
  });
}
