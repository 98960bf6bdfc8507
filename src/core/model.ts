// keywarden's provider-neutral model. Collectors and log readers produce it; policies, detectors and
// reporters consume it and never see SDK shapes. Field names are the JSON names of the inventory
// snapshot (reports/schemas/inventory.schema.json) and of the policy input.
//
// Unknown is not false: when a collector could not read a field (denied, throttled, unreachable), the
// field is left absent AND named in the record's `unknown` map with the reason, so a policy can
// report "unknown" instead of pass or fail.

export type Provider = 'aws' | 'azure' | 'gcp' | 'pkcs11';
export const PROVIDERS: readonly Provider[] = ['aws', 'azure', 'gcp', 'pkcs11'];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** field name (or dotted path) -> why it could not be read, e.g. { policy: 'AccessDenied: kms:GetKeyPolicy' } */
export type UnknownFields = Record<string, string>;

/** Canonical identity of a resource (key, key version, vault, token, trail). */
export interface ResourceRef {
  provider: Provider;
  /** AWS account, Azure subscription, GCP project, PKCS#11 token label (or serial). */
  account: string;
  /** AWS region, Azure location, GCP location; absent for PKCS#11. */
  region?: string;
  /** 'kms-key', 'key-vault-key', 'managed-hsm-key', 'crypto-key', 'hsm-object', 'key-vault', 'key-ring', 'trail', ... */
  type: string;
  /** ARN, key URI, resource name, RFC 7512 PKCS#11 URI. */
  id: string;
  name?: string;
}

/** A normalised access-policy statement: (principal, actions, conditions, effect). */
export interface AccessStatement {
  effect: 'allow' | 'deny';
  /** Stable principal ids: ARNs, `*`, object ids, `user:a@b`, `allUsers`, `serviceAccount:...`. */
  principals: string[];
  /** true when a principal is public (`*`, allUsers, allAuthenticatedUsers) before conditions. */
  public?: boolean;
  /** Provider action names (`kms:Decrypt`, `decrypt`, `roles/cloudkms.cryptoKeyDecrypter`), `*` allowed. */
  actions: string[];
  /** Conditions as given, keys lower-cased (AWS condition keys are case-insensitive). */
  conditions?: Record<string, unknown>;
  /** Where the statement comes from: key policy, IAM policy, grant, access policy, RBAC, inherited. */
  source: 'key-policy' | 'iam' | 'grant' | 'vault-access-policy' | 'rbac' | 'iam-binding' | 'inherited';
  /** Resource the statement is attached to, when inherited (key ring, project, vault). */
  scope?: string;
  sid?: string;
  /** IAM identity policies: the statement's Resource patterns (a key policy's resource is its key). */
  resources?: string[];
  /** IAM identity policies: the policy the statement comes from (managed policy ARN, or `<identity ARN>#inline/<name>`). */
  policy?: string;
}

export interface KeyGrant {
  id: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  operations: string[];
  constraints?: Record<string, unknown>;
  createdAt?: string;
}

export interface KeyVersion {
  id: string;
  state: string; // provider's raw state (ENABLED, DISABLED, DESTROYED, ...)
  enabled?: boolean;
  createdAt?: string;
  algorithm?: string;
  protectionLevel?: string;
}

export interface RotationSettings {
  /** Automatic rotation configured and on. */
  enabled?: boolean;
  /** Whether the provider can auto-rotate this key at all (false for asymmetric, HMAC, imported, external). */
  supported?: boolean;
  periodDays?: number;
  nextRotationAt?: string;
  lastRotatedAt?: string;
  /** Azure: rotation policy lifetime actions; kept raw-ish but normalised into days where possible. */
  rotateAfterCreateDays?: number;
  rotateBeforeExpiryDays?: number;
  notifyBeforeExpiryDays?: number;
  /** Rotations seen (ListKeyRotations and versions), newest first. */
  history?: { at: string; type: 'automatic' | 'on-demand' | 'version' }[];
}

