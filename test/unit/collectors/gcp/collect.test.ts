// The real KMS and Resource Manager SDK clients (REST fallback) and the Logging REST call against the
// local server: what collectGcp reads, how it maps, and the requests it sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGcp, type GcpCollected } from '../../../../src/collectors/gcp/index.js';
import { fixedClock } from '../../../../src/core/clock.js';
import { acmeEstate } from '../../../support/gcp-server/estate.js';
import { startGcpServer, type GcpServer } from '../../../support/gcp-server/server.js';
import { localEndpoints, recordingProgress, staticTokenAuth } from './helpers.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const P = 'projects/acme-kms-prod/locations/europe-west1/keyRings/payments';

describe('collectGcp against the local REST server', () => {
  let server: GcpServer;
  let out: GcpCollected;
  const progress = recordingProgress();
  beforeAll(async () => {
    // pages of 2 force paging on every list call
    server = await startGcpServer(acmeEstate(NOW), { maxPageSize: 2 });
    out = await collectGcp(
      { projects: ['acme-kms-prod', 'acme-kms-dev'], auth: staticTokenAuth(), endpoints: localEndpoints(server.url), events: { from: new Date(NOW - 7 * 86_400_000), to: new Date(NOW) } },
      { env: {}, clock: fixedClock(new Date(NOW)), progress },
    );
  }, 60_000);
  afterAll(() => server.close());

  const key = (id: string) => out.keys.find((k) => k.id === `${P}/cryptoKeys/${id}`)!;

  it('reads every key of every location, paging through key rings, keys and versions', () => {
    expect(out.keys.map((k) => k.name)).toEqual(['app-dek', 'archive-dek', 'closing-dek', 'ledger-dek', 'payments-dek', 'receipt-signer', 'retired-dek', 'settlement-dek', 'shared-dek']);
    expect(out.containers.map((c) => [c.kind, c.id])).toEqual([
      ['project', 'projects/acme-kms-dev'],
      ['key-ring', 'projects/acme-kms-dev/locations/us-central1/keyRings/apps'],
      ['project', 'projects/acme-kms-prod'],
      ['key-ring', 'projects/acme-kms-prod/locations/europe-west1/keyRings/payments'],
      ['key-ring', 'projects/acme-kms-prod/locations/global/keyRings/shared'],
    ]);
    // 7 keys in payments at 2 per page: 4 pages
    expect(server.requests.filter((r) => r.path === `/v1/${P}/cryptoKeys`).map((r) => r.query.pageToken ?? '')).toEqual(['', '2', '4', '6']);
    expect(out.gaps).toEqual([]);
    expect(server.requests.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
  });

  it('maps a symmetric HSM key with rotation, versions, labels and IAM (own, key ring, project)', () => {
    const k = key('payments-dek');
    expect(k).toMatchObject({
      provider: 'gcp',
      account: 'acme-kms-prod',
      region: 'europe-west1',
      container: P,
      purpose: 'encrypt-decrypt',
      keyType: 'symmetric',
      sizeBits: 256,
      algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION',
      protectionLevel: 'hsm',
      origin: 'generated',
      state: 'enabled',
      rawState: 'ENABLED',
      rotation: { supported: true, enabled: true, periodDays: 90, nextRotationAt: '2026-12-28T12:00:00Z' },
      deletionWindowDays: 30,
      tags: { owner: 'payments-team', 'data-class': 'confidential', environment: 'production' },
      raw: { purpose: 'ENCRYPT_DECRYPT', primary: { name: `${P}/cryptoKeys/payments-dek/cryptoKeyVersions/2`, state: 'ENABLED' }, primaryVersion: 2, destroyScheduledDuration: '2592000s' },
    });
    expect(k.versions?.map((v) => [v.id.slice(-1), v.state, v.enabled])).toEqual([['1', 'DISABLED', false], ['2', 'ENABLED', true]]);
    expect(k.access?.map((s) => [s.source, s.scope ?? '', s.actions[0], s.principals.join(',')])).toEqual([
      ['iam-binding', '', 'roles/cloudkms.cryptoKeyEncrypterDecrypter', 'serviceAccount:payments-app@acme-kms-prod.iam.gserviceaccount.com'],
      ['inherited', P, 'roles/cloudkms.viewer', 'group:auditors@acme.example'],
      ['inherited', 'projects/acme-kms-prod', 'roles/cloudkms.admin', 'group:kms-admins@acme.example'],
      ['inherited', 'projects/acme-kms-prod', 'roles/owner', 'user:founder@acme.example'],
      ['inherited', 'projects/acme-kms-prod', 'roles/viewer', 'group:engineering@acme.example'],
    ]);
    expect(k.unknown).toBeUndefined();
  });

  it('maps rotation off, asymmetric keys, destroyed and destroy-scheduled versions', () => {
    expect(key('ledger-dek').rotation).toEqual({ supported: true, enabled: false, lastRotatedAt: expect.any(String) as unknown });
    expect(key('receipt-signer')).toMatchObject({ purpose: 'sign-verify', keyType: 'ec', curve: 'secp256k1', rotation: { supported: false }, state: 'enabled' });
    expect(key('receipt-signer').raw?.primary).toBeUndefined();
    expect(key('retired-dek')).toMatchObject({ state: 'destroyed', enabled: false });
    const closing = key('closing-dek');
    expect(closing).toMatchObject({ state: 'enabled', rawState: 'DESTROY_SCHEDULED' });
    expect(closing.raw?.destroyTimes).toEqual({ [`${P}/cryptoKeys/closing-dek/cryptoKeyVersions/2`]: '2026-12-18T12:00:00Z' });
  });

  it('a public key ring is public on the ring and inherited by its keys', () => {
    const ring = out.containers.find((c) => c.name === 'shared')!;
    expect(ring.access).toEqual([{ effect: 'allow', principals: ['allUsers'], public: true, actions: ['roles/cloudkms.cryptoKeyDecrypter'], source: 'iam-binding', scope: ring.id }]);
    expect(out.keys.find((k) => k.name === 'shared-dek')!.access?.filter((s) => s.public)).toHaveLength(1);
  });

  it('projects: organisation, IAM and the Data Access audit configuration', () => {
    const prod = out.containers.find((c) => c.id === 'projects/acme-kms-prod')!;
    expect(prod.raw).toMatchObject({ organization: 'organizations/998877665544', projectNumber: '123456789012' });
    expect(out.containers.find((c) => c.id === 'projects/acme-kms-dev')!.raw).toMatchObject({ organization: 'none' });
    expect(out.logging.map((l) => [l.id, l.enabled, l.readEvents, l.writeEvents])).toEqual([
      ['projects/acme-kms-dev/auditConfigs/allServices', true, true, true],
      ['projects/acme-kms-prod/auditConfigs/cloudkms.googleapis.com', false, false, false],
    ]);
  });

  it('reads Cloud KMS audit entries for the window only, paged, with an explicit time range', () => {
    const lists = server.requests.filter((r) => r.path === '/v2/entries:list');
    const first = JSON.parse(lists[0]!.body) as { filter: string; resourceNames: string[]; orderBy: string };
    expect(first.filter).toBe('protoPayload.serviceName="cloudkms.googleapis.com" AND timestamp>="2026-11-21T12:00:00.000Z" AND timestamp<"2026-11-28T12:00:00.000Z"');
    expect(first.orderBy).toBe('timestamp asc');
    // 32 KMS entries in the window for prod at 2 per page, one empty page for dev
    expect(lists.length).toBe(16 + 1);
    expect(out.events).toHaveLength(32);
    expect(out.events.map((e) => e.operation.raw).filter((m, i, a) => a.indexOf(m) === i)).toEqual(['Decrypt', 'Encrypt', 'DestroyCryptoKeyVersion']);
    const destroy = out.events.find((e) => e.operation.raw === 'DestroyCryptoKeyVersion')!;
    expect(destroy).toMatchObject({ provider: 'gcp', account: 'acme-kms-prod', keyId: `${P}/cryptoKeys/closing-dek`, operation: { class: 'delete' }, principal: { id: 'mallory@acme.example', type: 'user' }, sourceIp: '198.51.100.23', origin: { format: 'gcp-logging-api' } });
  });

  it('reports progress per project and counts requests by read RPC', () => {
    expect(progress.lines).toContain('end gcp acme-kms-prod keys 8');
    expect(progress.lines).toContain('end gcp acme-kms-prod key rings 2');
    expect(out.requests.requests).toBe(server.requests.length);
    expect(Object.keys(out.requests.byRpc).sort()).toEqual(['GetIamPolicy (crypto key)', 'GetIamPolicy (key ring)', 'GetIamPolicy (project)', 'GetProject', 'ListCryptoKeyVersions', 'ListCryptoKeys', 'ListKeyRings', 'ListLocations', 'ListLogEntries']);
  });
});
