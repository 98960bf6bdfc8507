// End to end: the built CLI scans and collects Azure (--provider azure) against the local HTTPS server:
// DefaultAzureCredential gets its tokens from the server's managed-identity endpoint (IDENTITY_ENDPOINT,
// as on App Service), the endpoints come from KEYWARDEN_AZURE_*_ENDPOINT and the TLS trust from
// NODE_EXTRA_CA_CERTS, exactly as a user would configure a sovereign cloud or a private link.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/core/model.js';
import { validateInventory } from '../../src/inventory/index.js';
import { fixtureEstate, SUB_A, SUB_DENIED, WORKSPACE } from '../support/azure-server/estate.mjs';
import { startAzureServer, type AzureTestServer } from '../support/azure-server/server.mjs';
import { keywardenAsync, type CliRun } from './cli.js';
import { ensureBuilt } from './global-setup.js';

let server: AzureTestServer;
const tmp = () => mkdtempSync(join(tmpdir(), 'kw-e2e-azure-'));

/** The built CLI, asynchronously (the server answers from this process). */
function run(args: string[], cwd: string): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1', CI: 'true' };
  for (const k of Object.keys(env)) if (k.startsWith('AZURE_') || k === 'MSI_ENDPOINT' || k === 'IDENTITY_ENDPOINT') delete env[k];
  Object.assign(env, {
    IDENTITY_ENDPOINT: server.identityEndpoint,
    IDENTITY_HEADER: server.identityHeader,
    KEYWARDEN_AZURE_ARM_ENDPOINT: server.armEndpoint,
    KEYWARDEN_AZURE_LOGS_ENDPOINT: server.logsEndpoint,
    KEYWARDEN_AZURE_LOCAL_VAULTS: '1',
    NODE_EXTRA_CA_CERTS: server.certPath,
  });
  return keywardenAsync(args, cwd, env, 170_000);
}

beforeAll(async () => {
  await ensureBuilt();
  server = await startAzureServer(fixtureEstate());
}, 600_000);
afterAll(async () => server?.close());

describe('keywarden --provider azure', () => {
  it('scans subscriptions and a workspace: Azure policy findings, unknowns and gaps; no token in any output', async () => {
    const cwd = tmp();
    const r = await run(['scan', '--provider', 'azure', '--azure-subscriptions', `${SUB_A},${SUB_DENIED}`, '--azure-workspace', WORKSPACE, '--since', '2d', '--out', 'out', '--state', 's.db', '--fail-on', 'none', '--format', 'json'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'out', 'keywarden.json'), 'utf8')) as RunReport;
    const with_ = (status: string, rule: string) => [...new Set(report.findings.filter((f) => f.status === status && f.ruleId === rule).map((f) => f.resource.name))].sort();
    expect(with_('fail', 'azure-kv-soft-delete-purge-protection')).toEqual(['kv-legacy']);
    expect(with_('fail', 'azure-kv-rbac-authorization')).toEqual(['kv-legacy']);
    expect(with_('fail', 'azure-kv-network-restricted')).toEqual(['kv-legacy']);
    expect(with_('fail', 'azure-kv-private-endpoint')).toEqual(expect.arrayContaining(['kv-legacy', 'kv-norole']));
    expect(with_('fail', 'azure-kv-private-endpoint')).not.toContain('kv-prod');
    expect(with_('unknown', 'azure-kv-audit-logging')).toEqual(['kv-legacy']);
    expect(with_('fail', 'azure-kv-audit-logging')).toEqual(expect.arrayContaining(['kv-norole', 'kv-offline']));
    expect(with_('fail', 'azure-kv-key-rotation-policy')).toEqual(expect.arrayContaining(['storage-cmk', 'slow-rotate']));
    expect(with_('unknown', 'azure-kv-key-rotation-policy')).toEqual(expect.arrayContaining(['no-policy-right', 'orders-cmk', 'batch-cmk', 'reports-cmk']));
    expect(with_('fail', 'azure-kv-key-rotation-policy')).not.toContain('tde-protector');
    expect(with_('fail', 'rsa-min-modulus')).toContain('legacy-rsa-1024');
    expect(with_('fail', 'ec-curve-allowed')).toContain('app-signing');
    expect(with_('fail', 'kms-admin-usage-separation')).toEqual(expect.arrayContaining(['storage-cmk', 'orders-cmk']));
    const gaps = report.gaps.map((g) => `${g.source} ${g.code} ${g.scope}`);
    expect(gaps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^azure-keyvault Unreachable .*:kv-legacy:data-plane$/),
        expect.stringMatching(/^azure-keyvault Unreachable .*:kv-offline:data-plane$/),
        expect.stringMatching(/^azure-keyvault AccessDenied .*:kv-norole:data-plane$/),
        expect.stringMatching(new RegExp(`^azure-arm AccessDenied azure:${SUB_DENIED}:`)),
      ]),
    );
    expect(report.coverage.providers.azure).toMatchObject({ keys: 13, containers: 5 });
    expect(report.coverage.events).toBeGreaterThanOrEqual(4);
    for (const text of [r.stdout, r.stderr, readFileSync(join(cwd, 'out', 'keywarden.json'), 'utf8')]) expect(text).not.toContain('test-token-for');
    expect(server.tokens).toEqual(expect.arrayContaining([server.armEndpoint, 'https://vault.azure.net', server.logsEndpoint.replace(/\/v1$/, '')]));
    expect(server.requests.filter((q) => q.method !== 'GET' && !q.path.endsWith('/query'))).toEqual([]);
  }, 180_000);

  it('collects an inventory snapshot that validates against the schema', async () => {
    const cwd = tmp();
    const r = await run(['collect', '--provider', 'azure', '--azure-subscriptions', SUB_A, '--output', 'azure.json'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const inventory = validateInventory(JSON.parse(readFileSync(join(cwd, 'azure.json'), 'utf8')), 'azure.json');
    expect(inventory.containers.filter((c) => c.provider === 'azure')).toHaveLength(5);
    expect(inventory.scope).toMatchObject({ azure: { subscriptions: [SUB_A] } });
  }, 180_000);

  it('without --azure-subscriptions: exit 2 with what to pass', async () => {
    const r = await run(['scan', '--provider', 'azure', '--out', 'out'], tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--azure-subscriptions');
  }, 60_000);
});
