// CryptoKey + its versions + IAM → KeyRecord; KeyRing + IAM → KeyContainer. Field choices follow the
// GCP checks (policies/gcp) and the demo inventory: raw.primary / raw.destroyTimes / raw.primaryVersion
// for the destroy check, rotation.{supported,enabled,periodDays,nextRotationAt} for the rotation check.
import type { AccessStatement, KeyContainer, KeyRecord, KeyVersion, UnknownFields } from '../../../core/model.js';
import { algorithmFacts, protectionOf, purposeOf } from './algorithm.js';
import { durationSeconds, isoTime, nameParts, type KmsCryptoKey, type KmsKeyRing, type KmsVersion } from './types.js';

const DAY = 86_400;

export interface KeyInputs {
  key: KmsCryptoKey;
  /** Undefined when the versions could not be listed (then `unknown.versions` says why). */
  versions?: KmsVersion[];
  /** Statements from the key's own policy, the key ring's and the project's (inherited). */
  access: AccessStatement[];
  rawPolicy?: Record<string, unknown>;
  unknown: UnknownFields;
}

const versionNumber = (name: string) => Number(name.slice(name.lastIndexOf('/') + 1));
const byVersion = (a: KmsVersion, b: KmsVersion) => versionNumber(a.name ?? '') - versionNumber(b.name ?? '') || ((a.name ?? '') < (b.name ?? '') ? -1 : 1);

/** The key's state from its versions: usable if any version is ENABLED (the primary for symmetric keys). */
function keyState(primary: KmsVersion | undefined, versions: KmsVersion[] | undefined): KeyRecord['state'] {
  const states = new Set((versions ?? (primary ? [primary] : [])).map((v) => v.state ?? ''));
  if (states.has('ENABLED')) return 'enabled';
  if (states.has('DISABLED')) return 'disabled';
  if (states.has('DESTROY_SCHEDULED')) return 'pending-deletion';
  if (states.has('PENDING_IMPORT')) return 'pending-import';
  if (states.size > 0 && [...states].every((s) => s === 'DESTROYED')) return 'destroyed';
  return states.size === 0 ? undefined : 'other';
}

function mapVersion(v: KmsVersion): KeyVersion {
  const createdAt = isoTime(v.createTime);
  return {
    id: v.name ?? '',
    state: v.state ?? 'UNKNOWN',
    enabled: v.state === 'ENABLED',
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(v.algorithm ? { algorithm: v.algorithm } : {}),
    ...(v.protectionLevel ? { protectionLevel: v.protectionLevel } : {}),
  };
}

