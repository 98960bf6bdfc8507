// Google Cloud part of the demo estate: one project, key rings in europe-west1 and global. Public
// access arrives through the key ring's IAM (inherited), which key-level-only checks miss.
import { daysAgo } from './common.mjs';

export const PROJECT = 'acme-prod-kms';
const ring = (loc, name) => `projects/${PROJECT}/locations/${loc}/keyRings/${name}`;
const RINGS = { ew1: ring('europe-west1', 'payments'), global: ring('global', 'shared') };

export function gcpContainers() {
  const c = (id, region, name, access) => ({ ref: { provider: 'gcp', account: PROJECT, region, type: 'key-ring', id, name }, provider: 'gcp', account: PROJECT, region, id, name, kind: 'key-ring', access });
  return [
    c(RINGS.ew1, 'europe-west1', 'payments', [{ effect: 'allow', principals: ['group:kms-admins@acme.example'], actions: ['roles/cloudkms.admin'], source: 'iam-binding', scope: RINGS.ew1 }]),
    c(RINGS.global, 'global', 'shared', [{ effect: 'allow', principals: ['allUsers'], public: true, actions: ['roles/cloudkms.publicKeyViewer', 'roles/cloudkms.cryptoKeyDecrypter'], source: 'iam-binding', scope: RINGS.global }]),
  ];
}

