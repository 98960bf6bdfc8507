// Estates served by server.mjs. `fixtureEstate(now)` is a small, hand-written estate that exercises
// every Azure check and every failure path; `generatedEstate(...)` is the bench's many-keys estate.
// Times are epoch seconds (the Key Vault wire format), relative to `now` so checks see stable ages.

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const SUB_A = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';
export const SUB_DENIED = '0b1c2d3e-0000-4c6d-8e7f-90a1b2c3d4e5';
export const WORKSPACE = '3c1f0c7e-9d1b-4c7a-8a0e-5d7e1f2a3b4c';
export const OFFICER = '11111111-aaaa-4bbb-8ccc-000000000001';
export const APP = '22222222-aaaa-4bbb-8ccc-000000000002';
export const LEGACY_ADMIN = '33333333-aaaa-4bbb-8ccc-000000000003';
const CUSTOM_ROLE = '9a9a9a9a-1111-4222-8333-444444444444';
const OWNER_ROLE = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

const DAY = 86_400;
const hex = (n) => n.toString(16).padStart(32, '0');

function key(name, now, spec) {
  const created = now - (spec.ageDays ?? 100) * DAY;
  const versions = spec.versions ?? [
    { version: hex(created), created, enabled: true },
  ];
  return { name, created, enabled: true, ops: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], tags: { owner: 'platform-team', 'data-class': 'confidential', environment: 'production' }, versions, ...spec };
}

const rotate = (after) => [{ trigger: { timeAfterCreate: after }, action: { type: 'Rotate' } }, { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } }];

