/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest asymmetric matchers (expect.any, expect.stringContaining) inside object literals are typed any */
// collectAzure with the real SDK clients against the local HTTPS server and the fixture estate:
// ARM vaults and Managed HSMs (paged), role assignments, diagnostic settings, data-plane keys with the
// Key Vault challenge, ARM fallback for unreachable vaults, Log Analytics events, and the gaps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyContainer, KeyRecord } from '../../../../src/core/model.js';
import { collectAzure, type AzureCollected } from '../../../../src/collectors/azure/index.js';
import { silentProgress } from '../../../../src/collectors/progress.js';
import { APP, fixtureEstate, LEGACY_ADMIN, OFFICER, SUB_A, SUB_DENIED, TENANT, WORKSPACE } from '../../../support/azure-server/estate.mjs';
import { startAzureServer, type AzureTestServer } from '../../../support/azure-server/server.mjs';
import { clientOptions, stubCredential, type StubCredential } from './helpers.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let server: AzureTestServer;
let credential: StubCredential;
let r: AzureCollected;
const key = (name: string): KeyRecord => r.keys.find((k) => k.name === name)!;
const vault = (name: string): KeyContainer => r.containers.find((c) => c.name === name)!;

beforeAll(async () => {
  server = await startAzureServer(fixtureEstate(nowSeconds), { pageSize: 3 });
  credential = stubCredential();
  r = await collectAzure(
    { ...clientOptions(server, credential), subscriptions: [SUB_A, SUB_DENIED], workspace: WORKSPACE, events: { from: new Date(NOW.getTime() - 86_400_000), to: NOW } },
    { clock: { now: () => NOW }, progress: silentProgress },
  );
});
afterAll(async () => server?.close());

describe('ARM: vaults and Managed HSMs', () => {
  it('lists both kinds through every page, sorted by id', () => {
    expect(r.containers.map((c) => `${c.kind}:${c.name}`)).toEqual(['managed-hsm:mhsm-payments', 'key-vault:kv-legacy', 'key-vault:kv-norole', 'key-vault:kv-offline', 'key-vault:kv-prod']);
    const pages = server.requests.filter((q) => q.path === `/subscriptions/${SUB_A}/providers/Microsoft.KeyVault/vaults`);
    expect(pages.length).toBe(2); // 4 vaults, 2 per page: nextLink followed
    expect(pages[1]!.query).toContain('$skiptoken=2');
  });

  it('maps recoverability, network, private endpoints and the permission model', () => {
    expect(vault('kv-prod')).toMatchObject({ softDelete: true, softDeleteRetentionDays: 90, purgeProtection: true, publicNetworkAccess: true, networkDefaultAllow: false, privateEndpoint: true, rbacAuthorization: true, auditLogging: true, raw: { sku: 'premium' } });
    expect(vault('kv-prod').raw?.networkAcls).toMatchObject({ virtualNetworkRules: [{ id: expect.stringContaining('/subnets/app') }] });
    // enableSoftDelete absent = on; enablePurgeProtection absent = off; Pending connection is not private.
    expect(vault('kv-legacy')).toMatchObject({ softDelete: true, softDeleteRetentionDays: 7, purgeProtection: false, publicNetworkAccess: true, networkDefaultAllow: true, privateEndpoint: false, rbacAuthorization: false });
    expect(vault('kv-legacy').raw?.privateEndpointConnections).toEqual([{ id: expect.stringContaining('/pe2'), status: 'Pending' }]);
    expect(vault('kv-offline')).toMatchObject({ publicNetworkAccess: false, networkDefaultAllow: false });
    expect(vault('mhsm-payments')).toMatchObject({ kind: 'managed-hsm', rbacAuthorization: true, raw: { sku: 'Standard_B1' } });
  });

  it('a subscription the scanner may not read is a gap, and the others are still read', () => {
    expect(r.gaps.filter((g) => g.scope.startsWith(`azure:${SUB_DENIED}`)).map((g) => [g.source, g.code])).toEqual([
      ['azure-arm', 'AccessDenied'],
      ['azure-arm', 'AccessDenied'],
    ]);
  });
});

