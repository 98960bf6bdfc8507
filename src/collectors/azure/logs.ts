// Key Vault audit events from a Log Analytics workspace (`--azure-workspace`), through
// @azure/monitor-query-logs. Both layouts are queried: the resource-specific AZKVAuditLogs table and the
// legacy AzureDiagnostics table (a workspace that lacks one answers "Failed to resolve table", which is
// not a gap). The window is read in day slices so that no slice nears the 500,000-row result cap; a
// slice that reaches ROW_CAP is a Truncated gap. Rows are mapped by the offline reader's mapping
// (src/logs/azure-keyvault.ts), so live and exported logs give identical KeyEvents.
//
// Pushed-down aggregation: per-key last cryptographic use (`summarize LastUse = max(TimeGenerated),
// Uses = count() by KeyId`) is computed in the workspace and returned as `lastUse`, so a key's
// lastUsedAt does not depend on downloading every event. Detectors need individual events (who, from
// where, when), so events are projected, not summarised.
import { LogsQueryResultStatus, type LogsQueryClient } from '@azure/monitor-query-logs';
import type { Gap, KeyEvent } from '../../core/model.js';
import { factsFromLogAnalyticsRow, mapAzureAuditFacts } from '../../logs/azure-keyvault.js';
import type { Json } from '../../logs/fields.js';
import type { ProgressSink } from '../progress.js';
import { classifyAzureError } from './errors.js';

export const LOGS_SOURCE = 'azure-monitor-logs';
export const ROW_CAP = 200_000;
const DAY_MS = 86_400_000;
const CRYPTO_OPERATIONS = ['KeyEncrypt', 'KeyDecrypt', 'KeySign', 'KeyVerify', 'KeyWrap', 'KeyUnwrap'];

const kqlString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const kqlList = (xs: readonly string[]) => `(${xs.map(kqlString).join(', ')})`;

export const TABLES = ['AZKVAuditLogs', 'AzureDiagnostics'] as const;
export type AuditTable = (typeof TABLES)[number];

/** The events query of one table (subscriptions filter optional). */
export function eventsQuery(table: AuditTable, subscriptions: readonly string[]): string {
  const subs = subscriptions.length > 0 ? kqlList(subscriptions) : undefined;
  if (table === 'AZKVAuditLogs') {
    return [
      'AZKVAuditLogs',
      '| where OperationName startswith "Key" or OperationName startswith "Vault"',
      ...(subs ? [`| where _SubscriptionId in~ ${subs}`] : []),
      '| project TimeGenerated, _ResourceId, OperationName, ResultType, ResultSignature, ResultDescription, CallerIpAddress, ClientInfo, CorrelationId, Identity, RequestUri, Id, HttpStatusCode, TrustedService, _ItemId',
      '| order by TimeGenerated asc',
      `| take ${ROW_CAP}`,
    ].join('\n');
  }
  const col = (name: string, type = 'string') => `${name} = column_ifexists(${kqlString(name)}, ${type === 'real' ? 'real(null)' : '""'})`;
  return [
    'AzureDiagnostics',
    '| where ResourceProvider == "MICROSOFT.KEYVAULT" and Category == "AuditEvent"',
    '| where OperationName startswith "Key" or OperationName startswith "Vault"',
    ...(subs ? [`| where SubscriptionId in~ ${subs}`] : []),
    `| project TimeGenerated, ResourceId, ResourceProvider, Category, OperationName, ResultType, ResultSignature, ResultDescription, CallerIPAddress, CorrelationId, _ItemId, ${[
      col('identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g'),
      col('identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s'),
      col('identity_claim_appid_g'),
      col('clientInfo_s'),
      col('requestUri_s'),
      col('id_s'),
      col('trustedService_s'),
      col('httpStatusCode_d', 'real'),
    ].join(', ')}`,
    '| order by TimeGenerated asc',
    `| take ${ROW_CAP}`,
  ].join('\n');
}

/** Last successful cryptographic use per versionless key id, summarised in the workspace. */
export function lastUseQuery(table: AuditTable): string {
  const idCol = table === 'AZKVAuditLogs' ? 'Id' : 'column_ifexists("id_s", "")';
  const status = table === 'AZKVAuditLogs' ? 'HttpStatusCode' : 'toint(column_ifexists("httpStatusCode_d", real(null)))';
  return [
    table,
    ...(table === 'AzureDiagnostics' ? ['| where ResourceProvider == "MICROSOFT.KEYVAULT" and Category == "AuditEvent"'] : []),
    `| where OperationName in ${kqlList(CRYPTO_OPERATIONS)} and ${status} < 400`,
    `| extend KeyId = tolower(extract(@"^(https://[^/]+/keys/[^/?]+)", 1, tostring(${idCol})))`,
    '| where isnotempty(KeyId)',
    '| summarize LastUse = max(TimeGenerated), Uses = count() by KeyId',
  ].join('\n');
}