/** @param {number} now epoch seconds */
export function fixtureEstate(now = Math.floor(Date.now() / 1000)) {
  const rg = 'rg-security';
  const vaultScope = (name) => `/subscriptions/${SUB_A}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}`;
  const t = (minutesAgo) => new Date((now - minutesAgo * 60) * 1000).toISOString();
  return {
    tenantId: TENANT,
    subscriptions: {
      [SUB_A]: {
        vaults: [
          {
            name: 'kv-prod', rg, location: 'westeurope', sku: 'premium', tags: { owner: 'platform-team' },
            properties: {
              enableSoftDelete: true, softDeleteRetentionInDays: 90, enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: 'Enabled',
              networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [{ value: '203.0.113.0/24' }], virtualNetworkRules: [{ id: `/subscriptions/${SUB_A}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app` }] },
              privateEndpointConnections: [{ id: `${vaultScope('kv-prod')}/privateEndpointConnections/pe1`, properties: { privateEndpoint: { id: '/subscriptions/x/pe1' }, privateLinkServiceConnectionState: { status: 'Approved', actionsRequired: 'None' }, provisioningState: 'Succeeded' } }],
            },
            diagnosticSettings: [{ name: 'to-law', workspaceId: `/subscriptions/${SUB_A}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law`, logs: [{ categoryGroup: 'audit', category: null, enabled: true, retentionPolicy: { enabled: false, days: 0 } }] }],
            keys: [
              key('tde-protector', now, { kty: 'RSA-HSM', size: 3072, rotation: rotate('P365D'), ageDays: 400, versions: [{ version: hex(1), created: now - 400 * DAY, enabled: true }, { version: hex(2), created: now - 35 * DAY, enabled: true }], exp: now + 330 * DAY }),
              key('storage-cmk', now, { kty: 'RSA', size: 2048, exp: now + 200 * DAY }),
              key('legacy-rsa-1024', now, { kty: 'RSA', size: 1024, rotation: rotate('P365D'), exp: now + 100 * DAY }),
              key('app-signing', now, { kty: 'EC', crv: 'P-256K', ops: ['sign', 'verify'], rotation: rotate('P365D'), exp: now + 300 * DAY }),
              key('slow-rotate', now, { kty: 'RSA', size: 3072, rotation: rotate('P3Y'), exp: now + 900 * DAY }),
              key('web-tls', now, { kty: 'RSA', size: 2048, managed: true, exp: now + 300 * DAY }),
              key('no-policy-right', now, { kty: 'RSA', size: 2048, rotation: 'denied', exp: now + 300 * DAY }),
              key('retired', now, { kty: 'RSA', size: 2048, enabled: false }),
            ],
          },
          {
            name: 'kv-legacy', rg, location: 'northeurope', tags: { owner: 'legacy-apps' }, dataPlane: 'firewall', diagnosticSettings: 'denied',
            properties: {
              softDeleteRetentionInDays: 7, enableRbacAuthorization: false, publicNetworkAccess: 'Enabled', networkAcls: { bypass: 'None', defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
              privateEndpointConnections: [{ id: `${vaultScope('kv-legacy')}/privateEndpointConnections/pe2`, properties: { privateLinkServiceConnectionState: { status: 'Pending' } } }],
              accessPolicies: [{ tenantId: TENANT, objectId: LEGACY_ADMIN, permissions: { keys: ['all'], secrets: ['get'] } }, { tenantId: TENANT, objectId: APP, permissions: { keys: ['get', 'unwrapKey', 'wrapKey'] } }],
            },
            keys: [key('orders-cmk', now, { kty: 'RSA', size: 2048 }), key('hr-cmk', now, { kty: 'RSA', size: 4096 })],
          },
          {
            name: 'kv-offline', rg, location: 'westeurope', dataPlane: 'unreachable',
            properties: { enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny' } },
            diagnosticSettings: [{ name: 'to-storage', storageAccountId: `/subscriptions/${SUB_A}/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/kvlogs`, logs: [{ category: 'AuditEvent', enabled: true, retentionPolicy: { enabled: true, days: 30 } }] }],
            keys: [key('batch-cmk', now, { kty: 'RSA', size: 2048 })],
          },
          {
            name: 'kv-norole', rg, location: 'westeurope', dataPlane: 'denied',
            properties: { enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: 'Disabled' },
            diagnosticSettings: [],
            keys: [key('reports-cmk', now, { kty: 'RSA', size: 2048 })],
          },
          {
            name: 'mhsm-payments', rg, location: 'westeurope', kind: 'hsm', tags: { owner: 'payments-team' },
            properties: { enableSoftDelete: true, softDeleteRetentionInDays: 90, enablePurgeProtection: true, publicNetworkAccess: 'Disabled', networkAcls: { bypass: 'None', defaultAction: 'Deny' } },
            diagnosticSettings: [{ name: 'to-law', workspaceId: '/subscriptions/x/law', logs: [{ category: 'AuditEvent', enabled: true }] }],
            keys: [key('pin-block-aes256', now, { kty: 'oct-HSM', rotation: rotate('P365D'), exp: now + 700 * DAY })],
          },
        ],
        roleAssignments: [
          { scope: vaultScope('kv-prod'), role: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603', principalId: OFFICER },
          { scope: `/subscriptions/${SUB_A}/resourceGroups/${rg}`, role: '12338af0-0e69-4776-bea7-57ae8d297424', principalId: OFFICER },
          { scope: `/subscriptions/${SUB_A}`, role: CUSTOM_ROLE, principalId: APP, principalType: 'ServicePrincipal' },
          { scope: `/subscriptions/${SUB_A}`, role: OWNER_ROLE, principalId: LEGACY_ADMIN },
          { scope: `/subscriptions/${SUB_A}/resourceGroups/rg-other`, role: '00482a5a-887f-4fb3-b363-3b7fe8e74483', principalId: APP },
        ],
        roleDefinitions: {
          [CUSTOM_ROLE]: { roleName: 'Key Decryptor', dataActions: ['Microsoft.KeyVault/vaults/keys/decrypt/action', 'Microsoft.KeyVault/vaults/keys/read'] },
          [OWNER_ROLE]: { roleName: 'Owner', actions: ['*'] },
        },
      },
      [SUB_DENIED]: { denied: true, vaults: [] },
    },
    workspaces: {
      [WORKSPACE]: {
        AZKVAuditLogs: [
          auditRow(t(90), 'kv-prod', 'KeyDecrypt', 'storage-cmk', 200, APP, '198.51.100.7'),
          auditRow(t(80), 'kv-prod', 'KeyUnwrap', 'tde-protector', 200, APP, '198.51.100.7'),
          auditRow(t(70), 'kv-prod', 'KeyDecrypt', 'storage-cmk', 403, OFFICER, '203.0.113.9'),
          auditRow(t(60), 'kv-prod', 'KeyGet', 'storage-cmk', 200, OFFICER, '203.0.113.9'),
          auditRow(t(50), 'kv-prod', 'SecretGet', 'not-a-key', 200, OFFICER, '203.0.113.9'),
        ],
      },
    },
  };

  function auditRow(time, vault, op, keyName, status, oid, ip) {
    const id = `https://${vault}.vault.azure.net/${op.startsWith('Secret') ? 'secrets' : 'keys'}/${keyName}/${hex(7)}`;
    return {
      TimeGenerated: time, _ResourceId: vaultScope(vault).toUpperCase(), OperationName: op, ResultType: status < 400 ? 'Success' : 'Forbidden', ResultSignature: status < 400 ? 'OK' : 'Forbidden',
      ResultDescription: '', CallerIpAddress: ip, ClientInfo: 'azsdk-net-Security.KeyVault.Keys/4.6.0', CorrelationId: `corr-${time}`, Identity: { claim: { 'http://schemas.microsoft.com/identity/claims/objectidentifier': oid, appid: oid } },
      RequestUri: `${id}/${op.slice(3).toLowerCase()}?api-version=7.5`, Id: id, HttpStatusCode: status, _ItemId: `item-${vault}-${time}-${op}`,
    };
  }
}

/**
 * The bench estate: `keys` RSA keys spread over `vaults` RBAC vaults of one subscription, each key with
 * one version and a rotation policy.
 */
export function generatedEstate({ keys = 5000, vaults = 10, now = Math.floor(Date.now() / 1000) } = {}) {
  const perVault = Math.ceil(keys / vaults);
  const list = [];
  let made = 0;
  for (let v = 0; v < vaults; v++) {
    const ks = [];
    for (let i = 0; i < perVault && made < keys; i++, made++) ks.push(key(`key-${String(made).padStart(5, '0')}`, now, { kty: 'RSA', size: 2048, rotation: rotate('P365D') }));
    list.push({ name: `kv-bench-${v}`, rg: 'rg-bench', location: 'westeurope', properties: { enablePurgeProtection: true, enableRbacAuthorization: true }, diagnosticSettings: [], keys: ks });
  }
  return { tenantId: TENANT, subscriptions: { [SUB_A]: { vaults: list, roleAssignments: [], roleDefinitions: {} } }, workspaces: {} };
}