describe('diagnostic settings', () => {
  it('routes AuditEvent through a category or the audit group; unreadable settings are unknown', () => {
    const prod = r.logging.find((l) => l.covers?.[0] === vault('kv-prod').id)!;
    expect(prod).toMatchObject({ kind: 'azure-diagnostic-setting', enabled: true, readEvents: true, raw: { logs: [{ categoryGroup: 'audit', enabled: true }], workspaceId: expect.any(String) } });
    expect(server.requests.find((q) => q.path.endsWith('/diagnosticSettings'))!.query).toContain('api-version=2021-05-01-preview');
    expect(vault('kv-norole').auditLogging).toBe(false);
    expect(vault('kv-legacy').auditLogging).toBeUndefined();
    expect(vault('kv-legacy').unknown?.auditLogging).toMatch(/^AccessDenied/);
  });
});

describe('access: role assignments and access policies', () => {
  it('keeps Key Vault roles whose scope covers the vault, and custom roles with key data actions', () => {
    const statements = vault('kv-prod').access!;
    expect(statements.map((s) => [s.principals[0], s.actions[0], s.source])).toEqual(
      expect.arrayContaining([
        [OFFICER, 'Key Vault Crypto Officer', 'rbac'],
        [OFFICER, 'Key Vault Crypto User', 'rbac'],
        [APP, 'Key Decryptor', 'rbac'],
      ]),
    );
    // Owner has no data actions; the Administrator assignment is on another resource group.
    expect(statements).toHaveLength(3);
    expect(statements.find((s) => s.actions[0] === 'Key Decryptor')!.actions).toEqual(['Key Decryptor', 'decrypt', 'get', 'list']);
    expect(key('storage-cmk').access).toEqual(statements);
  });

  it('expands access-policy "all" for vaults without RBAC', () => {
    const legacy = vault('kv-legacy').access!;
    expect(legacy.map((s) => s.principals[0])).toEqual([LEGACY_ADMIN, APP]);
    expect(legacy[0]!.actions).toEqual(expect.arrayContaining(['create', 'delete', 'purge', 'decrypt', 'unwrapkey']));
    expect(legacy[1]!).toMatchObject({ source: 'vault-access-policy', actions: ['get', 'unwrapkey', 'wrapkey'] });
  });
});

