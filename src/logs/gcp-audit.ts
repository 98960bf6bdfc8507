// Cloud Logging LogEntry with an AuditLog protoPayload from cloudkms.googleapis.com -> KeyEvent.
import { createHash } from 'node:crypto';
import type { KeyEvent, OperationClass } from '../core/model.js';
import { compact, definedOnly, ipLiteral, isoTime, num, obj, str, type Json, type MapResult } from './fields.js';

export const KMS_SERVICE = 'cloudkms.googleapis.com';

const CLASS_BY_METHOD: Record<string, OperationClass> = {
  Encrypt: 'encrypt',
  RawEncrypt: 'encrypt',
  Decrypt: 'decrypt',
  RawDecrypt: 'decrypt',
  AsymmetricDecrypt: 'decrypt',
  AsymmetricSign: 'sign',
  MacSign: 'mac',
  MacVerify: 'mac',
  Decapsulate: 'other',
  GenerateRandomBytes: 'other',
  GetCryptoKey: 'describe',
  GetCryptoKeyVersion: 'describe',
  GetKeyRing: 'describe',
  GetPublicKey: 'describe',
  GetImportJob: 'describe',
  GetIamPolicy: 'describe',
  GetEkmConnection: 'describe',
  ListCryptoKeys: 'list',
  ListCryptoKeyVersions: 'list',
  ListKeyRings: 'list',
  ListImportJobs: 'list',
  ListLocations: 'list',
  CreateKeyRing: 'create',
  CreateCryptoKey: 'create',
  CreateCryptoKeyVersion: 'rotate',
  UpdateCryptoKeyPrimaryVersion: 'rotate',
  ImportCryptoKeyVersion: 'import',
  CreateImportJob: 'admin',
  UpdateCryptoKey: 'admin',
  DestroyCryptoKeyVersion: 'delete',
  RestoreCryptoKeyVersion: 'cancel-delete',
  SetIamPolicy: 'policy-change',
};

const READ_ONLY = new Set<OperationClass>(['encrypt', 'decrypt', 'sign', 'mac', 'describe', 'list']);

const GRPC_CODES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE',
  'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];

/** `google.cloud.kms.v1.KeyManagementService.Decrypt` or `Decrypt` -> `Decrypt`. */
export function gcpMethod(methodName: string): string {
  return methodName.slice(methodName.lastIndexOf('.') + 1);
}

export function gcpOperationClass(method: string, request: Json | undefined): OperationClass {
  if (method === 'UpdateCryptoKeyVersion') {
    const state = str(obj(request?.cryptoKeyVersion)?.state);
    return state === 'ENABLED' ? 'enable' : state === 'DISABLED' ? 'disable' : 'admin';
  }
  return CLASS_BY_METHOD[method] ?? 'other';
}

export function mapGcpLogEntry(input: unknown, origin?: KeyEvent['origin']): MapResult<KeyEvent> {
  const entry = obj(input);
  if (!entry) return { kind: 'error', message: 'record is not a JSON object' };
  const payload = obj(entry.protoPayload);
  if (!payload || payload.serviceName !== KMS_SERVICE) return { kind: 'skip', reason: 'not a Cloud KMS audit entry' };
  const time = isoTime(entry.timestamp) ?? isoTime(entry.receiveTimestamp);
  if (!time) return { kind: 'error', message: 'timestamp missing or not a date' };
  const methodName = str(payload.methodName);
  if (!methodName) return { kind: 'error', message: 'protoPayload.methodName missing' };
  const method = gcpMethod(methodName);
  const request = obj(payload.request);
  const opClass = gcpOperationClass(method, request);
  const resource = parseKmsResource(str(payload.resourceName), str(request?.cryptoKeyId));
  const labels = obj(obj(entry.resource)?.labels) ?? {};
  const meta = obj(payload.requestMetadata) ?? {};
  const status = obj(payload.status) ?? {};
  const code = num(status.code) ?? 0;
  const auth = obj(payload.authenticationInfo) ?? {};
  const principal = gcpPrincipal(auth);
  const event: KeyEvent = {
    time,
    provider: 'gcp',
    account: str(labels.project_id) ?? resource.project,
    region: str(labels.location) ?? resource.location,
    keyId: resource.keyId,
    operation: { raw: method, class: opClass, readOnly: READ_ONLY.has(opClass) },
    principal,
    sourceIp: ipLiteral(meta.callerIp),
    userAgent: str(meta.callerSuppliedUserAgent),
    viaService: principal.type === 'service' ? principal.id.split('@')[1] : undefined,
    outcome: code === 0 ? 'success' : 'failure',
    errorCode: code === 0 ? undefined : (GRPC_CODES[code] ?? String(code)),
    errorMessage: code === 0 ? undefined : str(status.message),
    requestId: str(obj(entry.operation)?.id),
    eventId: gcpEventId(entry),
    details: gcpDetails(method, payload, request, resource, meta),
    origin,
  };
  return { kind: 'event', event: compact(event) };
}

