// Azure part of the demo estate: one subscription, two Key Vaults and one Managed HSM. The second
// vault's data plane sits behind a private endpoint the scanner cannot reach: ARM properties are
// known, key attributes and rotation policies are unknown, and a gap says why.
import { daysAgo } from './common.mjs';

export const SUB = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';
const RG = 'rg-security';
const vaultId = (name) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/${name}`;
const hsmId = (name) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/managedHSMs/${name}`;

const VAULTS = {
  prod: { name: 'kv-prod-weu', region: 'westeurope', uri: 'https://kv-prod-weu.vault.azure.net' },
  private: { name: 'kv-private-neu', region: 'northeurope', uri: 'https://kv-private-neu.vault.azure.net' },
  hsm: { name: 'mhsm-payments', region: 'westeurope', uri: 'https://mhsm-payments.managedhsm.azure.net' },
};

export function azureContainers() {
  const base = (v, kind, id, props) => ({
    ref: { provider: 'azure', account: SUB, region: v.region, type: kind, id, name: v.name },
    provider: 'azure', account: SUB, region: v.region, id, name: v.name, kind, ...props,
  });
  return [
    base(VAULTS.prod, 'key-vault', vaultId(VAULTS.prod.name), { softDelete: true, softDeleteRetentionDays: 90, purgeProtection: true, publicNetworkAccess: false, networkDefaultAllow: false, privateEndpoint: true, rbacAuthorization: true, auditLogging: true, tags: { owner: 'platform-team' }, raw: { sku: 'premium', vaultUri: VAULTS.prod.uri, privateEndpointConnections: [{ status: 'Approved' }] } }),
    base(VAULTS.private, 'key-vault', vaultId(VAULTS.private.name), {
      // enableSoftDelete absent on a current API version means on (Azure Policy treats only an explicit false as off).
      softDeleteRetentionDays: 7, purgeProtection: false, publicNetworkAccess: true, networkDefaultAllow: true, privateEndpoint: false, rbacAuthorization: false,
      tags: { owner: 'legacy-apps' },
      unknown: { auditLogging: 'AuthorizationFailed: Microsoft.Insights/diagnosticSettings/read on the vault' },
      raw: { sku: 'standard', vaultUri: VAULTS.private.uri, privateEndpointConnections: [{ status: 'Pending' }], accessPolicies: [{ objectId: '0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a', permissions: { keys: ['all'] } }] },
    }),
    base(VAULTS.hsm, 'managed-hsm', hsmId(VAULTS.hsm.name), { softDelete: true, softDeleteRetentionDays: 90, purgeProtection: true, publicNetworkAccess: false, networkDefaultAllow: false, privateEndpoint: true, rbacAuthorization: true, auditLogging: true, tags: { owner: 'payments-team' }, raw: { sku: 'Standard_B1' } }),
  ];
}