/** PKCS#11 object attributes (CKA_*), lower camel case without prefix; absent = not readable. */
export interface HsmAttributes {
  class?: string; // CKO_SECRET_KEY, CKO_PRIVATE_KEY, ...
  keyType?: string; // CKK_AES, CKK_RSA, ...
  token?: boolean;
  private?: boolean;
  sensitive?: boolean;
  alwaysSensitive?: boolean;
  extractable?: boolean;
  neverExtractable?: boolean;
  local?: boolean;
  modifiable?: boolean;
  copyable?: boolean;
  destroyable?: boolean;
  trusted?: boolean;
  wrapWithTrusted?: boolean;
  encrypt?: boolean;
  decrypt?: boolean;
  sign?: boolean;
  verify?: boolean;
  wrap?: boolean;
  unwrap?: boolean;
  derive?: boolean;
  startDate?: string;
  endDate?: string;
  label?: string;
  id?: string; // CKA_ID hex
}

export interface KeyRecord {
  ref: ResourceRef;
  provider: Provider;
  account: string;
  region?: string;
  /** Vault, key ring, token or custom key store the key lives in (its ResourceRef.id). */
  container?: string;
  id: string;
  name?: string;
  aliases?: string[];
  description?: string;
  /** 'customer' or 'provider' (AWS-managed, Google-managed, Microsoft-managed). */
  manager?: 'customer' | 'provider';
  /** encrypt-decrypt, sign-verify, mac, wrap-unwrap, key-agreement, ... normalised. */
  purpose?: 'encrypt-decrypt' | 'sign-verify' | 'mac' | 'wrap-unwrap' | 'key-agreement' | 'derive' | 'other';
  /** Provider's own usage/purpose names (ENCRYPT_DECRYPT, ASYMMETRIC_SIGN, ["encrypt","decrypt"]). */
  usage?: string[];
  /** Key type family: symmetric, rsa, ec, hmac, okp, ml-dsa, ... */
  keyType?: string;
  /** Provider's spec/algorithm (SYMMETRIC_DEFAULT, RSA_2048, EC_SECG_P256K1, GOOGLE_SYMMETRIC_ENCRYPTION, RSA-HSM). */
  spec?: string;
  algorithm?: string;
  sizeBits?: number;
  curve?: string;
  /** Where the material came from. */
  origin?: 'generated' | 'imported' | 'external' | 'hsm' | 'cloudhsm' | 'external-key-store';
  /** software, hsm, external, external-vpc. */
  protectionLevel?: 'software' | 'hsm' | 'external' | 'external-vpc';
  /** Normalised state. */
  state?: 'enabled' | 'disabled' | 'pending-deletion' | 'pending-import' | 'destroyed' | 'unavailable' | 'other';
  /** Provider's raw state. */
  rawState?: string;
  enabled?: boolean;
  createdAt?: string;
  /** When the key (or newest version) was last rotated. */
  lastRotatedAt?: string;
  rotation?: RotationSettings;
  versions?: KeyVersion[];
  expiresAt?: string;
  notBefore?: string;
  deletionScheduledAt?: string;
  /** Days between deletion request and destruction (AWS PendingWindowInDays, GCP destroy duration, Azure retention). */
  deletionWindowDays?: number;
  tags?: Record<string, string>;
  /** Normalised access statements from key policy, grants, IAM, RBAC, access policies (inherited ones too). */
  access?: AccessStatement[];
  /** The raw key policy document (AWS) / IAM policy (GCP) / access policies (Azure), as the provider returned it. */
  rawPolicy?: unknown;
  grants?: KeyGrant[];
  multiRegion?: { role: 'primary' | 'replica'; primaryId?: string; replicaIds?: string[] };
  hsm?: HsmAttributes;
  /** Last use, from provider data or usage logs. */
  lastUsedAt?: string;
  unknown?: UnknownFields;
  /** The provider's own fields as returned (scrubbed of nothing sensitive: key material is never requested). */
  raw?: Record<string, unknown>;
}

