// Turns one raw record (bytes of one JSON value) of a known kind into a KeyEvent, a skip or an error.
// Non-key records are rejected before JSON.parse when a substring test makes that safe: a KMS
// CloudTrail record always contains `kms.amazonaws.com` (its eventSource), a Cloud KMS entry
// `cloudkms.googleapis.com` (its serviceName).
import type { KeyEvent } from '../core/model.js';
import { KMS_EVENT_SOURCE, mapCloudTrailRecord } from './aws-cloudtrail.js';
import { factsFromAuditEvent, factsFromLogAnalyticsRow, mapAzureAuditFacts } from './azure-keyvault.js';
import { obj, str, type MapResult } from './fields.js';
import type { RecordKind } from './formats.js';
import { KMS_SERVICE, mapGcpLogEntry } from './gcp-audit.js';

const PREFILTER: Partial<Record<RecordKind, string>> = {
  cloudtrail: KMS_EVENT_SOURCE,
  'cloudtrail-lookup': KMS_EVENT_SOURCE,
  'gcp-logentry': KMS_SERVICE,
};

export function mapRawRecord(kind: RecordKind, bytes: Buffer, origin: NonNullable<KeyEvent['origin']>): MapResult<KeyEvent> {
  const needle = PREFILTER[kind];
  if (needle !== undefined && bytes.indexOf(needle) < 0) return { kind: 'skip', reason: 'prefilter' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.toString('utf8', 3) : bytes.toString('utf8'));
  } catch (e) {
    return { kind: 'error', message: `invalid JSON: ${(e as Error).message}` };
  }
  return mapParsedRecord(kind, parsed, origin);
}

export function mapParsedRecord(kind: RecordKind, parsed: unknown, origin?: KeyEvent['origin']): MapResult<KeyEvent> {
  switch (kind) {
    case 'cloudtrail':
      return mapCloudTrailRecord(parsed, origin);
    case 'cloudtrail-lookup':
      return mapLookupEvent(parsed, origin);
    case 'gcp-logentry':
      return mapGcpLogEntry(parsed, origin);
    case 'azure-auditevent':
    case 'azure-log-analytics': {
      const rec = obj(parsed);
      if (!rec) return { kind: 'error', message: 'record is not a JSON object' };
      const facts = kind === 'azure-auditevent' ? factsFromAuditEvent(rec) : factsFromLogAnalyticsRow(rec);
      if (!facts) return { kind: 'error', message: 'time (or TimeGenerated) missing' };
      return mapAzureAuditFacts(facts, origin);
    }
  }
}

/** `aws cloudtrail lookup-events` element: the whole record is a JSON string in CloudTrailEvent. */
function mapLookupEvent(parsed: unknown, origin?: KeyEvent['origin']): MapResult<KeyEvent> {
  const rec = obj(parsed);
  if (!rec) return { kind: 'error', message: 'record is not a JSON object' };
  const inner = str(rec.CloudTrailEvent);
  if (inner === undefined) {
    if (rec.EventSource !== undefined && rec.EventSource !== KMS_EVENT_SOURCE) return { kind: 'skip', reason: 'not a KMS event' };
    return { kind: 'error', message: 'CloudTrailEvent missing' };
  }
  let event: unknown;
  try {
    event = JSON.parse(inner);
  } catch (e) {
    return { kind: 'error', message: `CloudTrailEvent is not valid JSON: ${(e as Error).message}` };
  }
  return mapCloudTrailRecord(event, origin);
}
