// Azure Key Vault / Managed HSM AuditEvent -> KeyEvent. Three layouts carry the same facts: the raw
// diagnostic record (storage account, Event Hub), the resource-specific `AZKVAuditLogs` table and the
// legacy flattened `AzureDiagnostics` table. Each is first normalised to `AuditFacts`, then mapped once.
import { createHash } from 'node:crypto';
import type { KeyEvent, OperationClass } from '../core/model.js';
import { compact, definedOnly, ipLiteral, isoTime, num, obj, str, type Json, type MapResult } from './fields.js';

export interface AuditFacts {
  time: string; // raw time text (kept for the event id's sub-millisecond precision)
  resourceId?: string;
  operationName?: string;
  category?: string;
  resultType?: string;
  resultSignature?: string;
  resultDescription?: string;
  httpStatusCode?: number;
  callerIp?: string;
  correlationId?: string;
  claims: Json;
  clientInfo?: string;
  requestUri?: string;
  id?: string;
  location?: string;
  trustedService?: string;
  itemId?: string;
}

const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const TID = 'http://schemas.microsoft.com/identity/claims/tenantid';

const CLASS_BY_OPERATION: Record<string, OperationClass> = {
  KeyEncrypt: 'encrypt',
  KeyDecrypt: 'decrypt',
  KeySign: 'sign',
  KeyVerify: 'verify',
  KeyWrap: 'wrap',
  KeyUnwrap: 'unwrap',
  KeyGet: 'describe',
  KeyGetDeleted: 'describe',
  KeyRotationPolicyGet: 'describe',
  KeyList: 'list',
  KeyListVersions: 'list',
  KeyListDeleted: 'list',
  KeyCreate: 'create',
  KeyImport: 'import',
  KeyRestore: 'import',
  KeyRotate: 'rotate',
  KeyRotateIfDue: 'rotate',
  KeyRotationPolicySet: 'admin',
  KeyUpdate: 'admin',
  KeyBackup: 'other',
  KeyRelease: 'other',
  KeyDelete: 'delete',
  KeyPurge: 'delete',
  KeyRecover: 'cancel-delete',
  VaultPut: 'policy-change',
  VaultPatch: 'policy-change',
  VaultDelete: 'delete',
  VaultPurge: 'delete',
  VaultRecover: 'cancel-delete',
  VaultAccessPolicyChangedEventGridNotification: 'policy-change',
};

const READ_ONLY = new Set<OperationClass>(['encrypt', 'decrypt', 'sign', 'verify', 'wrap', 'unwrap', 'describe', 'list']);

export function azureOperationClass(operationName: string): OperationClass {
  return CLASS_BY_OPERATION[operationName] ?? 'other';
}

/** Key operations and the vault-level writes that matter to keys; secrets, certificates, reads of the vault are skipped. */
export function isKeyOperation(operationName: string): boolean {
  return operationName.startsWith('Key') || (operationName.startsWith('Vault') && CLASS_BY_OPERATION[operationName] !== undefined);
}

/** Raw diagnostic record (storage / Event Hub) or an `AZKVAuditLogs` row (same names, Pascal case). */
export function factsFromAuditEvent(rec: Json): AuditFacts | undefined {
  const props = obj(rec.properties) ?? obj(rec.Properties) ?? {};
  const identity = obj(rec.identity) ?? obj(rec.Identity) ?? {};
  const time = str(rec.time) ?? str(rec.TimeGenerated);
  if (time === undefined) return undefined;
  return compact({
    time,
    resourceId: str(rec.resourceId) ?? str(rec._ResourceId) ?? str(rec.ResourceId),
    operationName: str(rec.operationName) ?? str(rec.OperationName),
    category: str(rec.category) ?? str(rec.Category),
    resultType: str(rec.resultType) ?? str(rec.ResultType),
    resultSignature: str(rec.resultSignature) ?? str(rec.ResultSignature),
    resultDescription: str(rec.resultDescription) ?? str(rec.ResultDescription),
    httpStatusCode: num(props.httpStatusCode) ?? num(rec.HttpStatusCode),
    callerIp: str(rec.callerIpAddress) ?? str(rec.CallerIpAddress) ?? str(rec.CallerIPAddress),
    correlationId: str(rec.correlationId) ?? str(rec.CorrelationId),
    claims: obj(identity.claim) ?? obj(identity.Claim) ?? {},
    clientInfo: str(props.clientInfo) ?? str(rec.ClientInfo),
    requestUri: str(props.requestUri) ?? str(rec.RequestUri),
    id: str(props.id) ?? str(rec.Id),
    location: str(rec.location) ?? str(rec.Location),
    trustedService: str(props.trustedService) ?? str(rec.TrustedService),
    itemId: str(rec._ItemId),
  });
}

/** `AzureDiagnostics` row: flattened claim columns with type suffixes (_s, _g, _d). */
export function factsFromAzureDiagnostics(row: Json): AuditFacts | undefined {
  const time = str(row.TimeGenerated);
  if (time === undefined) return undefined;
  const claims: Json = {};
  const oid = str(row.identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g) ?? str(row.identity_claim_oid_g);
  const upn = str(row.identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s) ?? str(row.identity_claim_upn_s);
  const tid = str(row.identity_claim_http_schemas_microsoft_com_identity_claims_tenantid_g) ?? str(row.identity_claim_tid_g);
  if (oid) claims[OID] = oid;
  if (upn) claims[UPN] = upn;
  if (tid) claims[TID] = tid;
  const appid = str(row.identity_claim_appid_g);
  if (appid) claims.appid = appid;
  return compact({
    time,
    resourceId: str(row.ResourceId) ?? str(row._ResourceId),
    operationName: str(row.OperationName),
    category: str(row.Category),
    resultType: str(row.ResultType),
    resultSignature: str(row.ResultSignature),
    resultDescription: str(row.ResultDescription),
    httpStatusCode: num(row.httpStatusCode_d),
    callerIp: str(row.CallerIPAddress),
    correlationId: str(row.CorrelationId),
    claims,
    clientInfo: str(row.clientInfo_s),
    requestUri: str(row.requestUri_s),
    id: str(row.id_s),
    location: undefined,
    trustedService: str(row.trustedService_s),
    itemId: str(row._ItemId),
  });
}