export function gcpPrincipal(auth: Json): KeyEvent['principal'] {
  const email = str(auth.principalEmail);
  if (email === undefined) {
    const subject = str(auth.principalSubject);
    return subject ? { id: subject, type: 'federated' } : { id: 'unknown', type: 'unknown' };
  }
  const sa = /^([^@]+)@(.+)\.gserviceaccount\.com$/.exec(email);
  if (!sa) return { id: email, type: 'user' };
  const [, local, domain] = sa as unknown as [string, string, string];
  // Google-managed service agents (service-<n>@gs-project-accounts..., service-<n>@gcp-sa-*.iam...) act for a service.
  const agent = /^service-\d+$/.test(local) || domain.startsWith('gcp-sa-') || domain === 'cloudservices' || domain.startsWith('gs-project-accounts');
  const project = domain.endsWith('.iam') && !agent ? domain.slice(0, -4) : undefined;
  return compact({ id: email, type: agent ? ('service' as const) : ('service-account' as const), account: project });
}

/** projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N -> key name without the version. */
export function parseKmsResource(resourceName: string | undefined, createdKeyId?: string): { keyId?: string; keyRing?: string; project?: string; location?: string; version?: string } {
  if (resourceName === undefined) return {};
  const m = /^(?:\/\/cloudkms\.googleapis\.com\/)?(projects\/([^/]+)\/locations\/([^/]+)(?:\/keyRings\/([^/]+))?)(?:\/cryptoKeys\/([^/]+))?(?:\/cryptoKeyVersions\/([^/]+))?/.exec(resourceName);
  if (!m) return {};
  const [, , project, location, ring, key, version] = m;
  const keyRing = ring ? `projects/${project}/locations/${location}/keyRings/${ring}` : undefined;
  const keyName = key ?? (keyRing && createdKeyId ? createdKeyId : undefined);
  return compact({ keyId: keyRing && keyName ? `${keyRing}/cryptoKeys/${keyName}` : undefined, keyRing, project, location, version });
}

function gcpEventId(entry: Json): string {
  const insertId = str(entry.insertId);
  if (insertId) return `gcp:${insertId}`;
  return 'gcp:' + createHash('sha256').update(JSON.stringify(entry)).digest('hex').slice(0, 32);
}

function gcpDetails(method: string, payload: Json, request: Json | undefined, resource: ReturnType<typeof parseKmsResource>, meta: Json): Record<string, unknown> | undefined {
  const cryptoKey = obj(request?.cryptoKey);
  return definedOnly({
    keyRing: resource.keyId ? undefined : resource.keyRing,
    keyVersion: resource.version,
    policy: method === 'SetIamPolicy' ? request?.policy : undefined,
    rotationPeriod: str(cryptoKey?.rotationPeriod),
    nextRotationTime: str(cryptoKey?.nextRotationTime),
    destroyScheduledDuration: str(cryptoKey?.destroyScheduledDuration),
    purpose: str(cryptoKey?.purpose),
    versionState: str(obj(request?.cryptoKeyVersion)?.state),
    updateMask: str(request?.updateMask),
    callerIp: ipLiteral(meta.callerIp) === undefined ? str(meta.callerIp) : undefined,
    principalSubject: str(obj(payload.authenticationInfo)?.principalSubject),
  });
}
