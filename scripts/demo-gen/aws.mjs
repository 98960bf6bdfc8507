// AWS part of the demo estate: two accounts (prod 111122223333, dev 210987654321), two regions.
// Each key carries `expect` (violations it must raise, traps it must NOT raise on); the generator
// strips it from the inventory and writes it to expectations.json.
import { daysAgo } from './common.mjs';

export const PROD = '111122223333';
export const DEV = '210987654321';
export const PARTNER = '999988887777';

const root = (acct) => ({ effect: 'allow', principals: [`arn:aws:iam::${acct}:root`], actions: ['kms:*'], source: 'key-policy', sid: 'Enable IAM User Permissions' });
const rawRoot = (acct) => ({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' });

export function awsKeys(rng) {
  const keys = [];
  const add = (def) => {
    const acct = def.account ?? PROD;
    const region = def.region ?? 'eu-west-1';
    const keyId = def.keyId ?? (def.multiRegion ? `mrk-${rng.hex(32)}` : rng.uuid());
    const arn = `arn:aws:kms:${region}:${acct}:key/${keyId}`;
    const symmetric = (def.spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT';
    const origin = def.origin ?? 'generated';
    const canRotate = symmetric && origin === 'generated' && (def.manager ?? 'customer') === 'customer';
    const statements = def.access ?? [root(acct)];
    const key = {
      ref: { provider: 'aws', account: acct, region, type: 'kms-key', id: arn, name: def.alias ?? keyId },
      provider: 'aws',
      account: acct,
      region,
      id: arn,
      name: def.alias ?? keyId,
      aliases: def.alias ? [def.alias] : [],
      description: def.description ?? '',
      manager: def.manager ?? 'customer',
      purpose: def.purpose ?? (symmetric ? 'encrypt-decrypt' : 'sign-verify'),
      usage: [def.usage ?? (symmetric ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY')],
      keyType: def.keyType ?? (symmetric ? 'symmetric' : 'rsa'),
      spec: def.spec ?? 'SYMMETRIC_DEFAULT',
      ...(def.sizeBits ? { sizeBits: def.sizeBits } : symmetric ? { sizeBits: 256 } : {}),
      origin,
      protectionLevel: 'hsm',
      state: def.state ?? 'enabled',
      rawState: def.rawState ?? 'Enabled',
      enabled: (def.state ?? 'enabled') === 'enabled',
      createdAt: daysAgo(def.ageDays ?? 400),
      rotation: def.rotation ?? (canRotate ? { supported: true, enabled: true, periodDays: 365, lastRotatedAt: daysAgo((def.ageDays ?? 400) % 365), nextRotationAt: daysAgo(((def.ageDays ?? 400) % 365) - 365) } : { supported: false }),
      tags: def.tags ?? { owner: 'platform-team', 'data-class': 'internal', environment: acct === PROD ? 'production' : 'development' },
      access: statements,
      rawPolicy: def.rawPolicy ?? { Version: '2012-10-17', Id: 'key-default-1', Statement: [rawRoot(acct)] },
      grants: def.grants ?? [],
      ...(def.extra ?? {}),
      raw: { KeyManager: (def.manager ?? 'customer') === 'customer' ? 'CUSTOMER' : 'AWS', KeySpec: def.spec ?? 'SYMMETRIC_DEFAULT', Origin: def.rawOrigin ?? 'AWS_KMS', KeyState: def.rawState ?? 'Enabled' },
      expect: def.expect ?? { violations: [], traps: [] },
    };
    if (def.lastUsedDaysAgo !== undefined) key.lastUsedAt = daysAgo(def.lastUsedDaysAgo);
    if (def.unknown) key.unknown = def.unknown;
    if (def.unknown?.policy) {
      delete key.access;
      delete key.rawPolicy;
    }
    keys.push(key);
    return key;
  };

  add({ alias: 'alias/app-data', description: 'Application data encryption', ageDays: 500 });
  add({ alias: 'alias/billing', ageDays: 700, rotation: { supported: true, enabled: false }, expect: { violations: ['aws-kms-auto-rotation-enabled'], traps: [] } });
  add({ alias: 'alias/aws/s3', manager: 'provider', ageDays: 1200, rotation: { supported: true, enabled: true, periodDays: 365 }, tags: {}, expect: { violations: [], traps: ['AWS-managed key: no customer rotation, policy or tag checks'] } });
  add({ alias: 'alias/code-signing', spec: 'RSA_3072', keyType: 'rsa', sizeBits: 3072, usage: 'SIGN_VERIFY', ageDays: 120, expect: { violations: [], traps: ['asymmetric key cannot auto-rotate'] } });
  add({ alias: 'alias/webhook-mac', spec: 'HMAC_256', keyType: 'hmac', sizeBits: 256, purpose: 'mac', usage: 'GENERATE_VERIFY_MAC', ageDays: 900, expect: { violations: ['key-manual-rotation-age'], traps: ['HMAC key cannot auto-rotate'] } });
  add({
    alias: 'alias/byok-payments', origin: 'imported', rawOrigin: 'EXTERNAL', ageDays: 200, rotation: { supported: false },
    extra: { expiresAt: daysAgo(-19) },
    expect: { violations: ['key-expiry-imminent'], traps: ['imported (EXTERNAL origin) key cannot auto-rotate'] },
  });
  add({ alias: 'alias/cloudhsm-vault', origin: 'cloudhsm', rawOrigin: 'AWS_CLOUDHSM', ageDays: 150, extra: { container: `arn:aws:kms:eu-west-1:${PROD}:custom-key-store/cks-1a2b3c4d5e6f7a8b9` }, expect: { violations: [], traps: ['custom key store (AWS_CLOUDHSM) key cannot auto-rotate'] } });
  add({ alias: 'alias/xks-sovereign', origin: 'external-key-store', rawOrigin: 'EXTERNAL_KEY_STORE', ageDays: 100, extra: { protectionLevel: 'external', container: `arn:aws:kms:eu-west-1:${PROD}:custom-key-store/cks-9f8e7d6c5b4a39281` }, expect: { violations: [], traps: ['external key store key cannot auto-rotate'] } });
  const mrk = rng.hex(32);
  add({ alias: 'alias/orders-mrk', keyId: `mrk-${mrk}`, region: 'us-east-1', ageDays: 300, tags: { owner: 'orders-team', 'data-class': 'confidential', environment: 'production', 'mrk-justification': 'DR-2026-014 active/active' }, extra: { multiRegion: { role: 'primary', replicaIds: [`arn:aws:kms:eu-west-1:${PROD}:key/mrk-${mrk}`] } } });
  add({ alias: 'alias/orders-mrk', keyId: `mrk-${mrk}`, region: 'eu-west-1', ageDays: 300, rotation: {}, tags: { owner: 'orders-team', 'data-class': 'confidential', environment: 'production', 'mrk-justification': 'DR-2026-014 active/active' }, extra: { multiRegion: { role: 'replica', primaryId: `arn:aws:kms:us-east-1:${PROD}:key/mrk-${mrk}` } }, expect: { violations: [], traps: ['multi-Region replica: rotation is set on the primary'] } });
  const mrk2 = rng.hex(32);
  add({ alias: 'alias/analytics-mrk', keyId: `mrk-${mrk2}`, region: 'us-east-1', ageDays: 200, extra: { multiRegion: { role: 'primary', replicaIds: [`arn:aws:kms:eu-west-1:${PROD}:key/mrk-${mrk2}`] } }, expect: { violations: ['aws-kms-multi-region-justified'], traps: [] } });
  add({ alias: 'alias/analytics-mrk', keyId: `mrk-${mrk2}`, region: 'eu-west-1', ageDays: 200, rotation: {}, extra: { multiRegion: { role: 'replica', primaryId: `arn:aws:kms:us-east-1:${PROD}:key/mrk-${mrk2}` } }, expect: { violations: [], traps: ['replica of an unjustified multi-Region key: report once per key set, on the primary'] } });
  add({ alias: 'alias/legacy-reporting', state: 'pending-deletion', rawState: 'PendingDeletion', ageDays: 1500, rotation: { supported: true, enabled: false }, extra: { deletionScheduledAt: daysAgo(-23), deletionWindowDays: 30 }, expect: { violations: ['aws-kms-key-not-pending-deletion'], traps: ['PendingDeletion key: not a rotation or exposure finding'] } });
  add({ alias: 'alias/old-etl', state: 'disabled', rawState: 'Disabled', ageDays: 1000, rotation: { supported: true, enabled: false }, lastUsedDaysAgo: 200, expect: { violations: [], traps: ['Disabled key: not rotation, not "unused" (disabling precedes deletion)'] } });
  add({
    alias: 'alias/partner-share', ageDays: 250,
    access: [root(PROD), { effect: 'allow', principals: ['*'], public: true, actions: ['kms:Decrypt', 'kms:DescribeKey'], source: 'key-policy', sid: 'PartnerAccess' }],
    rawPolicy: { Version: '2012-10-17', Statement: [rawRoot(PROD), { Sid: 'PartnerAccess', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }] },
    expect: { violations: ['aws-kms-key-policy-not-public'], traps: [] },
  });
  add({
    alias: 'alias/shared-callers', ageDays: 260,
    access: [root(PROD), { effect: 'allow', principals: ['*'], public: true, actions: ['kms:Encrypt', 'kms:Decrypt'], conditions: { stringequals: { 'kms:calleraccount': PROD, 'kms:viaservice': 'secretsmanager.eu-west-1.amazonaws.com' } }, source: 'key-policy', sid: 'ViaSecretsManager' }],
    rawPolicy: { Version: '2012-10-17', Statement: [rawRoot(PROD), { Sid: 'ViaSecretsManager', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': PROD, 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } }] },
    expect: { violations: [], traps: ['Principal * narrowed by kms:CallerAccount and kms:ViaService'] },
  });
  add({
    alias: 'alias/org-wide', ageDays: 270,
    access: [root(PROD), { effect: 'allow', principals: ['*'], public: true, actions: ['kms:Decrypt'], conditions: { stringequals: { 'aws:principalorgid': 'o-a1b2c3d4e5' } }, source: 'key-policy', sid: 'OrgOnly' }],
    rawPolicy: { Version: '2012-10-17', Statement: [rawRoot(PROD), { Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'AWS:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] },
    expect: { violations: [], traps: ['condition key in mixed case (AWS:PrincipalOrgID): condition keys are case-insensitive'] },
  });
  add({
    alias: 'alias/deny-guard', ageDays: 280,
    access: [root(PROD), { effect: 'deny', principals: ['*'], public: true, actions: ['kms:*'], conditions: { bool: { 'aws:securetransport': 'false' } }, source: 'key-policy', sid: 'DenyInsecure' }],
    rawPolicy: { Version: '2012-10-17', Statement: [rawRoot(PROD), { Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    expect: { violations: [], traps: ['Deny statement with Principal *: not a grant'] },
  });
  add({ alias: 'alias/root-only', ageDays: 290, expect: { violations: [], traps: ['default root-account statement (kms:* to arn:aws:iam::<acct>:root) delegates to IAM; not public'] } });
  add({ alias: 'alias/restricted-hr', ageDays: 310, unknown: { policy: 'AccessDeniedException: kms:GetKeyPolicy denied to the scanner role' }, expect: { violations: [], unknown: ['aws-kms-key-policy-not-public'], traps: ['unreadable key policy is UNKNOWN, not pass or fail'] } });
  add({
    alias: 'alias/log-archive', ageDays: 320,
    access: [root(PROD), { effect: 'allow', principals: ['logs.eu-west-1.amazonaws.com'], actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'], source: 'key-policy', sid: 'CloudWatchLogs' }, { effect: 'allow', principals: [`arn:aws:iam::${PARTNER}:role/partner-sync`], actions: ['kms:Decrypt'], source: 'key-policy', sid: 'PartnerSync' }],
    expect: { violations: ['aws-kms-external-principals'], traps: ['service principal logs.<region>.amazonaws.com is normal'] },
  });
  add({ alias: 'alias/long-period', ageDays: 800, rotation: { supported: true, enabled: true, periodDays: 730, lastRotatedAt: daysAgo(70), nextRotationAt: daysAgo(-660) }, expect: { violations: ['aws-kms-rotation-period-within-policy'], traps: [] } });
  add({ alias: 'alias/forgotten', ageDays: 600, lastUsedDaysAgo: 240, expect: { violations: ['key-unused-or-orphaned'], traps: [] } });
  // dev account, us-east-1
  add({ account: DEV, region: 'us-east-1', alias: 'alias/dev-scratch', ageDays: 400, rotation: { supported: true, enabled: false }, tags: { environment: 'development' }, expect: { violations: ['aws-kms-auto-rotation-enabled', 'key-ownership-metadata'], traps: [] } });
  add({
    account: DEV, region: 'us-east-1', alias: 'alias/dev-ebs-cmk', ageDays: 380,
    grants: Array.from({ length: 6 }, (_, i) => ({ id: rng.hex(64), granteePrincipal: `arn:aws:iam::${DEV}:role/aws-service-role/ec2.amazonaws.com/ebs-${i}`, operations: ['Decrypt', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'CreateGrant'], constraints: { encryptionContextSubset: { 'aws:ebs:id': `vol-${rng.hex(17)}` } }, createdAt: daysAgo(30 + i) })),
    expect: { violations: [], traps: ['many grants created by EBS for AWS resources are legitimate'] },
  });
  add({ account: DEV, region: 'us-east-1', alias: 'alias/aws/ebs', manager: 'provider', ageDays: 1100, tags: {}, expect: { violations: [], traps: ['AWS-managed key'] } });
  add({ account: DEV, region: 'eu-west-1', alias: 'alias/dev-import-pending', origin: 'imported', rawOrigin: 'EXTERNAL', state: 'pending-import', rawState: 'PendingImport', ageDays: 3, rotation: { supported: false }, expect: { violations: [], traps: ['PendingImport key: no rotation or expiry finding yet'] } });
  return keys;
}

export function awsContainers() {
  return [
    { ref: { provider: 'aws', account: PROD, region: 'eu-west-1', type: 'custom-key-store', id: `arn:aws:kms:eu-west-1:${PROD}:custom-key-store/cks-1a2b3c4d5e6f7a8b9`, name: 'cloudhsm-store' }, provider: 'aws', account: PROD, region: 'eu-west-1', id: `arn:aws:kms:eu-west-1:${PROD}:custom-key-store/cks-1a2b3c4d5e6f7a8b9`, name: 'cloudhsm-store', kind: 'custom-key-store', raw: { CustomKeyStoreType: 'AWS_CLOUDHSM', ConnectionState: 'CONNECTED' } },
    { ref: { provider: 'aws', account: PROD, region: 'eu-west-1', type: 'custom-key-store', id: `arn:aws:kms:eu-west-1:${PROD}:custom-key-store/cks-9f8e7d6c5b4a39281`, name: 'xks-store' }, provider: 'aws', account: PROD, region: 'eu-west-1', id: `arn:aws:kms:eu-west-1:${PROD}:custom-key-store/cks-9f8e7d6c5b4a39281`, name: 'xks-store', kind: 'custom-key-store', raw: { CustomKeyStoreType: 'EXTERNAL_KEY_STORE', ConnectionState: 'CONNECTED' } },
  ];
}

export function awsLogging() {
  const trail = (acct, name, covers, extra) => ({
    ref: { provider: 'aws', account: acct, region: 'us-east-1', type: 'trail', id: `arn:aws:cloudtrail:us-east-1:${acct}:trail/${name}`, name },
    provider: 'aws', account: acct, region: 'us-east-1', id: `arn:aws:cloudtrail:us-east-1:${acct}:trail/${name}`,
    kind: 'cloudtrail-trail', enabled: true, multiRegion: true, readEvents: true, writeEvents: true, covers, logFileValidation: true, ...extra,
  });
  return [
    trail(PROD, 'org-audit', ['kms'], { organization: true, encryptedWithKey: `arn:aws:kms:us-east-1:${PROD}:key/log-archive` }),
    // The dev trail leaves KMS out for cost; dev's KMS events come from a CloudTrail Lake store (exported as NDJSON).
    trail(DEV, 'dev-cheap', [], { raw: { ExcludeManagementEventSources: ['kms.amazonaws.com'] } }),
    { ...trail(DEV, 'lake-kms', ['kms']), kind: 'other', raw: { EventDataStore: 'kms-events', Source: 'CloudTrail Lake' } },
  ];
}
