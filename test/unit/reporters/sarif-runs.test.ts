// SARIF across scans, as GitHub code scanning sees successive uploads: alerts match by
// partialFingerprints.primaryLocationLineHash, an upload replaces the earlier results of its category
// (automationDetails.id up to the last `/`), and an alert closes when a later upload of that category
// no longer holds it. Real scans (runScan on an inventory file, the built-in policy pack) at two times.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.js';
import type { Inventory } from '../../../src/core/model.js';
import { runScan } from '../../../src/pipeline/scan.js';
import type { SarifOptions } from '../../../src/reporters/index.js';
import type { SarifLog } from '../../../src/reporters/sarif/types.js';
import { githubIngestionProblems } from './sarif-validators.js';

const ESTATE = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/inventory/small-estate.json'), 'utf8')) as Inventory;
const AWS_ACCOUNT = '111122223333';

async function scanSarif(inventory: Inventory, at: string, sarif?: SarifOptions, state?: string): Promise<SarifLog> {
  const cwd = mkdtempSync(join(tmpdir(), 'kw-sarif-runs-'));
  writeFileSync(join(cwd, 'inventory.json'), JSON.stringify(inventory));
  await runScan({ cwd, inventories: ['inventory.json'], formats: ['sarif'], outDir: 'out', state: state ?? false, clock: fixedClock(at), ...(sarif ? { sarif } : {}) });
  const log = JSON.parse(readFileSync(join(cwd, 'out', 'keywarden.sarif'), 'utf8')) as SarifLog;
  expect(githubIngestionProblems(log as Parameters<typeof githubIngestionProblems>[0])).toEqual([]);
  return log;
}

/** category → sorted "ruleId resource primaryLocationLineHash" of each result: what GitHub tracks as alerts. */
function alerts(log: SarifLog): Map<string, string[]> {
  const byCategory = new Map<string, string[]>();
  for (const run of log.runs) {
    const id = run.automationDetails?.id ?? '';
    const category = id.slice(0, id.lastIndexOf('/'));
    expect(byCategory.has(category), `two runs share the category ${category}`).toBe(false);
    byCategory.set(category, run.results.map((r) => `${r.ruleId} ${String(r.properties?.['resourceId'])} ${r.partialFingerprints?.['primaryLocationLineHash']}`).sort());
  }
  return byCategory;
}

const withoutKeysOf = (inv: Inventory, provider: string): Inventory => ({ ...inv, keys: inv.keys.filter((k) => k.provider !== provider), containers: inv.containers.filter((c) => c.provider !== provider) });

describe('SARIF across scans', () => {
  it('keeps every fingerprint when nothing changed between two scans a day apart', async () => {
    const first = alerts(await scanSarif(ESTATE, '2026-03-01T06:00:00Z'));
    const second = alerts(await scanSarif(ESTATE, '2026-03-02T06:00:00Z'));
    expect([...first.values()].flat().length).toBeGreaterThan(3);
    expect(second).toEqual(first);
  });

  it('drops the results of fixed findings but keeps their run, so GitHub closes exactly those alerts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-sarif-state-'));
    const state = join(dir, 'state.db');
    const before = alerts(await scanSarif(ESTATE, '2026-03-01T06:00:00Z', undefined, state));
    const after = alerts(await scanSarif(withoutKeysOf(ESTATE, 'gcp'), '2026-03-02T06:00:00Z', undefined, state));
    expect([...after.keys()]).toEqual([...before.keys()]);
    const gone = [...before.values()].flat().filter((a) => !(after.get('keywarden/policy') ?? []).includes(a));
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((a) => a.includes(' projects/my-project')), gone.join('\n')).toBe(true);
    // Everything else is matched to the same alert as before.
    expect(after.get('keywarden/policy')).toEqual(before.get('keywarden/policy')!.filter((a) => !gone.includes(a)));
  });

  it('per-account runs: one category per provider account, and a scanned account whose findings are all fixed keeps an empty run', async () => {
    const scoped: Inventory = { ...ESTATE, scope: { aws: { accounts: [AWS_ACCOUNT] }, azure: { subscriptions: ['361da5d4-a47a-4c79-afdd-d66f0b8b7b5a'] }, gcp: { projects: ['my-project'] }, pkcs11: { tokens: ['test'] } } };
    const before = alerts(await scanSarif(scoped, '2026-03-01T06:00:00Z', { grouping: 'account' }));
    expect([...before.keys()]).toEqual(['keywarden/aws/111122223333', 'keywarden/azure/361da5d4-a47a-4c79-afdd-d66f0b8b7b5a', 'keywarden/gcp/my-project', 'keywarden/pkcs11/test']);
    expect(before.get('keywarden/gcp/my-project')!.length).toBeGreaterThan(0);
    const after = alerts(await scanSarif(withoutKeysOf(scoped, 'gcp'), '2026-03-02T06:00:00Z', { grouping: 'account' }));
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.get('keywarden/gcp/my-project')).toEqual([]);
    for (const other of ['keywarden/aws/111122223333', 'keywarden/azure/361da5d4-a47a-4c79-afdd-d66f0b8b7b5a', 'keywarden/pkcs11/test']) expect(after.get(other)).toEqual(before.get(other));
  });

  it('separate scans of different estates get distinct categories with a prefix each, and would collide without', async () => {
    const awsOnly: Inventory = { ...ESTATE, keys: ESTATE.keys.filter((k) => k.provider === 'aws'), containers: ESTATE.containers.filter((c) => c.provider === 'aws') };
    const azureOnly: Inventory = { ...ESTATE, keys: ESTATE.keys.filter((k) => k.provider === 'azure'), containers: ESTATE.containers.filter((c) => c.provider === 'azure') };
    const at = '2026-03-01T06:00:00Z';
    const plainA = alerts(await scanSarif(awsOnly, at));
    const plainB = alerts(await scanSarif(azureOnly, at));
    // Same categories: the second upload would replace the first one's alerts.
    expect([...plainA.keys()].filter((c) => plainB.has(c))).toEqual(['keywarden/policy', 'keywarden/anomaly']);
    const a = alerts(await scanSarif(awsOnly, at, { categoryPrefix: 'keywarden/aws-prod' }));
    const b = alerts(await scanSarif(azureOnly, at, { categoryPrefix: 'keywarden/azure-prod/' }));
    expect([...a.keys()]).toEqual(['keywarden/aws-prod/policy', 'keywarden/aws-prod/anomaly']);
    expect([...b.keys()]).toEqual(['keywarden/azure-prod/policy', 'keywarden/azure-prod/anomaly']);
    // The prefix changes the category only: results and fingerprints are the same as without it.
    expect(a.get('keywarden/aws-prod/policy')).toEqual(plainA.get('keywarden/policy'));
    expect(b.get('keywarden/azure-prod/policy')).toEqual(plainB.get('keywarden/policy'));
  });
});
