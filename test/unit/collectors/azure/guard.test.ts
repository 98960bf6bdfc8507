// The read-only guard: unit rules, then proof with the real SDK clients that no write request reaches
// the (local) server, whatever the client is asked to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationClient, keyClient, keyVaultArmClient, logsClient, monitorClient } from '../../../../src/collectors/azure/clients.js';
import { assertReadOnlyRequest, AzureReadOnlyViolation } from '../../../../src/collectors/azure/guard.js';
import { classifyAzureError } from '../../../../src/collectors/azure/errors.js';
import { fixtureEstate, SUB_A, WORKSPACE } from '../../../support/azure-server/estate.mjs';
import { startAzureServer, type AzureTestServer } from '../../../support/azure-server/server.mjs';
import { clientOptions, stubCredential } from './helpers.js';

describe('assertReadOnlyRequest', () => {
  it('allows GET anywhere and POST only to a Log Analytics query', () => {
    expect(() => assertReadOnlyRequest('GET', 'https://management.azure.com/subscriptions/s/providers/Microsoft.KeyVault/vaults?api-version=1')).not.toThrow();
    expect(() => assertReadOnlyRequest('get', 'https://v.vault.azure.net/keys/k/rotationpolicy')).not.toThrow();
    expect(() => assertReadOnlyRequest('POST', 'https://api.loganalytics.io/v1/workspaces/w/query')).not.toThrow();
  });

  it.each([
    ['POST', 'https://v.vault.azure.net/keys/k/decrypt?api-version=7.5'],
    ['POST', 'https://v.vault.azure.net/keys/k/create'],
    ['POST', 'https://v.vault.azure.net/keys/k/backup'],
    ['POST', 'https://api.loganalytics.io/v1/$batch'],
    ['POST', 'https://api.loganalytics.io/v1/workspaces/w/query/extra'],
    ['PUT', 'https://management.azure.com/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v'],
    ['PATCH', 'https://management.azure.com/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v'],
    ['DELETE', 'https://v.vault.azure.net/keys/k'],
    ['HEAD', 'https://v.vault.azure.net/keys/k'],
  ])('refuses %s %s', (method, url) => {
    expect(() => assertReadOnlyRequest(method, url)).toThrow(AzureReadOnlyViolation);
  });
});

describe('every client is guarded (real SDK clients, local server)', () => {
  let server: AzureTestServer;
  beforeAll(async () => {
    server = await startAzureServer(fixtureEstate());
  });
  afterAll(async () => server?.close());

  const writes = () => server.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && /\/workspaces\/[^/]+\/query$/.test(r.path)));

  it('refuses writes before they are sent, with a ReadOnlyViolation the gap classifier recognises', async () => {
    const o = clientOptions(server, stubCredential());
    const kc = keyClient(o, server.vaultUri('kv-prod')!);
    const arm = keyVaultArmClient(o, SUB_A);
    const auth = authorizationClient(o, SUB_A);
    const monitor = monitorClient(o, SUB_A);
    const logs = logsClient(o);
    const vaultId = `/subscriptions/${SUB_A}/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-prod`;
    const attempts: Promise<unknown>[] = [
      kc.createKey('new-key', 'RSA'),
      kc.updateKeyProperties('storage-cmk', { enabled: false }),
      kc.beginDeleteKey('storage-cmk').then((p) => p.pollUntilDone()),
      kc.backupKey('storage-cmk'),
      kc.rotateKey('storage-cmk'),
      kc.updateKeyRotationPolicy('storage-cmk', { lifetimeActions: [] }),
      arm.vaults.update('rg-security', 'kv-prod', { properties: { enablePurgeProtection: false } }),
      arm.vaults.delete('rg-security', 'kv-prod'),
      auth.roleAssignments.create(vaultId.slice(1), '00000000-0000-0000-0000-000000000001', { roleDefinitionId: 'x', principalId: 'y' }),
      monitor.diagnosticSettings.delete(vaultId.slice(1), 'to-law'),
      logs.queryBatch([{ workspaceId: WORKSPACE, query: 'AZKVAuditLogs', timespan: { duration: 'P1D' } }]),
    ];
    const results = await Promise.allSettled(attempts);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason as Error;
      expect(reason.name, String(reason)).toBe('ReadOnlyViolation');
      expect(classifyAzureError(reason).code).toBe('ReadOnlyViolation');
    }
    expect(writes()).toEqual([]);
  });

  it('lets the reads through, and the Log Analytics query POST', async () => {
    const o = clientOptions(server, stubCredential());
    const kc = keyClient(o, server.vaultUri('kv-prod')!);
    const names: string[] = [];
    for await (const p of kc.listPropertiesOfKeys()) names.push(p.name);
    expect(names).toContain('storage-cmk');
    const r = await logsClient(o).queryWorkspace(WORKSPACE, 'AZKVAuditLogs', { duration: 'P1D' });
    expect(r.status).toBe('Success');
    expect(server.requests.some((q) => q.method === 'POST' && q.path.endsWith('/query'))).toBe(true);
    expect(writes()).toEqual([]);
  });
});
