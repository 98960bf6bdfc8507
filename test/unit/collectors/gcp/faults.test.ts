// Throttling and permission errors from the local server: 429 RESOURCE_EXHAUSTED is retried after
// Retry-After and then becomes a gap; PERMISSION_DENIED becomes a gap and marks the fields it would
// have filled as unknown; the rest of the estate is still read.
import { afterEach, describe, expect, it } from 'vitest';
import { collectGcp, mergeGaps } from '../../../../src/collectors/gcp/index.js';
import { fixedClock } from '../../../../src/core/clock.js';
import type { Gap } from '../../../../src/core/model.js';
import { acmeEstate } from '../../../support/gcp-server/estate.js';
import { startGcpServer, type Fault, type GcpServer } from '../../../support/gcp-server/server.js';
import { fakeSleep, localEndpoints, recordingProgress, staticTokenAuth } from './helpers.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const RING = 'projects/acme-kms-prod/locations/europe-west1/keyRings/payments';
const WINDOW = { from: new Date(NOW - 7 * 86_400_000), to: new Date(NOW) };

let server: GcpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(faults: Fault[], projects = ['acme-kms-prod']) {
  server = await startGcpServer(acmeEstate(NOW), { faults });
  const pause = fakeSleep();
  const out = await collectGcp(
    { projects, auth: staticTokenAuth(), endpoints: localEndpoints(server.url), events: WINDOW, retry: { sleep: pause.sleep, maxAttempts: 3 } },
    { env: {}, clock: fixedClock(new Date(NOW)), progress: recordingProgress() },
  );
  return { out, waits: pause.waits };
}