/** A vault, key ring, HSM token, custom key store or account-level KMS configuration. */
export interface KeyContainer {
  ref: ResourceRef;
  provider: Provider;
  account: string;
  region?: string;
  id: string;
  name?: string;
  /** key-vault, managed-hsm, key-ring, pkcs11-token, custom-key-store. */
  kind: string;
  softDelete?: boolean;
  softDeleteRetentionDays?: number;
  purgeProtection?: boolean;
  publicNetworkAccess?: boolean;
  /** Firewall default action allow = reachable from any network. */
  networkDefaultAllow?: boolean;
  privateEndpoint?: boolean;
  rbacAuthorization?: boolean;
  /** Diagnostic settings / audit logging enabled on the container. */
  auditLogging?: boolean;
  tags?: Record<string, string>;
  access?: AccessStatement[];
  /** PKCS#11 token info. */
  token?: { label?: string; manufacturer?: string; model?: string; serial?: string; flags?: string[]; slot?: number };
  unknown?: UnknownFields;
  raw?: Record<string, unknown>;
}

/** Audit-logging configuration that covers key operations (CloudTrail trail, diagnostic setting, audit config). */
export interface LoggingConfig {
  ref: ResourceRef;
  provider: Provider;
  account: string;
  region?: string;
  id: string;
  kind: 'cloudtrail-trail' | 'azure-diagnostic-setting' | 'gcp-audit-config' | 'other';
  enabled?: boolean;
  multiRegion?: boolean;
  organization?: boolean;
  /** Management events read/write recorded; data events. */
  readEvents?: boolean;
  writeEvents?: boolean;
  /** Services or resources covered ('kms', a vault id, 'cloudkms.googleapis.com'). */
  covers?: string[];
  logFileValidation?: boolean;
  encryptedWithKey?: string;
  unknown?: UnknownFields;
  raw?: Record<string, unknown>;
}

/** What could not be collected or read: a result, never a log line. */
export interface Gap {
  /** Collector or reader id: 'aws-kms', 'log-reader', 'policy-engine', ... */
  source: string;
  /** e.g. 'aws:123456789012:eu-west-1:kms:GetKeyPolicy' or a file path with line. */
  scope: string;
  /** Stable code: AccessDenied, Throttled, Unreachable, MalformedRecord, TruncatedFile, ... */
  code: string;
  message: string;
  retryable: boolean;
  /** The resource the gap concerns, when it concerns one. */
  resource?: ResourceRef;
  /** For repeated gaps (e.g. malformed lines in one file), how many times it happened. */
  count?: number;
  /** File and line for malformed input. */
  file?: string;
  line?: number;
}

export interface Inventory {
  schemaVersion: 1;
  tool: { name: 'keywarden'; version: string };
  collectedAt: string;
  /** What was asked for: providers, accounts, regions, projects, tokens. */
  scope: Record<string, unknown>;
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
}

export type OperationClass =
  | 'encrypt'
  | 'decrypt'
  | 'generate-data-key'
  | 'sign'
  | 'verify'
  | 'mac'
  | 're-encrypt'
  | 'wrap'
  | 'unwrap'
  | 'describe'
  | 'list'
  | 'admin'
  | 'create'
  | 'import'
  | 'rotate'
  | 'enable'
  | 'disable'
  | 'delete'
  | 'cancel-delete'
  | 'policy-change'
  | 'grant'
  | 'revoke'
  | 'other';

/** One key-usage log record, normalised. */
export interface KeyEvent {
  time: string; // ISO 8601 UTC
  provider: Provider;
  account?: string;
  region?: string;
  /** The key the call concerned (ARN, key URI, resource name); absent for list calls. */
  keyId?: string;
  /** Other keys named by the call (ReEncrypt destination, grants, aliases). */
  otherKeyIds?: string[];
  operation: { raw: string; class: OperationClass; readOnly: boolean };
  principal: {
    /** Stable identity: role ARN rather than session ARN, object id, service account email. */
    id: string;
    type: 'user' | 'role' | 'service' | 'service-account' | 'root' | 'federated' | 'application' | 'unknown';
    name?: string;
    /** Account of the principal, for cross-account detection. */
    account?: string;
  };
  sourceIp?: string;
  userAgent?: string;
  /** AWS service acting on the principal's behalf (invokedBy), Azure/GCP equivalents. */
  viaService?: string;
  outcome: 'success' | 'failure';
  errorCode?: string;
  errorMessage?: string;
  requestId?: string;
  /** Unique per event; duplicates (same id) count once. */
  eventId: string;
  /** Parameters that matter to detections (e.g. pendingWindowInDays, policy text, grantee). */
  details?: Record<string, unknown>;
  /** Where the event came from: file path and line (or record index). */
  origin?: { file: string; line?: number; format: string };
}