export function azureKeys(rng) {
  const keys = [];
  const add = (vault, def) => {
    const version = rng.hex(32);
    const uri = `${vault.uri}/keys/${def.name}`;
    const isHsm = vault === VAULTS.hsm;
    const enabled = def.enabled ?? true;
    const key = {
      ref: { provider: 'azure', account: SUB, region: vault.region, type: isHsm ? 'managed-hsm-key' : 'key-vault-key', id: uri, name: def.name },
      provider: 'azure', account: SUB, region: vault.region,
      container: isHsm ? hsmId(vault.name) : vaultId(vault.name),
      id: uri, name: def.name, manager: 'customer',
      purpose: def.purpose ?? 'encrypt-decrypt',
      usage: def.ops ?? ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
      keyType: def.keyType ?? 'rsa', spec: def.kty ?? 'RSA',
      ...(def.sizeBits ? { sizeBits: def.sizeBits } : {}), ...(def.curve ? { curve: def.curve } : {}),
      origin: isHsm || (def.kty ?? '').endsWith('-HSM') ? 'hsm' : 'generated',
      protectionLevel: isHsm || (def.kty ?? '').endsWith('-HSM') ? 'hsm' : 'software',
      state: enabled ? 'enabled' : 'disabled', rawState: enabled ? 'Enabled' : 'Disabled', enabled,
      createdAt: daysAgo(def.ageDays ?? 200),
      lastRotatedAt: daysAgo(def.rotatedDaysAgo ?? def.ageDays ?? 200),
      ...(def.expiresInDays !== undefined ? { expiresAt: daysAgo(-def.expiresInDays) } : {}),
      rotation: def.rotation ?? { supported: true, enabled: false },
      versions: [{ id: `${uri}/${version}`, state: enabled ? 'Enabled' : 'Disabled', enabled, createdAt: daysAgo(def.rotatedDaysAgo ?? def.ageDays ?? 200) }],
      tags: def.tags ?? { owner: 'platform-team', 'data-class': 'confidential', environment: 'production' },
      ...(def.extra ?? {}),
      raw: { kid: `${uri}/${version}`, kty: def.kty ?? 'RSA', managed: def.managed ?? false },
      expect: def.expect ?? { violations: [], traps: [] },
    };
    if (def.unknown) {
      key.unknown = def.unknown;
      for (const f of Object.keys(def.unknown)) delete key[f];
    }
    keys.push(key);
  };
  const rotate = (days, extra = {}) => ({ supported: true, enabled: true, rotateAfterCreateDays: days, notifyBeforeExpiryDays: 30, ...extra });

  add(VAULTS.prod, { name: 'tde-protector', kty: 'RSA-HSM', sizeBits: 3072, ageDays: 400, rotatedDaysAgo: 40, expiresInDays: 325, rotation: rotate(365) });
  add(VAULTS.prod, { name: 'storage-cmk', kty: 'RSA', sizeBits: 2048, ageDays: 500, expect: { violations: ['azure-kv-key-rotation-policy', 'key-expiration-set'], traps: [] } });
  add(VAULTS.prod, { name: 'app-signing-k1', kty: 'EC', keyType: 'ec', curve: 'P-256K', purpose: 'sign-verify', ops: ['sign', 'verify'], ageDays: 90, expiresInDays: 640, rotation: rotate(365), expect: { violations: ['ec-curve-allowed'], traps: [] } });
  add(VAULTS.prod, { name: 'legacy-rsa-1024', kty: 'RSA', sizeBits: 1024, ageDays: 1400, expiresInDays: 200, rotation: rotate(365), rotatedDaysAgo: 100, expect: { violations: ['rsa-min-modulus'], traps: [] } });
  add(VAULTS.prod, { name: 'retired-2024', kty: 'RSA', sizeBits: 2048, enabled: false, ageDays: 800, expect: { violations: [], traps: ['disabled key without expiry is out of scope for key-expiration-set and rotation'] } });
  add(VAULTS.prod, { name: 'slow-rotate', kty: 'RSA', sizeBits: 3072, ageDays: 300, expiresInDays: 1500, rotation: rotate(1095), expect: { violations: ['azure-kv-key-rotation-policy', 'key-max-validity-period'], traps: ['a Rotate action exists but its period exceeds the profile (Prowler passes any Rotate)'] } });
  add(VAULTS.prod, { name: 'web-tls', kty: 'RSA', sizeBits: 2048, ageDays: 60, expiresInDays: 305, managed: true, rotation: { supported: false }, extra: { description: 'key of the certificate web-tls (managed by the certificate policy)' }, expect: { violations: [], traps: ['certificate-managed key (managed=true) is renewed by the certificate policy'] } });
  add(VAULTS.prod, { name: 'partner-wrap', kty: 'RSA-HSM', sizeBits: 3072, ageDays: 355, rotatedDaysAgo: 355, expiresInDays: 10, rotation: rotate(365, { rotateBeforeExpiryDays: 30 }), expect: { violations: [], traps: ['expiry within 30 days but a timeBeforeExpiry Rotate action renews it first'] } });
  const unreachable = { rotation: 'Unreachable: data plane https://kv-private-neu.vault.azure.net behind a private endpoint', expiresAt: 'Unreachable: data plane behind a private endpoint', lastRotatedAt: 'Unreachable: data plane behind a private endpoint', versions: 'Unreachable: data plane behind a private endpoint' };
  for (const name of ['orders-cmk', 'hr-cmk']) {
    add(VAULTS.private, { name, kty: 'RSA', sizeBits: 2048, ageDays: 450, tags: { owner: 'legacy-apps' }, unknown: unreachable, expect: { violations: [], unknown: ['azure-kv-key-rotation-policy', 'key-expiration-set'], traps: ['vault data plane unreachable: UNKNOWN, not FAIL (prowler#12654)'] } });
  }
  add(VAULTS.hsm, { name: 'pin-block-aes256', kty: 'oct-HSM', keyType: 'symmetric', sizeBits: 256, ageDays: 150, expiresInDays: 580, rotation: rotate(365), expect: { violations: [], traps: ['oct keys exist only in Managed HSM'] } });
  add(VAULTS.hsm, { name: 'token-aes128', kty: 'oct-HSM', keyType: 'symmetric', sizeBits: 128, ageDays: 100, expiresInDays: 630, rotation: rotate(365), expect: { violations: [], traps: ['AES-128 meets the cis and nist-800-57 profiles (pci-dss profile requires 256)'] } });
  return keys;
}

export function azureLogging() {
  const diag = (v, extra) => ({
    ref: { provider: 'azure', account: SUB, region: v.region, type: 'diagnostic-setting', id: `${v === VAULTS.hsm ? hsmId(v.name) : vaultId(v.name)}/providers/microsoft.insights/diagnosticSettings/to-law`, name: 'to-law' },
    provider: 'azure', account: SUB, region: v.region, id: `${v === VAULTS.hsm ? hsmId(v.name) : vaultId(v.name)}/providers/microsoft.insights/diagnosticSettings/to-law`,
    kind: 'azure-diagnostic-setting', enabled: true, covers: [v === VAULTS.hsm ? hsmId(v.name) : vaultId(v.name)], ...extra,
  });
  return [diag(VAULTS.prod, { raw: { logs: [{ categoryGroup: 'audit', enabled: true }], workspaceId: 'law-security' } }), diag(VAULTS.hsm, { raw: { logs: [{ category: 'AuditEvent', enabled: true }] } })];
}

export const AZURE_VAULTS = VAULTS;
export const azureVaultId = vaultId;
