// 429 with Retry-After: the core pipeline waits as told and retries; when retries run out the call is a
// Throttled gap (retryable) and the rest of the scan goes on.
import { afterEach, describe, expect, it } from 'vitest';
import { collectAzure } from '../../../../src/collectors/azure/index.js';
import { silentProgress } from '../../../../src/collectors/progress.js';
import { fixtureEstate, SUB_A } from '../../../support/azure-server/estate.mjs';
import { startAzureServer, type AzureTestServer } from '../../../support/azure-server/server.mjs';
import { clientOptions, stubCredential } from './helpers.js';

const NOW = new Date('2026-11-28T12:00:00Z');
let server: AzureTestServer | undefined;
afterEach(async () => server?.close());

async function run(maxRetries: number) {
  return collectAzure({ ...clientOptions(server!, stubCredential(), { maxRetries }), subscriptions: [SUB_A] }, { clock: { now: () => NOW }, progress: silentProgress });
}

describe('throttling', () => {
  it('honours Retry-After and succeeds after retries', async () => {
    server = await startAzureServer(fixtureEstate(Math.floor(NOW.getTime() / 1000)), { retryAfterSeconds: 1 });
    server.throttle(/^arm GET \/subscriptions\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults$/, 1);
    server.throttle(/^vault:kv-prod GET \/keys\/storage-cmk\/rotationpolicy$/, 1);
    const started = Date.now();
    const r = await run(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r.gaps.filter((g) => g.code === 'Throttled')).toEqual([]);
    expect(r.keys.find((k) => k.name === 'storage-cmk')?.rotation?.enabled).toBe(false);
    const vaultLists = server.requests.filter((q) => q.path === `/subscriptions/${SUB_A}/providers/Microsoft.KeyVault/vaults` && !q.query.includes('skiptoken'));
    expect(vaultLists.length).toBe(2); // the 429, then the retry
  });

  it('turns exhausted retries into a Throttled gap and keeps going', async () => {
    server = await startAzureServer(fixtureEstate(Math.floor(NOW.getTime() / 1000)), { retryAfterSeconds: 0 });
    server.throttle(/^vault:kv-prod GET \/keys\/storage-cmk\/rotationpolicy$/, 10);
    const r = await run(1);
    const gap = r.gaps.find((g) => g.scope.endsWith('kv-prod:getKeyRotationPolicy') && g.code === 'Throttled');
    expect(gap).toMatchObject({ retryable: true, count: 1 });
    expect(r.keys.find((k) => k.name === 'storage-cmk')?.unknown?.rotation).toMatch(/^Throttled/);
    expect(r.keys.find((k) => k.name === 'tde-protector')?.rotation?.enabled).toBe(true);
  });
});