export type FindingStatus = 'fail' | 'unknown' | 'suppressed';

export interface Finding {
  ruleId: string;
  kind: 'policy' | 'anomaly';
  severity: Severity;
  status: FindingStatus;
  message: string;
  resource: { provider: Provider; account: string; region?: string; id: string; name?: string; type?: string };
  /** Anomalies: the stable principal identity. */
  principal?: string;
  /** Anomalies: the window the finding covers. */
  window?: { start: string; end: string };
  /** The observed values the decision used. */
  evidence: Record<string, unknown>;
  /** hash(ruleId, canonical resource id[, principal, window start]) — stable across runs. */
  fingerprint: string;
  /** For unknown: why (the gap code and message). */
  reason?: string;
  /** For suppressed: the waiver. */
  waiver?: { reason: string; owner?: string; expires?: string };
  /** From the state file: new in this run, seen before, (fixed findings are listed separately). */
  lifecycle?: { state: 'new' | 'recurring'; firstSeen: string; lastSeen: string };
  remediation?: string;
  frameworks?: Record<string, string[]>;
}

/** Metadata of a policy or anomaly rule (one catalogue for both). */
export interface RuleMeta {
  id: string;
  aliases?: string[];
  kind: 'policy' | 'anomaly';
  title: string;
  description: string;
  severity: Severity;
  remediation?: string;
  references?: string[];
  /** 'cis-aws-5.0' -> ['3.6'], 'pci-dss-4.0.1' -> ['3.7.4'], 'iso-27001-2022' -> ['A.8.24'] */
  frameworks?: Record<string, string[]>;
  providers?: Provider[];
  tags?: string[];
}

export interface InputFile {
  path: string;
  sha256: string;
  bytes: number;
  kind: 'inventory' | 'logs' | 'config' | 'policy' | 'rules';
  format?: string;
  records?: number;
  malformed?: number;
  duplicates?: number;
  skipped?: number;
}

export interface Coverage {
  providers: Partial<Record<Provider, { keys: number; containers: number; events: number; status: 'ok' | 'partial' | 'failed' }>>;
  keys: number;
  events: number;
  policiesEvaluated: number;
  policiesNotApplicable: number;
  policiesUnknown: number;
  rulesEvaluated: number;
}

export interface RunReport {
  schemaVersion: 1;
  tool: { name: 'keywarden'; version: string; informationUri: string };
  run: {
    id: string;
    startedAt: string;
    finishedAt: string;
    /** The flags and config that shaped the run (no credentials). */
    parameters: Record<string, unknown>;
    scope: Record<string, unknown>;
    window?: { start: string; end: string };
    thresholdProfile?: string;
  };
  inputs: InputFile[];
  rules: RuleMeta[];
  findings: Finding[];
  /** Findings of earlier runs that are gone now. */
  fixed?: { ruleId: string; fingerprint: string; resourceId: string; firstSeen: string; lastSeen: string }[];
  /** Scans in the state file, oldest first, ending with this run: findings reported, open (not waived), new, fixed. */
  trend?: { scanId: string; at: string; findings: number; open: number; new: number; fixed: number }[];
  gaps: Gap[];
  coverage: Coverage;
  summary: {
    bySeverity: Record<Severity, number>;
    byProvider: Partial<Record<Provider, number>>;
    byStatus: Record<FindingStatus, number>;
  };
}