export function gcpKeys() {
  const keys = [];
  const add = (ringId, def) => {
    const id = `${ringId}/cryptoKeys/${def.name}`;
    const region = ringId.split('/')[3];
    const purpose = def.gcpPurpose ?? 'ENCRYPT_DECRYPT';
    const versions = def.versions ?? [{ n: 1, state: 'ENABLED', ageDays: def.ageDays ?? 200 }];
    const primary = versions.find((v) => v.primary) ?? versions[versions.length - 1];
    const inherited = (ringId === RINGS.global ? gcpContainers()[1].access : gcpContainers()[0].access).map((s) => ({ ...s, source: 'inherited' }));
    const key = {
      ref: { provider: 'gcp', account: PROJECT, region, type: 'crypto-key', id, name: def.name },
      provider: 'gcp', account: PROJECT, region, container: ringId, id, name: def.name, manager: 'customer',
      purpose: { ENCRYPT_DECRYPT: 'encrypt-decrypt', ASYMMETRIC_SIGN: 'sign-verify', ASYMMETRIC_DECRYPT: 'encrypt-decrypt', MAC: 'mac' }[purpose],
      usage: [purpose],
      keyType: def.keyType ?? 'symmetric', spec: def.algorithm ?? 'GOOGLE_SYMMETRIC_ENCRYPTION', algorithm: def.algorithm ?? 'GOOGLE_SYMMETRIC_ENCRYPTION',
      ...(def.sizeBits ? { sizeBits: def.sizeBits } : {}), ...(def.curve ? { curve: def.curve } : {}),
      origin: def.protectionLevel === 'external' ? 'external' : 'generated',
      protectionLevel: def.protectionLevel ?? 'software',
      state: def.state ?? 'enabled', rawState: primary?.state ?? 'ENABLED', enabled: (def.state ?? 'enabled') === 'enabled',
      createdAt: daysAgo(def.ageDays ?? 200),
      lastRotatedAt: daysAgo(primary?.ageDays ?? def.ageDays ?? 200),
      rotation: def.rotation ?? { supported: purpose === 'ENCRYPT_DECRYPT', enabled: false },
      versions: versions.map((v) => ({ id: `${id}/cryptoKeyVersions/${v.n}`, state: v.state, enabled: v.state === 'ENABLED', createdAt: daysAgo(v.ageDays), algorithm: def.algorithm ?? 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: (def.protectionLevel ?? 'software').toUpperCase() })),
      tags: def.labels ?? { owner: 'payments-team', 'data-class': 'restricted', environment: 'production' },
      access: [...(def.access ?? []), ...inherited],
      raw: { purpose, primary: primary ? { name: `${id}/cryptoKeyVersions/${primary.n}`, state: primary.state } : null, versionTemplate: { algorithm: def.algorithm ?? 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: (def.protectionLevel ?? 'software').toUpperCase() }, destroyScheduledDuration: '2592000s', destroyTimes: Object.fromEntries(versions.filter((v) => v.destroyInDays !== undefined).map((v) => [`${id}/cryptoKeyVersions/${v.n}`, daysAgo(-v.destroyInDays)])) },
      expect: def.expect ?? { violations: [], traps: [] },
    };
    if (primary) key.raw.primaryVersion = primary.n;
    keys.push(key);
    return key;
  };
  const rot = (days, lastDays) => ({ supported: true, enabled: true, periodDays: days, lastRotatedAt: daysAgo(lastDays), nextRotationAt: daysAgo(lastDays - days) });

  add(RINGS.ew1, { name: 'payments-dek', ageDays: 400, rotation: rot(90, 20), versions: [{ n: 1, state: 'DESTROY_SCHEDULED', ageDays: 400, destroyInDays: 12 }, { n: 2, state: 'DISABLED', ageDays: 110 }, { n: 3, state: 'ENABLED', ageDays: 20, primary: true }], expect: { violations: [], traps: ['an old, non-primary version scheduled for destruction after re-encryption is routine'] } });
  add(RINGS.ew1, { name: 'analytics-dek', ageDays: 500, rotation: rot(365, 100), versions: [{ n: 1, state: 'ENABLED', ageDays: 100 }], expect: { violations: ['gcp-kms-rotation-period-max'], traps: [] } });
  add(RINGS.ew1, { name: 'ledger-dek', ageDays: 300, rotation: { supported: true, enabled: false }, expect: { violations: ['gcp-kms-rotation-period-max'], traps: [] } });
  add(RINGS.ew1, { name: 'receipt-signing', gcpPurpose: 'ASYMMETRIC_SIGN', keyType: 'rsa', algorithm: 'RSA_SIGN_PSS_3072_SHA256', sizeBits: 3072, ageDays: 150, rotation: { supported: false }, expect: { violations: [], traps: ['ASYMMETRIC_SIGN keys cannot auto-rotate (Prowler does not filter them)'] } });
  add(RINGS.ew1, { name: 'api-mac', gcpPurpose: 'MAC', keyType: 'hmac', algorithm: 'HMAC_SHA256', sizeBits: 256, ageDays: 100, rotation: { supported: false }, expect: { violations: [], traps: ['MAC keys cannot auto-rotate'] } });
  add(RINGS.ew1, { name: 'retired-dek', ageDays: 900, state: 'destroyed', rotation: { supported: true, enabled: false }, versions: [{ n: 1, state: 'DESTROYED', ageDays: 900 }, { n: 2, state: 'DESTROYED', ageDays: 500 }], expect: { violations: [], traps: ['every version destroyed: GCP keys cannot be deleted and stay listed'] } });
  add(RINGS.ew1, { name: 'ekm-sovereign', ageDays: 200, protectionLevel: 'external', algorithm: 'EXTERNAL_SYMMETRIC_ENCRYPTION', rotation: { supported: false }, expect: { violations: [], traps: ['Cloud EKM (EXTERNAL) key: auto-rotation not applicable; EXTERNAL_SYMMETRIC_ENCRYPTION is a valid type'] } });
  add(RINGS.ew1, { name: 'closing-dek', ageDays: 380, rotation: rot(90, 30), versions: [{ n: 1, state: 'ENABLED', ageDays: 380 }, { n: 2, state: 'DESTROY_SCHEDULED', ageDays: 30, primary: true, destroyInDays: 5 }], expect: { violations: ['gcp-kms-version-not-destroy-scheduled'], traps: [] } });
  add(RINGS.ew1, {
    name: 'settlement-dek', ageDays: 250, rotation: rot(90, 45),
    access: [{ effect: 'allow', principals: ['user:ops-admin@acme.example'], actions: ['roles/cloudkms.cryptoKeyEncrypterDecrypter'], source: 'iam-binding' }, { effect: 'allow', principals: ['user:ops-admin@acme.example'], actions: ['roles/cloudkms.admin'], source: 'iam-binding' }],
    expect: { violations: ['kms-admin-usage-separation'], traps: ['the encrypter binding is listed before the admin binding (Prowler misses this order)'] },
  });
  add(RINGS.global, { name: 'shared-dek', ageDays: 180, rotation: rot(90, 10), expect: { violations: ['gcp-kms-key-not-public'], traps: ['public only through the key ring IAM (inherited); the key-level policy is clean'] } });
  add(RINGS.global, { name: 'chain-signer', gcpPurpose: 'ASYMMETRIC_SIGN', keyType: 'ec', algorithm: 'EC_SIGN_SECP256K1_SHA256', curve: 'secp256k1', ageDays: 60, rotation: { supported: false }, expect: { violations: ['ec-curve-allowed', 'gcp-kms-key-not-public'], traps: [] } });
  return keys;
}

export function gcpLogging() {
  return [{ ref: { provider: 'gcp', account: PROJECT, type: 'audit-config', id: `projects/${PROJECT}/auditConfigs/cloudkms.googleapis.com`, name: 'cloudkms.googleapis.com' }, provider: 'gcp', account: PROJECT, id: `projects/${PROJECT}/auditConfigs/cloudkms.googleapis.com`, kind: 'gcp-audit-config', enabled: true, readEvents: true, writeEvents: true, covers: ['cloudkms.googleapis.com'], raw: { auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }] } }];
}

export const GCP_RINGS = RINGS;