type Row = Record<string, unknown>;

async function runQuery(client: LogsQueryClient, workspace: string, query: string, from: Date, to: Date, signal?: AbortSignal): Promise<{ rows: Row[]; partial?: string } | 'no-table'> {
  try {
    const r = await client.queryWorkspace(workspace, query, { startTime: from, endTime: to }, { serverTimeoutInSeconds: 180, ...(signal ? { abortSignal: signal } : {}) });
    const tables = r.status === LogsQueryResultStatus.Success ? r.tables : r.partialTables;
    const t = tables[0];
    const rows = t === undefined ? [] : t.rows.map((row) => Object.fromEntries(t.columnDescriptors.map((c, i) => [c.name ?? `c${i}`, row[i]])));
    return r.status === LogsQueryResultStatus.Success ? { rows } : { rows, partial: r.partialError?.message ?? 'partial result' };
  } catch (err) {
    const text = `${String((err as Error)?.message ?? err)} ${JSON.stringify((err as { details?: unknown })?.details ?? '')}`;
    if (/Failed to resolve table/i.test(text)) return 'no-table';
    throw err;
  }
}

/** A Log Analytics row as the offline reader expects it: dates as ISO strings. */
export function rowToJson(row: Row): Json {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

export interface WorkspaceEvents {
  events: KeyEvent[];
  /** versionless key id (lower case) → last successful cryptographic use (ISO). */
  lastUse: Map<string, string>;
  gaps: Gap[];
  /** Rows read per table, for the scope record and progress. */
  rows: Record<string, number>;
}

export async function readWorkspaceEvents(
  client: LogsQueryClient,
  workspace: string,
  window: { from: Date; to: Date },
  opts: { subscriptions: readonly string[]; progress: ProgressSink; signal?: AbortSignal },
): Promise<WorkspaceEvents> {
  const out: WorkspaceEvents = { events: [], lastUse: new Map(), gaps: [], rows: {} };
  const scope = (what: string) => `azure:workspace:${workspace}:${what}`;
  const gap = (what: string, err: unknown) => {
    const c = classifyAzureError(err);
    out.gaps.push({ source: LOGS_SOURCE, scope: scope(what), code: c.code, message: c.message, retryable: c.retryable });
  };
  let malformed = 0;
  for (const table of TABLES) {
    let present = true;
    let rows = 0;
    for (let start = window.from.getTime(); start < window.to.getTime() && present; start += DAY_MS) {
      const from = new Date(start);
      const to = new Date(Math.min(start + DAY_MS, window.to.getTime()));
      try {
        const r = await runQuery(client, workspace, eventsQuery(table, opts.subscriptions), from, to, opts.signal);
        if (r === 'no-table') {
          present = false;
          break;
        }
        if (r.partial) out.gaps.push({ source: LOGS_SOURCE, scope: scope(`${table}:${from.toISOString()}`), code: 'PartialResult', message: r.partial, retryable: true });
        if (r.rows.length >= ROW_CAP) {
          out.gaps.push({ source: LOGS_SOURCE, scope: scope(`${table}:${from.toISOString()}`), code: 'Truncated', message: `${table}: ${ROW_CAP} rows in one day from ${from.toISOString()}; later events of that day were not read`, retryable: false });
        }
        for (const row of r.rows) {
          const facts = factsFromLogAnalyticsRow(rowToJson(row));
          const m = facts === undefined ? undefined : mapAzureAuditFacts(facts, { file: `log-analytics:${workspace}/${table}`, format: 'azure-log-analytics' });
          if (m?.kind === 'event') out.events.push(m.event);
          else if (m === undefined || m.kind === 'error') malformed += 1;
        }
        rows += r.rows.length;
        opts.progress.update(`azure workspace ${workspace}`, `${table} rows`, rows);
      } catch (err) {
        gap(`${table}:${from.toISOString()}`, err);
      }
    }
    out.rows[table] = rows;
    if (!present) continue;
    try {
      const r = await runQuery(client, workspace, lastUseQuery(table), window.from, window.to, opts.signal);
      if (r !== 'no-table') {
        for (const row of r.rows) {
          const key = typeof row.KeyId === 'string' ? row.KeyId : undefined;
          const at = row.LastUse instanceof Date ? row.LastUse.toISOString() : typeof row.LastUse === 'string' ? row.LastUse : undefined;
          if (key && at && (out.lastUse.get(key) ?? '') < at) out.lastUse.set(key, at);
        }
      }
    } catch (err) {
      gap(`${table}:last-use`, err);
    }
  }
  if (malformed > 0) out.gaps.push({ source: LOGS_SOURCE, scope: scope('rows'), code: 'MalformedRecord', message: `${malformed} row(s) could not be mapped to key events`, retryable: false, count: malformed });
  opts.progress.end(`azure workspace ${workspace}`, 'events', out.events.length);
  return out;
}
