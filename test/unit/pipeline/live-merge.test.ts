// runScan and runCollect merge what live collectors found with the --inventory snapshots.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory, KeyEvent, KeyRecord } from '../../../src/core/model.js';
import { validateInventory } from '../../../src/inventory/index.js';
import { runCollect } from '../../../src/pipeline/collect.js';
import type { LiveInventory } from '../../../src/pipeline/collectors.js';
import { runScan } from '../../../src/pipeline/scan.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'scan', 'inventory.json');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Inventory;
const clock = { now: () => new Date('2026-11-01T00:00:00Z') };

/** A live part with one extra key (a copy of a fixture key under a new id) and one gap. */
function live(): LiveInventory {
  const key: KeyRecord = { ...fixture.keys[0]!, id: `${fixture.keys[0]!.id}-live` };
  return {
    keys: [key],
    containers: [],
    logging: [],
    events: [],
    gaps: [{ source: 'pkcs11', scope: 'token:absent', code: 'TokenNotPresent', message: 'no module offers an initialised token labelled "absent"', retryable: true }],
    scope: { pkcs11: { modules: ['/m.so'], tokens: ['absent'], pinSource: 'none' } },
  };
}

describe('live inventory merged into scan and collect', () => {
  it('runScan evaluates the live keys alongside --inventory and reports their gaps and scope', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-live-'));
    const r = await runScan({ cwd, inventories: [FIXTURE], live: live(), state: false, formats: ['json'], failOn: 'none', clock });
    expect(r.report.coverage.keys).toBe(fixture.keys.length + 1);
    expect(r.report.gaps.map((g) => g.code)).toContain('TokenNotPresent');
    expect(r.report.run.scope).toMatchObject({ aws: fixture.scope.aws as object, pkcs11: { tokens: ['absent'] } });
    expect(r.report.run.parameters.live).toEqual(['pkcs11']);
  });

  it('runScan accepts a live collection as its only input', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-live-'));
    const r = await runScan({ cwd, live: live(), state: false, formats: ['json'], failOn: 'none', clock });
    expect(r.report.coverage.keys).toBe(1);
  });

  it('runScan feeds live usage events to the usage summary and the detectors, like exported logs', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-live-'));
    const key = fixture.keys[0]!;
    const events: KeyEvent[] = Array.from({ length: 3 }, (_, i) => ({
      time: `2026-10-31T0${i}:00:00.000Z`,
      provider: key.provider,
      account: key.account,
      region: key.region,
      keyId: key.id,
      operation: { raw: 'Decrypt', class: 'decrypt', readOnly: false },
      principal: { id: 'arn:aws:iam::111122223333:role/app', type: 'role' },
      outcome: 'success',
      eventId: `live-${i}`,
    }));
    const r = await runScan({ cwd, live: { ...live(), events }, state: false, formats: ['json'], failOn: 'none', clock });
    expect(r.report.coverage.events).toBe(3);
    expect(r.report.coverage.providers[key.provider]?.events).toBe(3);
  });

  it('runCollect writes a valid snapshot stamped with the clock', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kw-live-'));
    const r = await runCollect({ cwd, inventories: [FIXTURE], live: live(), output: 'out.json', clock });
    const written = validateInventory(JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8')), 'out.json');
    expect(written.keys).toHaveLength(fixture.keys.length + 1);
    expect(written.gaps.map((g) => g.code)).toContain('TokenNotPresent');
    expect(written.collectedAt).toBe('2026-11-01T00:00:00.000Z');
    expect(r.inventory.scope).toHaveProperty('pkcs11');
  });
});
