// Read-only by construction: the real SDK clients, built as the collector builds them, cannot send
// a write or cryptographic request — the guard refuses it before it leaves the process, and the
// local server sees nothing. Reads on the allowlist pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, type GcpClients } from '../../../../src/collectors/gcp/clients.js';
import { READ_ONLY_RPCS, ReadOnlyViolation, assertReadOnlyRequest } from '../../../../src/collectors/gcp/guard.js';
import { GuardedAuth, newStats } from '../../../../src/collectors/gcp/transport.js';
import { acmeEstate } from '../../../support/gcp-server/estate.js';
import { startGcpServer, type GcpServer } from '../../../support/gcp-server/server.js';
import { localEndpoints, staticTokenAuth } from './helpers.js';

const KEY = 'projects/acme-kms-prod/locations/europe-west1/keyRings/payments/cryptoKeys/payments-dek';
const RING = 'projects/acme-kms-prod/locations/europe-west1/keyRings/payments';

describe('GCP read-only guard with the real clients', () => {
  let server: GcpServer;
  let clients: GcpClients;
  beforeAll(async () => {
    server = await startGcpServer(acmeEstate(Date.parse('2026-11-28T12:00:00Z')));
    clients = createClients({ auth: staticTokenAuth(), endpoints: localEndpoints(server.url), stats: newStats() });
  });
  afterAll(async () => {
    await clients.close();
    await server.close();
  });

  // Each is a method the SDK offers; none may reach the server.
  const writes: [string, (c: GcpClients) => Promise<unknown>][] = [
    ['kms.setIamPolicy', (c) => c.kms.setIamPolicy({ resource: KEY, policy: { bindings: [{ role: 'roles/owner', members: ['allUsers'] }] } } as unknown as Parameters<GcpClients['kms']['setIamPolicy']>[0])],
    ['kms.destroyCryptoKeyVersion', (c) => c.kms.destroyCryptoKeyVersion({ name: `${KEY}/cryptoKeyVersions/1` })],
    ['kms.updateCryptoKey', (c) => c.kms.updateCryptoKey({ cryptoKey: { name: KEY, labels: { x: 'y' } }, updateMask: { paths: ['labels'] } })],
    ['kms.updateCryptoKeyPrimaryVersion', (c) => c.kms.updateCryptoKeyPrimaryVersion({ name: KEY, cryptoKeyVersionId: '1' })],
    ['kms.createKeyRing', (c) => c.kms.createKeyRing({ parent: 'projects/acme-kms-prod/locations/global', keyRingId: 'evil', keyRing: {} })],
    ['kms.createCryptoKey', (c) => c.kms.createCryptoKey({ parent: RING, cryptoKeyId: 'evil', cryptoKey: { purpose: 'ENCRYPT_DECRYPT' } })],
    ['kms.encrypt', (c) => c.kms.encrypt({ name: KEY, plaintext: Buffer.from('secret') })],
    ['kms.decrypt', (c) => c.kms.decrypt({ name: KEY, ciphertext: Buffer.from('x') })],
    ['kms.asymmetricSign', (c) => c.kms.asymmetricSign({ name: `${KEY}/cryptoKeyVersions/1`, digest: { sha256: Buffer.alloc(32) } })],
    ['kms.getPublicKey', (c) => c.kms.getPublicKey({ name: `${KEY}/cryptoKeyVersions/1` })],
    ['kms.generateRandomBytes', (c) => c.kms.generateRandomBytes({ location: 'projects/acme-kms-prod/locations/global', lengthBytes: 32 })],
    ['projects.setIamPolicy', (c) => c.projects.setIamPolicy({ resource: 'projects/acme-kms-prod', policy: { bindings: [] } })],
    ['projects.deleteProject', (c) => c.projects.deleteProject({ name: 'projects/acme-kms-prod' })],
    ['projects.updateProject', (c) => c.projects.updateProject({ project: { name: 'projects/acme-kms-prod', displayName: 'x' } })],
  ];

  it.each(writes)('%s is refused before it is sent', async (_name, call) => {
    const before = server.requests.length;
    const err = await call(clients).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReadOnlyViolation);
    expect(server.requests.length).toBe(before);
  });

  it('a Logging write (entries:write) through the guarded transport is refused', async () => {
    const auth = new GuardedAuth(staticTokenAuth(), 'logging', newStats());
    await expect(auth.fetch(`${server.url}/v2/entries:write`, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(ReadOnlyViolation);
    // a KMS path on the Logging transport is not a Logging read either
    await expect(auth.fetch(`${server.url}/v1/${RING}/cryptoKeys`, { method: 'GET' })).rejects.toBeInstanceOf(ReadOnlyViolation);
  });

  it('no write request reached the server at all; allowed reads do', async () => {
    const [keys] = await clients.kms.listCryptoKeys({ parent: RING }, { autoPaginate: false });
    expect(keys.length).toBe(7);
    const [policy] = await clients.projects.getIamPolicy({ resource: 'projects/acme-kms-prod' });
    expect(policy.bindings?.length).toBe(3);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/${RING}/cryptoKeys`, 'POST /v3/projects/acme-kms-prod:getIamPolicy']);
  });
});

describe('assertReadOnlyRequest', () => {
  const base = 'https://cloudkms.googleapis.com';
  it('allows the listed reads, whatever the query', () => {
    expect(assertReadOnlyRequest('kms', 'GET', `${base}/v1/${RING}/cryptoKeys?pageSize=1000&$alt=json%3Benum-encoding=int`)).toBe('ListCryptoKeys');
    expect(assertReadOnlyRequest('kms', 'POST', `${base}/v1/${KEY}:getIamPolicy`)).toBe('GetIamPolicy (crypto key)');
    expect(assertReadOnlyRequest('resourcemanager', 'get', 'https://cloudresourcemanager.googleapis.com/v3/projects/p-123')).toBe('GetProject');
    expect(assertReadOnlyRequest('logging', 'POST', 'https://logging.googleapis.com/v2/entries:list')).toBe('ListLogEntries');
  });

  it.each([
    ['GET on a POST-only read', 'kms', 'GET', `/v1/${KEY}:getIamPolicy`],
    ['POST on a list path (create)', 'kms', 'POST', `/v1/${RING}/cryptoKeys`],
    ['PATCH', 'kms', 'PATCH', `/v1/${KEY}`],
    ['DELETE', 'resourcemanager', 'DELETE', '/v3/projects/p-123'],
    ['setIamPolicy', 'kms', 'POST', `/v1/${KEY}:setIamPolicy`],
    ['decrypt', 'kms', 'POST', `/v1/${KEY}:decrypt`],
    ['restore', 'kms', 'POST', `/v1/${KEY}/cryptoKeyVersions/1:restore`],
    ['public key', 'kms', 'GET', `/v1/${KEY}/cryptoKeyVersions/1/publicKey`],
    ['an encoded slash smuggling a write path', 'kms', 'GET', `/v1/${RING}/cryptoKeys/k%2F..%2F..%3AsetIamPolicy/cryptoKeyVersions`],
    ['a colon smuggled in an encoded segment', 'kms', 'GET', `/v1/${RING}/cryptoKeys/k%3AsetIamPolicy/cryptoKeyVersions`],
    ['a read of another service', 'logging', 'GET', `/v1/${RING}/cryptoKeys`],
    ['unknown method', 'kms', 'PUT', `/v1/${RING}/cryptoKeys`],
  ])('refuses %s', (_why, service, method, path) => {
    expect(() => assertReadOnlyRequest(service as 'kms', method, `https://example.test${path}`)).toThrow(ReadOnlyViolation);
  });

  it('every allowlisted RPC is a list, a get or a policy/log read', () => {
    const names = Object.values(READ_ONLY_RPCS).flatMap((rs) => rs.map((r) => r.rpc));
    expect(names.every((n) => /^(List|Get)/.test(n))).toBe(true);
    expect(Object.values(READ_ONLY_RPCS).flat().filter((r) => r.method === 'POST').map((r) => r.rpc).sort()).toEqual(['GetIamPolicy (crypto key)', 'GetIamPolicy (key ring)', 'GetIamPolicy (project)', 'ListLogEntries']);
  });
});
