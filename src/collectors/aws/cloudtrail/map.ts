// CloudTrail trail configuration → LoggingConfig. Pure. A trail "covers kms" when one of its
// management-event selectors does not exclude kms.amazonaws.com; read/write come from the selectors'
// ReadWriteType (basic) or `readOnly` field (advanced). KMS crypto calls are read-only management
// events, so a write-only trail misses Decrypt/Encrypt/GenerateDataKey.
import type { AdvancedEventSelector, EventSelector, GetTrailStatusCommandOutput, Trail } from '@aws-sdk/client-cloudtrail';
import type { LoggingConfig, UnknownFields } from '../../../core/model.js';

export interface RawTrail {
  /** Account and Region the trail was read from (the ARN's account owns it). */
  account: string;
  region: string;
  trail: Trail;
  status?: Pick<GetTrailStatusCommandOutput, 'IsLogging'>;
  selectors?: { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] };
  unknown: UnknownFields;
}

const KMS_SOURCE = 'kms.amazonaws.com';

interface Coverage {
  read: boolean;
  write: boolean;
  kms: boolean;
}

function basicCoverage(selectors: EventSelector[]): Coverage {
  const c: Coverage = { read: false, write: false, kms: false };
  for (const s of selectors) {
    if (s.IncludeManagementEvents === false) continue;
    if ((s.ExcludeManagementEventSources ?? []).includes(KMS_SOURCE)) continue;
    const rw = s.ReadWriteType ?? 'All';
    c.kms = true;
    if (rw === 'All' || rw === 'ReadOnly') c.read = true;
    if (rw === 'All' || rw === 'WriteOnly') c.write = true;
  }
  return c;
}

function advancedCoverage(selectors: AdvancedEventSelector[]): Coverage {
  const c: Coverage = { read: false, write: false, kms: false };
  for (const s of selectors) {
    const fields = new Map((s.FieldSelectors ?? []).map((f) => [f.Field ?? '', f]));
    if (!(fields.get('eventCategory')?.Equals ?? []).includes('Management')) continue;
    const source = fields.get('eventSource');
    if ((source?.NotEquals ?? []).includes(KMS_SOURCE)) continue;
    if (source?.Equals !== undefined && !source.Equals.includes(KMS_SOURCE)) continue;
    const readOnly = fields.get('readOnly')?.Equals;
    c.kms = true;
    if (readOnly === undefined || readOnly.includes('true')) c.read = true;
    if (readOnly === undefined || readOnly.includes('false')) c.write = true;
  }
  return c;
}

export function trailCoverage(selectors: NonNullable<RawTrail['selectors']>): Coverage {
  if (selectors.AdvancedEventSelectors !== undefined && selectors.AdvancedEventSelectors.length > 0) {
    return advancedCoverage(selectors.AdvancedEventSelectors);
  }
  return basicCoverage(selectors.EventSelectors ?? []);
}

export function mapTrail(raw: RawTrail): LoggingConfig {
  const t = raw.trail;
  const id = t.TrailARN ?? `arn:aws:cloudtrail:${t.HomeRegion ?? raw.region}:${raw.account}:trail/${t.Name ?? ''}`;
  const owner = id.split(':')[4] || raw.account;
  const region = t.HomeRegion ?? raw.region;
  const coverage = raw.selectors !== undefined ? trailCoverage(raw.selectors) : undefined;
  const out: LoggingConfig = {
    ref: { provider: 'aws', account: owner, region, type: 'trail', id, ...(t.Name !== undefined ? { name: t.Name } : {}) },
    provider: 'aws',
    account: owner,
    region,
    id,
    kind: 'cloudtrail-trail',
  };
  if (raw.status?.IsLogging !== undefined) out.enabled = raw.status.IsLogging;
  if (t.IsMultiRegionTrail !== undefined) out.multiRegion = t.IsMultiRegionTrail;
  if (t.IsOrganizationTrail !== undefined) out.organization = t.IsOrganizationTrail;
  if (coverage !== undefined) {
    out.readEvents = coverage.read;
    out.writeEvents = coverage.write;
    out.covers = coverage.kms ? ['kms'] : [];
  }
  if (t.LogFileValidationEnabled !== undefined) out.logFileValidation = t.LogFileValidationEnabled;
  if (t.KmsKeyId !== undefined) out.encryptedWithKey = t.KmsKeyId;
  if (Object.keys(raw.unknown).length > 0) out.unknown = { ...raw.unknown };
  out.raw = Object.fromEntries(
    Object.entries({ S3BucketName: t.S3BucketName, S3KeyPrefix: t.S3KeyPrefix, HomeRegion: t.HomeRegion, ...raw.selectors }).filter(([, v]) => v !== undefined),
  );
  return out;
}