/** A Log Analytics row of either table: `AzureDiagnostics` has flattened `_s`/`_g` columns. */
export function factsFromLogAnalyticsRow(row: Json): AuditFacts | undefined {
  const flattened = 'ResourceProvider' in row || 'id_s' in row || 'requestUri_s' in row || Object.keys(row).some((k) => k.startsWith('identity_claim_'));
  return flattened ? factsFromAzureDiagnostics(row) : factsFromAuditEvent(row);
}

export function mapAzureAuditFacts(f: AuditFacts, origin?: KeyEvent['origin']): MapResult<KeyEvent> {
  if (f.category !== undefined && f.category !== 'AuditEvent') return { kind: 'skip', reason: `category ${f.category}` };
  if (f.resourceId !== undefined && !/\/providers\/microsoft\.keyvault\//i.test(f.resourceId)) return { kind: 'skip', reason: 'not a Key Vault resource' };
  const op = f.operationName;
  if (op === undefined) return { kind: 'error', message: 'operationName missing' };
  if (!isKeyOperation(op)) return { kind: 'skip', reason: `not a key operation (${op})` };
  const time = isoTime(f.time);
  if (time === undefined) return { kind: 'error', message: 'time missing or not a date' };
  const opClass = azureOperationClass(op);
  const key = parseKeyUri(f.id) ?? parseKeyUri(f.requestUri);
  const status = f.httpStatusCode ?? num(f.resultSignature);
  const failed = status !== undefined ? status >= 400 : f.resultType !== undefined && f.resultType !== 'Success';
  const event: KeyEvent = {
    time,
    provider: 'azure',
    account: subscriptionOf(f.resourceId),
    region: f.location?.toLowerCase(),
    keyId: key?.keyId,
    operation: { raw: op, class: opClass, readOnly: READ_ONLY.has(opClass) },
    principal: azurePrincipal(f.claims),
    sourceIp: ipLiteral(stripPort(f.callerIp)),
    userAgent: f.clientInfo,
    viaService: f.trustedService,
    outcome: failed ? 'failure' : 'success',
    errorCode: failed ? (f.resultSignature ?? (status !== undefined ? String(status) : f.resultType)) : undefined,
    errorMessage: failed ? f.resultDescription : undefined,
    requestId: f.correlationId,
    eventId: f.itemId ?? azureEventId(f),
    details: azureDetails(f, key),
    origin,
  };
  return { kind: 'event', event: compact(event) };
}

export function azurePrincipal(claims: Json): KeyEvent['principal'] {
  const oid = str(claims[OID]) ?? str(claims.oid);
  const upn = str(claims[UPN]) ?? str(claims.upn);
  const appid = str(claims.appid) ?? str(claims.azp);
  const tenant = str(claims[TID]) ?? str(claims.tid);
  const type = upn ? ('user' as const) : appid || oid ? ('application' as const) : ('unknown' as const);
  return compact({ id: oid ?? appid ?? upn ?? 'unknown', type, name: upn ?? appid, account: tenant });
}

/** https://v.vault.azure.net/keys/name/<32-hex version>/decrypt?api-version=… -> versionless key id. */
export function parseKeyUri(uri: string | undefined): { keyId?: string; vault: string; version?: string } | undefined {
  if (uri === undefined) return undefined;
  const m = /^https:\/\/([^/?#]+)(?:\/(keys|deletedkeys)(?:\/([^/?#]+))?(?:\/([^/?#]+))?)?/i.exec(uri);
  if (!m || !m[1]) return undefined;
  const vault = `https://${m[1].toLowerCase()}`;
  const name = m[3];
  const version = m[4] && /^[0-9a-f]{32}$/i.test(m[4]) ? m[4] : undefined;
  return compact({ keyId: name ? `${vault}/keys/${name}` : undefined, vault, version });
}

function subscriptionOf(resourceId: string | undefined): string | undefined {
  return resourceId === undefined ? undefined : /\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1]?.toLowerCase();
}

function stripPort(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(ip);
  return v4WithPort ? v4WithPort[1] : ip;
}

/** AuditEvent has no unique id: hash the facts, keeping the time's 100 ns precision. */
function azureEventId(f: AuditFacts): string {
  const fraction = /\.(\d+)/.exec(f.time)?.[1] ?? '';
  const parts = [
    isoTime(f.time)?.slice(0, 19),
    fraction.padEnd(7, '0').slice(0, 7),
    f.resourceId?.toLowerCase(),
    f.operationName,
    f.requestUri,
    f.id,
    f.callerIp,
    f.correlationId,
    str(f.claims[OID]) ?? str(f.claims.oid),
    f.resultSignature,
  ];
  return 'azure:' + createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 32);
}

function azureDetails(f: AuditFacts, key: ReturnType<typeof parseKeyUri>): Record<string, unknown> | undefined {
  return definedOnly({
    vault: key?.vault,
    keyVersion: key?.version,
    resourceId: f.resourceId,
    httpStatusCode: f.httpStatusCode,
    callerIpAddress: f.callerIp !== undefined && ipLiteral(stripPort(f.callerIp)) === undefined ? f.callerIp : undefined,
  });
}
