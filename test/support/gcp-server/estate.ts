// Fixture estates for the local Google Cloud server, written as the REST API returns them (proto3
// JSON, from the Cloud KMS and IAM reference pages). `acmeEstate(now)` is a small estate in which
// each GCP check has something to find; `syntheticEstate` is a large uniform one for the benchmark.

export interface PolicyJson {
  bindings?: { role: string; members: string[]; condition?: { title: string; expression: string } }[];
  auditConfigs?: { service: string; auditLogConfigs: { logType: string; exemptedMembers?: string[] }[] }[];
}

export interface VersionJson {
  name: string;
  state: string;
  protectionLevel: string;
  algorithm: string;
  createTime: string;
  generateTime?: string;
  destroyTime?: string;
  destroyEventTime?: string;
  importJob?: string;
}

export interface CryptoKeyJson {
  name: string;
  primary?: VersionJson;
  purpose: string;
  createTime: string;
  nextRotationTime?: string;
  rotationPeriod?: string;
  versionTemplate: { protectionLevel: string; algorithm: string };
  labels?: Record<string, string>;
  importOnly?: boolean;
  destroyScheduledDuration?: string;
}

export interface KeyFixture {
  key: CryptoKeyJson;
  versions: VersionJson[];
  iamPolicy?: PolicyJson;
}

export interface KeyRingFixture {
  name: string;
  createTime: string;
  iamPolicy?: PolicyJson;
  keys: KeyFixture[];
}

export interface LogEntryJson {
  logName: string;
  insertId: string;
  timestamp: string;
  receiveTimestamp: string;
  severity: string;
  resource: { type: string; labels: Record<string, string> };
  protoPayload: Record<string, unknown> & { serviceName: string };
}

export interface ProjectFixture {
  number: string;
  parent?: string;
  locations: string[];
  keyRings: KeyRingFixture[];
  iamPolicy: PolicyJson;
  logEntries: LogEntryJson[];
}

export interface GcpEstate {
  projects: Record<string, ProjectFixture>;
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

interface KeySpec {
  id: string;
  purpose?: string;
  algorithm?: string;
  protection?: string;
  rotationDays?: number;
  /** Days from now to nextRotationTime. */
  nextInDays?: number;
  /** Version states, oldest first; the primary (symmetric keys) is `primary` (1-based) or the newest ENABLED. */
  states?: string[];
  primary?: number;
  ageDays?: number;
  labels?: Record<string, string>;
  iam?: PolicyJson;
}

export function buildKey(ringName: string, spec: KeySpec, now: number): KeyFixture {
  const name = `${ringName}/cryptoKeys/${spec.id}`;
  const purpose = spec.purpose ?? 'ENCRYPT_DECRYPT';
  const algorithm = spec.algorithm ?? 'GOOGLE_SYMMETRIC_ENCRYPTION';
  const protection = spec.protection ?? 'SOFTWARE';
  const states = spec.states ?? ['ENABLED'];
  const age = spec.ageDays ?? 400;
  const versions: VersionJson[] = states.map((state, i) => {
    const created = now - (age - (i * age) / states.length) * DAY;
    return {
      name: `${name}/cryptoKeyVersions/${i + 1}`,
      state,
      protectionLevel: protection,
      algorithm,
      createTime: iso(created),
      generateTime: iso(created),
      ...(state === 'DESTROY_SCHEDULED' ? { destroyTime: iso(now + 20 * DAY) } : {}),
      ...(state === 'DESTROYED' ? { destroyTime: iso(now - 5 * DAY), destroyEventTime: iso(now - 5 * DAY) } : {}),
    };
  });
  const primaryIndex = spec.primary !== undefined ? spec.primary - 1 : states.lastIndexOf('ENABLED');
  const primary = purpose === 'ENCRYPT_DECRYPT' && primaryIndex >= 0 ? versions[primaryIndex] : undefined;
  return {
    key: {
      name,
      ...(primary ? { primary } : {}),
      purpose,
      createTime: iso(now - age * DAY),
      ...(spec.rotationDays !== undefined ? { rotationPeriod: `${spec.rotationDays * 86_400}s`, nextRotationTime: iso(now + (spec.nextInDays ?? 30) * DAY) } : {}),
      versionTemplate: { protectionLevel: protection, algorithm },
      ...(spec.labels ? { labels: spec.labels } : {}),
      destroyScheduledDuration: '2592000s',
    },
    versions,
    ...(spec.iam ? { iamPolicy: spec.iam } : {}),
  };
}

const OWNER = { owner: 'payments-team', 'data-class': 'confidential', environment: 'production' };

export interface AuditEntrySpec {
  project: string;
  at: number;
  method: string;
  resource: string;
  principal: string;
  callerIp?: string;
  code?: number;
  request?: Record<string, unknown>;
  insertId: string;
}

/** A Cloud KMS audit LogEntry as cloud.google.com/kms/docs/audit-logging shows it. */
export function auditEntry(s: AuditEntrySpec): LogEntryJson {
  const dataAccess = /^(Encrypt|Decrypt|AsymmetricSign|AsymmetricDecrypt|MacSign|MacVerify|Get|List)/.test(s.method);
  const [, , , location = 'global', , ring = '', , key = ''] = s.resource.split('/');
  return {
    logName: `projects/${s.project}/logs/cloudaudit.googleapis.com%2F${dataAccess ? 'data_access' : 'activity'}`,
    insertId: s.insertId,
    timestamp: new Date(s.at).toISOString(),
    receiveTimestamp: new Date(s.at + 800).toISOString(),
    severity: s.code ? 'ERROR' : dataAccess ? 'INFO' : 'NOTICE',
    resource: { type: 'cloudkms_cryptokey', labels: { project_id: s.project, location, key_ring_id: ring, crypto_key_id: key } },
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      status: s.code ? { code: s.code, message: 'Permission denied' } : {},
      serviceName: 'cloudkms.googleapis.com',
      methodName: s.method,
      resourceName: s.resource,
      authenticationInfo: { principalEmail: s.principal },
      authorizationInfo: [{ resource: s.resource, permission: 'cloudkms.cryptoKeyVersions.useToDecrypt', granted: !s.code }],
      requestMetadata: { callerIp: s.callerIp ?? '203.0.113.7', callerSuppliedUserAgent: 'grpc-java/1.62 gcloud-java' },
      request: { '@type': `type.googleapis.com/google.cloud.kms.v1.${s.method}Request`, name: s.resource, ...(s.request ?? {}) },
      resourceLocation: { currentLocations: [location] },
    },
  };
}

