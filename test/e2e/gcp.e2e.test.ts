// End to end: the built CLI scans and collects Google Cloud (`--provider gcp --gcp-projects ...`)
// against the local REST server, with Application Default Credentials from a service-account key
// file (locally generated RSA key) and the endpoints from KEYWARDEN_GCP_*. The scan gives GCP policy
// findings, anomalies from the Cloud KMS audit logs, usage, and gaps for what was denied; nothing
// but allowlisted reads reaches the server, and no key material or token appears in any output.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory, RunReport } from '../../src/core/model.js';
import { assertReadOnlyRequest } from '../../src/collectors/gcp/guard.js';
import { acmeEstate } from '../support/gcp-server/estate.js';
import { startGcpServer, type GcpServer } from '../support/gcp-server/server.js';
import { keywardenAsync, type CliRun } from './cli.js';
import { ensureBuilt } from './global-setup.js';

const RING = 'projects/acme-kms-prod/locations/europe-west1/keyRings/payments';

/** The built CLI, asynchronously: the local server runs in this process and must keep answering. */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return keywardenAsync(args, cwd, env);
}

describe('keywarden --provider gcp against a local Google Cloud REST server', () => {
  let server: GcpServer;
  let env: NodeJS.ProcessEnv;
  let pem: string;
  const cwd = mkdtempSync(join(tmpdir(), 'kw-e2e-gcp-'));
  beforeAll(async () => {
    await ensureBuilt();
    // archive-dek's IAM policy is denied: a gap, and its access checks unknown
    server = await startGcpServer(acmeEstate(Date.now()), { faults: [{ match: /archive-dek:getIamPolicy$/, status: 403 }, { match: /^GET .*\/keyRings\/shared\/cryptoKeys$/, status: 429, times: 1, retryAfter: 1 }] });
    pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const sa = join(cwd, 'sa.json');
    writeFileSync(sa, JSON.stringify({ type: 'service_account', project_id: 'acme-kms-prod', private_key_id: 'e2e', private_key: pem, client_email: 'keywarden@acme-kms-prod.iam.gserviceaccount.com', client_id: '1', token_uri: 'https://oauth2.googleapis.com/token' }));
    env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GOOGLE_') && !k.startsWith('KEYWARDEN_') && !k.startsWith('CLOUDSDK_')));
    Object.assign(env, {
      GOOGLE_APPLICATION_CREDENTIALS: sa,
      KEYWARDEN_GCP_KMS_ENDPOINT: server.url,
      KEYWARDEN_GCP_LOGGING_ENDPOINT: server.url,
      KEYWARDEN_GCP_RESOURCEMANAGER_ENDPOINT: server.url,
      METADATA_SERVER_DETECTION: 'none',
      CI: 'true',
      OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
      NO_COLOR: '1',
    });
  }, 600_000);
  afterAll(() => server?.close());

  it('scan: GCP findings, anomalies and usage from the audit logs, gaps for what was denied', async () => {
    const r = await run(['scan', '--provider', 'gcp', '--gcp-projects', 'acme-kms-prod,acme-kms-dev', '--since', '7d', '--out', 'out', '--state', 's.db', '--format', 'json,sarif', '--fail-on', 'none'], cwd, env);
    expect(r.stderr).toContain('KEYWARDEN_GCP_KMS_ENDPOINT is plain http');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'out', 'keywarden.json'), 'utf8')) as RunReport;
    const fails = (rule: string) => report.findings.filter((f) => f.ruleId === rule && f.status === 'fail').map((f) => f.resource.id).sort();
    expect(fails('gcp-kms-rotation-period-max')).toEqual([`${RING}/cryptoKeys/archive-dek`, `${RING}/cryptoKeys/ledger-dek`]);
    expect(fails('gcp-kms-key-not-public')).toEqual(['projects/acme-kms-prod/locations/global/keyRings/shared/cryptoKeys/shared-dek']);
    expect(fails('gcp-kms-version-not-destroy-scheduled')).toEqual([`${RING}/cryptoKeys/closing-dek`]);
    expect(fails('gcp-kms-project-no-owner')).toEqual(['projects/acme-kms-prod']);
    expect(report.findings.filter((f) => f.ruleId === 'gcp-kms-data-access-audit-logs' && f.status === 'fail').map((f) => f.resource.account)).toEqual(['acme-kms-prod']);
    // denied IAM policy: unknown, and a gap in the report
    expect(report.findings.filter((f) => f.resource.id === `${RING}/cryptoKeys/archive-dek` && f.status === 'unknown').map((f) => f.ruleId)).toContain('gcp-kms-key-not-public');
    expect(report.gaps).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'gcp-kms', code: 'AccessDenied', scope: 'gcp:acme-kms-prod:europe-west1:kms:GetIamPolicy' })]));
    // the throttled listing was retried and read
    expect(report.gaps.some((g) => g.code === 'Throttled')).toBe(false);
    // logs: the destruction of a version is an anomaly; the window's KMS events were read
    const anomalies = report.findings.filter((f) => f.kind === 'anomaly');
    expect(anomalies.some((f) => f.ruleId.includes('sensitive-operation') && f.principal === 'mallory@acme.example')).toBe(true);
    expect(report.coverage.providers.gcp).toMatchObject({ keys: 9, events: 32 });
    expect(report.run.scope).toMatchObject({ gcp: { projects: ['acme-kms-dev', 'acme-kms-prod'], locations: 'all' } });
    // read-only: every request the server saw is an allowlisted read (or nothing at all)
    for (const q of server.requests) {
      const service = q.path.startsWith('/v3/') ? 'resourcemanager' : q.path.startsWith('/v2/') ? 'logging' : 'kms';
      expect(() => assertReadOnlyRequest(service, q.method, `http://x${q.path}`)).not.toThrow();
    }
    // the private key is in no output; requests carried a self-signed JWT, not the key
    const outputs = [r.stdout, r.stderr, readFileSync(join(cwd, 'out', 'keywarden.json'), 'utf8'), readFileSync(join(cwd, 'out', 'keywarden.sarif'), 'utf8')];
    for (const o of outputs) expect(o).not.toContain('PRIVATE KEY');
  });

  it('collect: writes an inventory snapshot with the GCP keys, key rings, projects and audit configs', async () => {
    const r = await run(['collect', '--provider', 'gcp', '--gcp-projects', 'acme-kms-dev', '--output', 'inv.json'], cwd, env);
    expect(r.code, r.stderr).toBe(0);
    const inv = JSON.parse(readFileSync(join(cwd, 'inv.json'), 'utf8')) as Inventory;
    expect(inv.keys.map((k) => k.id)).toEqual(['projects/acme-kms-dev/locations/us-central1/keyRings/apps/cryptoKeys/app-dek']);
    expect(inv.containers.map((c) => c.kind).sort()).toEqual(['key-ring', 'project']);
    expect(inv.logging.map((l) => l.id)).toEqual(['projects/acme-kms-dev/auditConfigs/allServices']);
  });

  it('without --gcp-projects: a usage error (exit 2)', async () => {
    const r = await run(['scan', '--provider', 'gcp', '--out', 'o2', '--state', 's2.db'], cwd, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--gcp-projects');
  });
});
