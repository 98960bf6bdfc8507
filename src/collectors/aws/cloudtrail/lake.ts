// KMS events from a CloudTrail Lake event data store: one SELECT for the raw events the detector needs
// (only the columns the mapper reads), and one GROUP BY that gives each key's last successful use,
// where a count per key is all the inventory needs (no event leaves Lake for it). StartQuery runs a
// SELECT only (Lake refuses anything else); GetQueryResults is polled while QUEUED or RUNNING, then
// paged with NextToken. Rows are arrays of single-key objects whose values are all strings.
import { GetQueryResultsCommand, StartQueryCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { Gap, KeyEvent } from '../../../core/model.js';
import { mapCloudTrailRecord } from '../../../logs/aws-cloudtrail.js';
import { awsGap, awsScope } from '../errors.js';
import type { PaceClock } from '../pace.js';
import { CLOUDTRAIL_SOURCE } from './trails.js';

export const LAKE_FORMAT = 'aws-cloudtrail-lake';

export interface LakeTarget {
  client: CloudTrailClient;
  /** Event data store ARN or id. */
  eventDataStore: string;
  accounts: string[];
  regions: string[];
  from: Date;
  to: Date;
  pace: PaceClock;
  /** Poll interval while the query runs (ms); default 1000. */
  pollMs?: number;
  onRows?: (rows: number) => void;
}

/** The id Lake's FROM clause takes: the last part of the ARN. */
export const eventDataStoreId = (arnOrId: string): string => arnOrId.slice(arnOrId.lastIndexOf('/') + 1);

const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

function where(t: Pick<LakeTarget, 'accounts' | 'regions' | 'from' | 'to'>): string {
  const parts = [`eventSource = 'kms.amazonaws.com'`, `eventTime >= '${sqlTime(t.from)}'`, `eventTime <= '${sqlTime(t.to)}'`];
  if (t.accounts.length > 0) parts.push(`recipientAccountId IN (${quoted(t.accounts)})`);
  if (t.regions.length > 0) parts.push(`awsRegion IN (${quoted(t.regions)})`);
  return parts.join(' AND ');
}

export function eventsQuery(t: Pick<LakeTarget, 'eventDataStore' | 'accounts' | 'regions' | 'from' | 'to'>): string {
  return `SELECT eventID, eventTime, eventName, awsRegion, recipientAccountId, userIdentity.type AS identityType, userIdentity.arn AS identityArn, userIdentity.accountId AS identityAccount, userIdentity.principalId AS principalId, userIdentity.invokedBy AS invokedBy, sourceIPAddress, userAgent, errorCode, readOnly, element_at(resources, 1).arn AS keyArn FROM ${eventDataStoreId(t.eventDataStore)} WHERE ${where(t)} ORDER BY eventTime, eventID`;
}

export function lastUseQuery(t: Pick<LakeTarget, 'eventDataStore' | 'accounts' | 'regions' | 'from' | 'to'>): string {
  return `SELECT element_at(resources, 1).arn AS keyArn, count(*) AS uses, max(eventTime) AS lastUsed FROM ${eventDataStoreId(t.eventDataStore)} WHERE ${where(t)} AND errorCode IS NULL AND eventName IN ('Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'ReEncrypt', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret') GROUP BY element_at(resources, 1).arn`;
}

type Row = Record<string, string>;

/** Runs one query to completion and returns its rows as flat objects. */
export async function runLakeQuery(client: CloudTrailClient, statement: string, pace: PaceClock, pollMs = 1000, onRows?: (n: number) => void): Promise<Row[]> {
  const { QueryId } = await client.send(new StartQueryCommand({ QueryStatement: statement }));
  if (QueryId === undefined) throw new Error('StartQuery returned no QueryId');
  const rows: Row[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await client.send(new GetQueryResultsCommand({ QueryId, ...(token !== undefined ? { NextToken: token } : {}) }));
    const status = page.QueryStatus;
    if (status === 'QUEUED' || status === 'RUNNING') {
      await pace.sleep(pollMs);
      continue;
    }
    if (status !== 'FINISHED') throw Object.assign(new Error(`CloudTrail Lake query ${QueryId} ended ${status ?? 'without a status'}: ${page.ErrorMessage ?? ''}`), { name: 'LakeQueryFailed' });
    for (const r of page.QueryResultRows ?? []) rows.push(Object.assign({}, ...r) as Row);
    onRows?.(rows.length);
    token = page.NextToken;
    if (token === undefined) return rows;
  }
}

/** Lake's `2024-01-01 00:00:00.000` → ISO 8601. */
export const isoFromLake = (t: string | undefined): string | undefined => (t === undefined || t === '' ? undefined : `${t.trim().replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(t) ? '' : 'Z'}`);

/** A row of eventsQuery → a CloudTrail record the offline mapper understands. */
export function recordFromRow(row: Row): Record<string, unknown> {
  const blank = (v: string | undefined) => (v === undefined || v === '' || v === 'null' ? undefined : v);
  const identity = Object.fromEntries(Object.entries({ type: blank(row['identityType']), arn: blank(row['identityArn']), accountId: blank(row['identityAccount']), principalId: blank(row['principalId']), invokedBy: blank(row['invokedBy']) }).filter(([, v]) => v !== undefined));
  const keyArn = blank(row['keyArn']);
  return Object.fromEntries(
    Object.entries({
      eventSource: 'kms.amazonaws.com',
      eventID: blank(row['eventID']),
      eventTime: isoFromLake(row['eventTime']),
      eventName: blank(row['eventName']),
      awsRegion: blank(row['awsRegion']),
      recipientAccountId: blank(row['recipientAccountId']),
      userIdentity: identity,
      sourceIPAddress: blank(row['sourceIPAddress']),
      userAgent: blank(row['userAgent']),
      errorCode: blank(row['errorCode']),
      readOnly: row['readOnly'] === undefined ? undefined : row['readOnly'] === 'true',
      resources: keyArn !== undefined ? [{ ARN: keyArn, type: 'AWS::KMS::Key' }] : undefined,
    }).filter(([, v]) => v !== undefined),
  );
}

export interface LakeResult {
  events: KeyEvent[];
  /** Key ARN → last successful cryptographic use in the window (from the GROUP BY query). */
  lastUse: Map<string, string>;
  gaps: Gap[];
}

export async function readLakeKmsEvents(target: LakeTarget): Promise<LakeResult> {
  const scope = awsScope('lake', 'global', 'cloudtrail', `StartQuery:${eventDataStoreId(target.eventDataStore)}`);
  const origin = { file: `cloudtrail-lake:${eventDataStoreId(target.eventDataStore)}`, format: LAKE_FORMAT };
  const gaps: Gap[] = [];
  const events: KeyEvent[] = [];
  const lastUse = new Map<string, string>();
  try {
    let malformed = 0;
    for (const row of await runLakeQuery(target.client, eventsQuery(target), target.pace, target.pollMs, target.onRows)) {
      const mapped = mapCloudTrailRecord(recordFromRow(row), origin);
      if (mapped.kind === 'event') events.push(mapped.event);
      else if (mapped.kind === 'error') malformed += 1;
    }
    if (malformed > 0) gaps.push({ source: CLOUDTRAIL_SOURCE, scope, code: 'MalformedRecord', message: `${malformed} CloudTrail Lake rows could not be read as KMS events`, retryable: false, count: malformed });
    for (const row of await runLakeQuery(target.client, lastUseQuery(target), target.pace, target.pollMs)) {
      const at = isoFromLake(row['lastUsed']);
      if (row['keyArn'] !== undefined && row['keyArn'] !== '' && at !== undefined) lastUse.set(row['keyArn'], at);
    }
  } catch (err) {
    gaps.push(awsGap(CLOUDTRAIL_SOURCE, scope, err));
  }
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return { events, lastUse, gaps };
}