/**
 * Project `acme-kms-prod` (in an organisation): an owner who is a person, no Data Access audit
 * config; key ring `payments` (europe-west1) with good and bad keys; key ring `shared` (global)
 * public through its own IAM. Project `acme-kms-dev` (no organisation): Data Access logs on.
 */
export function acmeEstate(nowMs: number): GcpEstate {
  const ring = (p: string, l: string, r: string) => `projects/${p}/locations/${l}/keyRings/${r}`;
  const payments = ring('acme-kms-prod', 'europe-west1', 'payments');
  const shared = ring('acme-kms-prod', 'global', 'shared');
  const dev = ring('acme-kms-dev', 'us-central1', 'apps');
  const app = 'serviceAccount:payments-app@acme-kms-prod.iam.gserviceaccount.com';
  const key = (r: string, s: KeySpec) => buildKey(r, { labels: OWNER, ...s }, nowMs);
  const entries: LogEntryJson[] = [];
  const dek = `${payments}/cryptoKeys/payments-dek`;
  for (let i = 0; i < 30; i++) entries.push(auditEntry({ project: 'acme-kms-prod', at: nowMs - 3 * DAY + i * 60_000, method: 'Decrypt', resource: dek, principal: app.replace('serviceAccount:', ''), insertId: `dec-${i}` }));
  entries.push(auditEntry({ project: 'acme-kms-prod', at: nowMs - 2 * DAY, method: 'Encrypt', resource: `${payments}/cryptoKeys/ledger-dek`, principal: app.replace('serviceAccount:', ''), insertId: 'enc-1' }));
  entries.push(auditEntry({ project: 'acme-kms-prod', at: nowMs - DAY, method: 'DestroyCryptoKeyVersion', resource: `${payments}/cryptoKeys/closing-dek/cryptoKeyVersions/2`, principal: 'mallory@acme.example', callerIp: '198.51.100.23', insertId: 'destroy-1' }));
  entries.push(auditEntry({ project: 'acme-kms-prod', at: nowMs - 40 * DAY, method: 'Decrypt', resource: dek, principal: 'old@acme.example', insertId: 'outside-window' }));
  entries.push({ ...auditEntry({ project: 'acme-kms-prod', at: nowMs - DAY, method: 'ListBuckets', resource: 'projects/_/buckets/x', principal: 'x@acme.example', insertId: 'gcs-1' }), protoPayload: { serviceName: 'storage.googleapis.com', methodName: 'storage.buckets.list' } });
  return {
    projects: {
      'acme-kms-prod': {
        number: '123456789012',
        parent: 'organizations/998877665544',
        locations: ['europe-west1', 'global', 'us-east1'],
        iamPolicy: {
          bindings: [
            { role: 'roles/owner', members: ['user:founder@acme.example'] },
            { role: 'roles/cloudkms.admin', members: ['group:kms-admins@acme.example'] },
            { role: 'roles/viewer', members: ['group:engineering@acme.example'] },
          ],
        },
        keyRings: [
          {
            name: payments,
            createTime: iso(nowMs - 500 * DAY),
            iamPolicy: { bindings: [{ role: 'roles/cloudkms.viewer', members: ['group:auditors@acme.example'] }] },
            keys: [
              key(payments, { id: 'payments-dek', rotationDays: 90, nextInDays: 30, protection: 'HSM', states: ['DISABLED', 'ENABLED'], iam: { bindings: [{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: [app] }] } }),
              key(payments, { id: 'ledger-dek', ageDays: 200 }),
              key(payments, { id: 'archive-dek', rotationDays: 365, nextInDays: 200 }),
              key(payments, { id: 'closing-dek', rotationDays: 90, nextInDays: 10, states: ['ENABLED', 'DESTROY_SCHEDULED'], primary: 2 }),
              key(payments, { id: 'retired-dek', states: ['DESTROYED', 'DESTROYED'] }),
              key(payments, { id: 'receipt-signer', purpose: 'ASYMMETRIC_SIGN', algorithm: 'EC_SIGN_SECP256K1_SHA256', ageDays: 100 }),
              key(payments, {
                id: 'settlement-dek',
                rotationDays: 90,
                nextInDays: 60,
                ageDays: 60,
                iam: {
                  bindings: [
                    { role: 'roles/cloudkms.admin', members: ['user:ops-admin@acme.example'] },
                    { role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: ['user:ops-admin@acme.example', 'user:a@acme.example', 'user:b@acme.example', 'user:c@acme.example', app] },
                  ],
                },
              }),
            ],
          },
          {
            name: shared,
            createTime: iso(nowMs - 300 * DAY),
            iamPolicy: { bindings: [{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['allUsers'] }] },
            keys: [key(shared, { id: 'shared-dek', rotationDays: 30, nextInDays: 10, ageDays: 20 })],
          },
        ],
        logEntries: entries,
      },
      'acme-kms-dev': {
        number: '210987654321',
        locations: ['us-central1'],
        iamPolicy: {
          bindings: [{ role: 'roles/editor', members: ['serviceAccount:ci@acme-kms-dev.iam.gserviceaccount.com'] }],
          auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }] }],
        },
        keyRings: [{ name: dev, createTime: iso(nowMs - 30 * DAY), keys: [key(dev, { id: 'app-dek', rotationDays: 90, nextInDays: 45, ageDays: 30 })] }],
        logEntries: [],
      },
    },
  };
}

/** `keys` symmetric keys over `rings` key rings in one project and location, for the benchmark. */
export function syntheticEstate(keys: number, rings: number, nowMs: number): GcpEstate {
  const project = 'bench-kms';
  const keyRings: KeyRingFixture[] = [];
  for (let r = 0; r < rings; r++) {
    const name = `projects/${project}/locations/europe-west1/keyRings/ring-${String(r).padStart(3, '0')}`;
    const perRing = Math.floor(keys / rings) + (r < keys % rings ? 1 : 0);
    const ks: KeyFixture[] = [];
    for (let k = 0; k < perRing; k++) ks.push(buildKey(name, { id: `key-${String(k).padStart(5, '0')}`, rotationDays: k % 3 === 0 ? 365 : 90, nextInDays: 30, states: ['ENABLED'], labels: OWNER }, nowMs));
    keyRings.push({ name, createTime: iso(nowMs - 100 * DAY), keys: ks });
  }
  return {
    projects: {
      [project]: { number: '100000000001', parent: 'organizations/1', locations: ['europe-west1', 'global', 'us-east1'], iamPolicy: { bindings: [{ role: 'roles/cloudkms.admin', members: ['group:kms-admins@example.com'] }] }, keyRings, logEntries: [] },
    },
  };
}
