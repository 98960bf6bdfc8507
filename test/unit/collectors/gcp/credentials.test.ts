// The CLI path (collectFromFlags) with Application Default Credentials from the environment, against
// the local server: a service-account key file (locally generated RSA key; the client signs its own
// JWT, which the test verifies) and a workload identity federation config (the GitHub Actions flow:
// an OIDC token file exchanged at a local STS endpoint). Endpoints come from KEYWARDEN_GCP_*.
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFromFlags } from '../../../../src/collectors/gcp/flags.js';
import { endpointsFromEnv, parseEndpoint } from '../../../../src/collectors/gcp/endpoints.js';
import { fixedClock } from '../../../../src/core/clock.js';
import { ToolError } from '../../../../src/core/errors.js';
import { acmeEstate } from '../../../support/gcp-server/estate.js';
import { startGcpServer, type GcpServer } from '../../../support/gcp-server/server.js';
import { recordingProgress } from './helpers.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'kw-gcp-cred-'));

describe('GCP credentials and endpoints from the environment', () => {
  let server: GcpServer;
  let env: NodeJS.ProcessEnv;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  beforeAll(async () => {
    server = await startGcpServer(acmeEstate(NOW), { stsToken: 'sts-access-token' });
    env = { KEYWARDEN_GCP_KMS_ENDPOINT: server.url, KEYWARDEN_GCP_LOGGING_ENDPOINT: server.url, KEYWARDEN_GCP_RESOURCEMANAGER_ENDPOINT: server.url };
  });
  afterAll(() => server.close());

  const ctx = (extra: NodeJS.ProcessEnv) => ({ env: { ...env, ...extra }, clock: fixedClock(new Date(NOW)), progress: recordingProgress() });

  it('a service-account key: requests carry a JWT signed with that key; http endpoints are warned about', async () => {
    const file = join(dir, 'sa.json');
    writeFileSync(file, JSON.stringify({ type: 'service_account', project_id: 'acme-kms-prod', private_key_id: 'kid-1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: 'keywarden@acme-kms-prod.iam.gserviceaccount.com', client_id: '1', token_uri: 'https://oauth2.googleapis.com/token' }));
    const c = ctx({ GOOGLE_APPLICATION_CREDENTIALS: file });
    const before = server.requests.length;
    const live = await collectFromFlags({ 'gcp-projects': 'acme-kms-prod', 'gcp-locations': 'europe-west1' }, c);
    expect(live.keys).toHaveLength(7);
    expect(live.gaps).toEqual([]);
    expect(live.scope).toEqual({ gcp: { projects: ['acme-kms-prod'], locations: ['europe-west1'] } });
    const sent = server.requests.slice(before);
    // --gcp-locations: no ListLocations, no other location read
    expect(sent.some((r) => r.path.endsWith('/locations'))).toBe(false);
    const jwt = sent[0]!.authorization!.replace(/^Bearer /, '');
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toMatchObject({ iss: 'keywarden@acme-kms-prod.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/cloud-platform' });
    expect(c.progress.lines.filter((l) => l.includes('plain http'))).toHaveLength(3);
    expect(c.progress.lines.join('\n')).not.toContain('PRIVATE KEY');
  });

  it('workload identity federation (GitHub Actions): the OIDC token is exchanged at the STS token_url', async () => {
    writeFileSync(join(dir, 'oidc-token'), 'header.github-oidc.signature');
    const file = join(dir, 'wif.json');
    writeFileSync(file, JSON.stringify({ type: 'external_account', audience: '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/keywarden', subject_token_type: 'urn:ietf:params:oauth:token-type:jwt', token_url: `${server.url}/v1/token`, credential_source: { file: join(dir, 'oidc-token') } }));
    const before = server.requests.length;
    const live = await collectFromFlags({ 'gcp-projects': 'acme-kms-dev' }, ctx({ GOOGLE_APPLICATION_CREDENTIALS: file }));
    expect(live.keys.map((k) => k.name)).toEqual(['app-dek']);
    const sent = server.requests.slice(before);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/token' });
    expect(sent[0]!.body).toContain('subject_token=header.github-oidc.signature');
    expect(sent.slice(1).every((r) => r.authorization === 'Bearer sts-access-token')).toBe(true);
  });

  it('usage errors: no project, a malformed project id or location', async () => {
    await expect(collectFromFlags({}, ctx({}))).rejects.toThrow(/--gcp-projects/);
    await expect(collectFromFlags({ 'gcp-projects': 'acme/../x' }, ctx({}))).rejects.toBeInstanceOf(ToolError);
    await expect(collectFromFlags({ 'gcp-projects': 'acme-kms-dev', 'gcp-locations': 'us central' }, ctx({}))).rejects.toBeInstanceOf(ToolError);
  });
});

describe('GCP endpoints', () => {
  it('defaults to the public endpoints over TLS, without warnings', () => {
    const { endpoints, warnings } = endpointsFromEnv({});
    expect(endpoints.kms).toEqual({ baseUrl: 'https://cloudkms.googleapis.com', protocol: 'https', host: 'cloudkms.googleapis.com', port: 443, overridden: false });
    expect(endpoints.logging.baseUrl).toBe('https://logging.googleapis.com');
    expect(warnings).toEqual([]);
  });

  it('takes base URLs (private endpoints) and refuses paths, credentials and other schemes', () => {
    expect(parseEndpoint('kms', 'https://cloudkms-private.p.googleapis.com:8443/')).toMatchObject({ host: 'cloudkms-private.p.googleapis.com', port: 8443, protocol: 'https' });
    expect(parseEndpoint('logging', 'http://[::1]:9000')).toMatchObject({ host: '::1', port: 9000, protocol: 'http' });
    for (const bad of ['https://x/v1', 'ftp://x', 'https://u:p@x', 'not a url']) expect(() => parseEndpoint('kms', bad)).toThrow(ToolError);
  });
});