describe('data plane', () => {
  it('answers the challenge with the vault tenant and scope, then reads with a token', () => {
    const vaultScopes = credential.seen.filter((s) => s.scopes[0] === 'https://vault.azure.net/.default');
    expect(vaultScopes.length).toBeGreaterThan(0);
    expect(vaultScopes.every((s) => s.tenantId === TENANT)).toBe(true);
    expect(credential.seen.some((s) => s.scopes[0] === `${server.armEndpoint}/.default`)).toBe(true);
    const prodRequests = server.requests.filter((q) => q.server === 'vault:kv-prod');
    expect(prodRequests[0]).toMatchObject({ path: '/keys', authorized: false });
    expect(prodRequests.slice(1).every((q) => q.authorized)).toBe(true);
  });

  it('pages the key list (absolute nextLink) and reads each key, its rotation policy and versions', () => {
    const lists = server.requests.filter((q) => q.server === 'vault:kv-prod' && q.path === '/keys' && q.authorized);
    expect(lists.length).toBe(3); // 8 keys, 3 per page
    expect(r.keys.filter((k) => k.container === vault('kv-prod').id)).toHaveLength(8);
  });

  it('maps type, size, curve, protection, dates and rotation', () => {
    expect(key('tde-protector')).toMatchObject({ keyType: 'rsa', spec: 'RSA-HSM', sizeBits: 3072, protectionLevel: 'hsm', purpose: 'encrypt-decrypt', rotation: { enabled: true, rotateAfterCreateDays: 365, supported: true } });
    expect(key('tde-protector').versions).toHaveLength(2);
    expect(key('tde-protector').createdAt).toBe(new Date((nowSeconds - 400 * 86_400) * 1000).toISOString());
    expect(key('tde-protector').lastRotatedAt).toBe(new Date((nowSeconds - 35 * 86_400) * 1000).toISOString());
    expect(key('tde-protector').id).toBe(`${server.vaultUri('kv-prod')}/keys/tde-protector`);
    expect(key('app-signing')).toMatchObject({ keyType: 'ec', curve: 'P-256K', purpose: 'sign-verify', protectionLevel: 'software' });
    expect(key('legacy-rsa-1024').sizeBits).toBe(1024);
    expect(key('storage-cmk').rotation).toMatchObject({ enabled: false, notifyBeforeExpiryDays: 30 });
    expect(key('slow-rotate').rotation?.rotateAfterCreateDays).toBe(3 * 365);
    expect(key('web-tls')).toMatchObject({ rotation: { supported: false }, raw: { managed: true } });
    expect(key('retired')).toMatchObject({ enabled: false, state: 'disabled' });
    expect(key('pin-block-aes256')).toMatchObject({ keyType: 'symmetric', spec: 'oct-HSM', protectionLevel: 'hsm' });
    expect(key('pin-block-aes256').unknown?.sizeBits).toMatch(/NotExposed/);
  });

  it('a rotation policy the scanner may not read is unknown for that key, and one summed gap', () => {
    expect(key('no-policy-right').rotation).toBeUndefined();
    expect(key('no-policy-right').unknown?.rotation).toMatch(/^AccessDenied/);
    expect(r.gaps.find((g) => g.scope.endsWith('kv-prod:getKeyRotationPolicy'))).toMatchObject({ code: 'AccessDenied', count: 1 });
  });

  it('firewall, missing role and unreachable vaults are gaps; their keys come from ARM with data-plane fields unknown', () => {
    const dp = (name: string) => r.gaps.find((g) => g.source === 'azure-keyvault' && g.scope.endsWith(`:${name}:data-plane`));
    expect(dp('kv-legacy')).toMatchObject({ code: 'Unreachable', message: expect.stringContaining('ForbiddenByFirewall') });
    expect(dp('kv-norole')).toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('ForbiddenByRbac') });
    expect(dp('kv-offline')).toMatchObject({ code: 'Unreachable', message: expect.stringContaining('ECONNREFUSED') });
    expect(key('orders-cmk')).toMatchObject({ spec: 'RSA', sizeBits: 2048, enabled: true });
    expect(key('orders-cmk').unknown).toMatchObject({ rotation: expect.stringMatching(/^Unreachable/), versions: expect.stringMatching(/^Unreachable/) });
    expect(key('batch-cmk').unknown?.rotation).toMatch(/^Unreachable/);
    expect(key('reports-cmk').unknown?.rotation).toMatch(/^AccessDenied/);
  });
});

describe('Log Analytics', () => {
  it('maps key events through the offline mapping, skips secrets, and tolerates a missing table', () => {
    expect(r.events.map((e) => [e.operation.raw, e.outcome, e.keyId])).toEqual([
      ['KeyDecrypt', 'success', key('storage-cmk').id],
      ['KeyUnwrap', 'success', key('tde-protector').id],
      ['KeyDecrypt', 'failure', key('storage-cmk').id],
      ['KeyGet', 'success', key('storage-cmk').id],
    ]);
    expect(r.events[0]!.principal.id).toBe(APP);
    expect(r.gaps.filter((g) => g.source === 'azure-monitor-logs')).toEqual([]);
    const queries = server.requests.filter((q) => q.path.endsWith('/query')).map((q) => JSON.parse(q.body) as { query: string; timespan: string });
    expect(queries.some((q) => q.query.startsWith('AzureDiagnostics'))).toBe(true);
    expect(queries.find((q) => q.query.startsWith('AZKVAuditLogs'))!.timespan).toBe(`${new Date(NOW.getTime() - 86_400_000).toISOString()}/${NOW.toISOString()}`);
  });

  it('pushes the last-use summary into the workspace and sets lastUsedAt', () => {
    const summary = server.requests.filter((q) => q.path.endsWith('/query') && q.body.includes('summarize'));
    expect(summary.length).toBeGreaterThan(0);
    expect(key('storage-cmk').lastUsedAt).toBe(new Date((nowSeconds - 90 * 60) * 1000).toISOString());
    expect(key('tde-protector').lastUsedAt).toBe(new Date((nowSeconds - 80 * 60) * 1000).toISOString());
    expect(key('legacy-rsa-1024').lastUsedAt).toBeUndefined();
  });
});

it('the scope names what was scanned', () => {
  expect(r.scope).toEqual({ subscriptions: [SUB_DENIED, SUB_A].sort(), workspace: WORKSPACE, armEndpoint: server.armEndpoint, collectedAt: NOW.toISOString() });
});