describe('GCP collector under throttling and denial', () => {
  it('429 RESOURCE_EXHAUSTED with Retry-After is retried after that pause, then succeeds', async () => {
    const { out, waits } = await run([{ match: /^GET .*\/keyRings\/payments\/cryptoKeys$/, status: 429, times: 2, retryAfter: 3 }]);
    expect(waits).toEqual([3000, 3000]);
    expect(out.requests.retries).toBe(2);
    expect(out.gaps).toEqual([]);
    expect(out.keys.filter((k) => k.container === RING)).toHaveLength(7);
    expect(server!.requests.filter((r) => r.path === `/v1/${RING}/cryptoKeys`)).toHaveLength(3);
  });

  it('without Retry-After the pause doubles; when attempts run out it is a Throttled gap, not a pass', async () => {
    const { out, waits } = await run([{ match: /^POST \/v2\/entries:list$/, status: 429 }]);
    expect(waits).toEqual([500, 1000]);
    expect(out.events).toEqual([]);
    expect(out.gaps).toEqual([expect.objectContaining({ source: 'gcp-logging', scope: 'gcp:acme-kms-prod:-:logging:ListLogEntries', code: 'Throttled', retryable: true })]);
    expect(out.gaps[0]!.message).toContain('RESOURCE_EXHAUSTED');
  });

  it('PERMISSION_DENIED on key IAM policies: one merged gap, each key unknown for access', async () => {
    const { out } = await run([{ match: /^POST .*\/cryptoKeys\/[^/]+:getIamPolicy$/, status: 403 }]);
    const gap = out.gaps.find((g) => g.scope === 'gcp:acme-kms-prod:europe-west1:kms:GetIamPolicy')!;
    expect(gap).toMatchObject({ code: 'AccessDenied', count: 7, retryable: false });
    const k = out.keys.find((x) => x.name === 'settlement-dek')!;
    expect(k.unknown).toEqual({ access: expect.stringMatching(/^AccessDenied: PERMISSION_DENIED: Permission denied/) as unknown });
    expect(k.rawPolicy).toBeUndefined();
    // what could be read is still there: inherited bindings, versions, rotation
    expect(k.access?.every((s) => s.source === 'inherited')).toBe(true);
    expect(k.versions).toHaveLength(1);
  });

  it('a denied project IAM policy and key ring policy mark every key below them', async () => {
    const { out } = await run([
      { match: /^POST \/v3\/projects\/acme-kms-prod:getIamPolicy$/, status: 403 },
      { match: /^POST .*\/keyRings\/shared:getIamPolicy$/, status: 403 },
    ]);
    const project = out.containers.find((c) => c.id === 'projects/acme-kms-prod')!;
    expect(project.access).toBeUndefined();
    expect(project.unknown?.access).toMatch(/^AccessDenied/);
    expect(out.logging).toEqual([]);
    const shared = out.keys.find((k) => k.name === 'shared-dek')!;
    expect(Object.keys(shared.unknown ?? {}).sort()).toEqual(['access.keyRing', 'access.project']);
    expect(out.containers.find((c) => c.name === 'shared')!.unknown?.access).toMatch(/^AccessDenied/);
    expect(out.gaps.map((g) => [g.source, g.scope, g.code])).toEqual([
      ['gcp-resourcemanager', 'gcp:acme-kms-prod:-:resourcemanager:GetIamPolicy', 'AccessDenied'],
      ['gcp-kms', 'gcp:acme-kms-prod:global:kms:GetIamPolicy', 'AccessDenied'],
    ]);
  });

  it('a location whose key rings cannot be listed is a gap; the other locations are read', async () => {
    const { out } = await run([{ match: /^GET \/v1\/projects\/acme-kms-prod\/locations\/global\/keyRings$/, status: 403 }]);
    expect(out.gaps.map((g) => [g.scope, g.code])).toEqual([['gcp:acme-kms-prod:global:kms:ListKeyRings', 'AccessDenied']]);
    expect(out.keys.map((k) => k.name)).not.toContain('shared-dek');
    expect(out.keys).toHaveLength(7);
  });

  it('an unknown project: every read is denied, each a gap, nothing invented', async () => {
    const { out } = await run([], ['acme-kms-nope']);
    expect(out.keys).toEqual([]);
    expect(out.gaps.map((g) => [g.scope, g.code])).toEqual([
      ['gcp:acme-kms-nope:-:kms:ListLocations', 'AccessDenied'],
      ['gcp:acme-kms-nope:-:resourcemanager:GetIamPolicy', 'AccessDenied'],
      ['gcp:acme-kms-nope:-:resourcemanager:GetProject', 'AccessDenied'],
    ]);
  });

  it('no credentials: one Unauthenticated gap and no request sent', async () => {
    server = await startGcpServer(acmeEstate(NOW));
    const broken = { fetch: () => Promise.reject(new Error('unused')), getRequestHeaders: () => Promise.reject(new Error('Could not load the default credentials.')) };
    const out = await collectGcp({ projects: ['acme-kms-prod'], auth: broken, endpoints: localEndpoints(server.url) }, { env: {}, clock: fixedClock(new Date(NOW)), progress: recordingProgress() });
    expect(out.gaps).toEqual([expect.objectContaining({ source: 'gcp-auth', code: 'Unauthenticated' })]);
    expect(out.gaps[0]!.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(server.requests).toEqual([]);
  });
});

describe('mergeGaps', () => {
  const g = (scope: string, id: string, code = 'AccessDenied'): Gap => ({ source: 's', scope, code, message: 'denied', retryable: false, resource: { provider: 'gcp', account: 'p', type: 'crypto-key', id } });
  it('keeps single gaps with their resource and folds repeats into a count naming the first', () => {
    const merged = mergeGaps([g('a', 'k2'), g('a', 'k1'), g('b', 'k3'), g('a', 'k9', 'Throttled')]);
    expect(merged).toEqual([
      { source: 's', scope: 'a', code: 'AccessDenied', message: 'denied (2 resources, first k1)', retryable: false, count: 2 },
      g('a', 'k9', 'Throttled'),
      g('b', 'k3'),
    ]);
  });
});