export function mapCryptoKey(input: KeyInputs): KeyRecord {
  const { key } = input;
  const name = key.name ?? '';
  const parts = nameParts(name);
  const ringId = `projects/${parts.project}/locations/${parts.location}/keyRings/${parts.ring ?? ''}`;
  const versions = input.versions ? [...input.versions].sort(byVersion) : undefined;
  const primary = key.primary ?? undefined;
  const template = key.versionTemplate ?? {};
  const algorithm = template.algorithm ?? primary?.algorithm ?? versions?.at(-1)?.algorithm ?? undefined;
  const level = template.protectionLevel ?? primary?.protectionLevel ?? undefined;
  const protectionLevel = protectionOf(level ?? undefined);
  const purpose = purposeOf(key.purpose ?? undefined);
  const facts = algorithmFacts(algorithm ?? undefined);
  const imported = key.importOnly === true || (versions ?? []).some((v) => (v.importJob ?? '') !== '');
  const origin = protectionLevel === 'external' || protectionLevel === 'external-vpc' ? 'external' : imported ? 'imported' : 'generated';
  const state = keyState(primary, versions);
  const rawState = primary?.state ?? (versions && versions.length > 0 ? (versions.find((v) => v.state === 'ENABLED') ?? versions.at(-1))!.state : undefined);
  // Automatic rotation exists for symmetric ENCRYPT_DECRYPT keys only, and not for Cloud EKM keys.
  const supported = key.purpose === 'ENCRYPT_DECRYPT' && origin !== 'external';
  const periodSeconds = durationSeconds(key.rotationPeriod);
  const nextRotationAt = isoTime(key.nextRotationTime);
  const enabledVersions = (versions ?? []).filter((v) => v.state === 'ENABLED');
  const lastRotatedAt = isoTime(primary?.createTime) ?? isoTime(enabledVersions.at(-1)?.createTime);
  const destroyWindow = durationSeconds(key.destroyScheduledDuration);
  const destroyTimes = Object.fromEntries((versions ?? []).filter((v) => v.state === 'DESTROY_SCHEDULED').map((v) => [v.name ?? '', isoTime(v.destroyTime) ?? 'unknown']));
  const scheduled = Object.values(destroyTimes).filter((t) => t !== 'unknown').sort();
  const createdAt = isoTime(key.createTime);
  const record: KeyRecord = {
    ref: { provider: 'gcp', account: parts.project, region: parts.location, type: 'crypto-key', id: name, name: parts.key ?? name },
    provider: 'gcp',
    account: parts.project,
    region: parts.location,
    container: ringId,
    id: name,
    name: parts.key ?? name,
    manager: 'customer',
    ...(purpose !== undefined ? { purpose } : {}),
    ...(key.purpose ? { usage: [key.purpose] } : {}),
    ...(facts.keyType !== undefined ? { keyType: facts.keyType } : {}),
    ...(algorithm ? { spec: algorithm, algorithm } : {}),
    ...(facts.sizeBits !== undefined ? { sizeBits: facts.sizeBits } : {}),
    ...(facts.curve !== undefined ? { curve: facts.curve } : {}),
    origin,
    ...(protectionLevel !== undefined ? { protectionLevel } : {}),
    ...(state !== undefined ? { state, enabled: state === 'enabled' } : {}),
    ...(rawState ? { rawState } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(lastRotatedAt !== undefined ? { lastRotatedAt } : {}),
    rotation: supported
      ? {
          supported: true,
          enabled: periodSeconds !== undefined,
          ...(periodSeconds !== undefined ? { periodDays: Math.round((periodSeconds / DAY) * 100) / 100 } : {}),
          ...(nextRotationAt !== undefined ? { nextRotationAt } : {}),
          ...(lastRotatedAt !== undefined ? { lastRotatedAt } : {}),
        }
      : { supported: false },
    ...(versions !== undefined ? { versions: versions.map(mapVersion) } : {}),
    ...(state === 'pending-deletion' && scheduled[0] !== undefined ? { deletionScheduledAt: scheduled[0] } : {}),
    ...(destroyWindow !== undefined ? { deletionWindowDays: Math.round((destroyWindow / DAY) * 100) / 100 } : {}),
    ...(key.labels && Object.keys(key.labels).length > 0 ? { tags: sortedObject(key.labels) } : {}),
    access: input.access,
    ...(input.rawPolicy !== undefined ? { rawPolicy: input.rawPolicy } : {}),
    ...(Object.keys(input.unknown).length > 0 ? { unknown: sortedObject(input.unknown) } : {}),
    raw: {
      purpose: key.purpose ?? null,
      ...(primary ? { primary: { name: primary.name ?? '', state: primary.state ?? '' }, primaryVersion: versionNumber(primary.name ?? '') } : {}),
      versionTemplate: { algorithm: template.algorithm ?? null, protectionLevel: template.protectionLevel ?? null },
      ...(key.rotationPeriod ? { rotationPeriod: `${durationSeconds(key.rotationPeriod) ?? 0}s` } : {}),
      ...(nextRotationAt !== undefined ? { nextRotationTime: nextRotationAt } : {}),
      ...(destroyWindow !== undefined ? { destroyScheduledDuration: `${destroyWindow}s` } : {}),
      ...(versions !== undefined ? { destroyTimes } : {}),
      ...(key.importOnly === true ? { importOnly: true } : {}),
      ...(key.cryptoKeyBackend ? { cryptoKeyBackend: key.cryptoKeyBackend } : {}),
    },
  };
  return record;
}

export function mapKeyRing(ring: KmsKeyRing, access: AccessStatement[] | undefined, unknown: UnknownFields): KeyContainer {
  const name = ring.name ?? '';
  const parts = nameParts(name);
  const createdAt = isoTime(ring.createTime);
  return {
    ref: { provider: 'gcp', account: parts.project, region: parts.location, type: 'key-ring', id: name, name: parts.ring ?? name },
    provider: 'gcp',
    account: parts.project,
    region: parts.location,
    id: name,
    name: parts.ring ?? name,
    kind: 'key-ring',
    ...(access !== undefined ? { access } : {}),
    ...(Object.keys(unknown).length > 0 ? { unknown: sortedObject(unknown) } : {}),
    ...(createdAt !== undefined ? { raw: { createTime: createdAt } } : {}),
  };
}

function sortedObject<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
