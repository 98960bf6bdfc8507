// The Azure, Google Cloud and PKCS#11 policies (policies/azure, policies/gcp, policies/pkcs11) on the
// demo estate (examples/demo/expectations.json): every expected violation of these providers' checks
// fires, every expected unknown is reported as unknown, traps stay silent, and the vault, key ring and
// token checks report what the demo README describes. Unlike demo-expectations.test.ts, the checks the
// demo expects here must exist: a missing policy fails this test.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, RuleMeta } from '../../../src/core/model.js';
import { evaluateDemo, expectations, inventory } from './demo-support.js';

const OWN = /^(azure-|gcp-|p11-)/;

let findings: Finding[] = [];
let rules: RuleMeta[] = [];

beforeAll(async () => {
  ({ findings, rules } = await evaluateDemo(['lib', 'azure', 'gcp', 'pkcs11']));
}, 120_000);

/** Own checks' findings on a resource with a status, informational notes left out. */
function own(resourceId: string, status: 'fail' | 'unknown'): string[] {
  const ids = findings.filter((f) => f.resource.id === resourceId && f.status === status && f.severity !== 'info' && OWN.test(f.ruleId)).map((f) => f.ruleId);
  return [...new Set(ids)].sort();
}

const vault = (name: string) => `/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-security/providers/Microsoft.KeyVault/${name}`;

describe('Azure, GCP and PKCS#11 policies on the demo estate', () => {
  it('implements every check the demo expects of these providers', () => {
    const implemented = new Set(rules.map((r) => r.id));
    const expected = new Set(expectations.keys.flatMap((k) => [...k.violations, ...(k.unknown ?? [])]).filter((id) => OWN.test(id)));
    expect(expected.size).toBeGreaterThanOrEqual(8);
    for (const id of expected) expect(implemented, id).toContain(id);
  });

  for (const key of expectations.keys) {
    const label = `${key.provider} ${key.name}`;
    it(`${label}: own violations fire, traps stay silent`, () => {
      expect(own(key.id, 'fail')).toEqual([...new Set(key.violations.filter((v) => OWN.test(v)))].sort());
    });
    it(`${label}: own unknowns are reported and no others on fully read keys`, () => {
      const expected = (key.unknown ?? []).filter((u) => OWN.test(u)).sort();
      const unknown = own(key.id, 'unknown');
      for (const u of expected) expect(unknown).toContain(u);
      const record = inventory.keys.find((k) => k.id === key.id);
      if (!record?.unknown) expect(unknown).toEqual(expected);
    });
  }

  it('unreachable vault: rotation policy unknown with the collector reason, never fail', () => {
    const f = findings.find((x) => x.ruleId === 'azure-kv-key-rotation-policy' && x.resource.id.endsWith('/keys/orders-cmk'));
    expect(f?.status).toBe('unknown');
    expect(f?.reason).toMatch(/Unreachable/);
  });

  it('PKCS#11 object without CKA_COPYABLE (old token) is unknown for p11-attributes-locked', () => {
    const id = expectations.keys.find((k) => k.name === 'old-token-aes')!.id;
    expect(own(id, 'unknown')).toContain('p11-attributes-locked');
  });

  it('object without CKA_ALLOWED_MECHANISMS gets an informational note, not a violation', () => {
    const id = expectations.keys.find((k) => k.name === 'mac-unrestricted')!.id;
    const notes = findings.filter((f) => f.resource.id === id && f.ruleId === 'p11-allowed-mechanisms-restricted');
    expect(notes.map((f) => f.severity)).toEqual(['info']);
  });

  it('vault checks: kv-private-neu fails, kv-prod-weu and the Managed HSM pass', () => {
    expect(own(vault('vaults/kv-private-neu'), 'fail')).toEqual([
      'azure-kv-network-restricted',
      'azure-kv-private-endpoint',
      'azure-kv-rbac-authorization',
      'azure-kv-soft-delete-purge-protection',
      'azure-kv-vnet-service-endpoint',
    ]);
    expect(own(vault('vaults/kv-private-neu'), 'unknown')).toContain('azure-kv-audit-logging');
    expect(own(vault('vaults/kv-prod-weu'), 'fail')).toEqual([]);
    expect(own(vault('managedHSMs/mhsm-payments'), 'fail')).toEqual([]);
  });

  it('Defender for Key Vault: the demo subscription record is missing, so the plan is unknown, not pass', () => {
    const f = findings.filter((x) => x.ruleId === 'azure-defender-for-key-vault');
    expect(f.map((x) => [x.status, x.resource.id])).toEqual([['unknown', '/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5']]);
  });

  it('GCP and PKCS#11 containers: the demo project logs KMS data access; the token requires login', () => {
    const gcpLogging = findings.filter((f) => f.ruleId === 'gcp-kms-data-access-audit-logs' && f.status === 'fail');
    expect(gcpLogging).toEqual([]);
    expect(own('pkcs11:token=hsm-prod-01;serial=5c1f0e2a7b3d9e41', 'fail')).toEqual([]);
    expect(own('pkcs11:token=hsm-prod-01;serial=5c1f0e2a7b3d9e41', 'unknown')).toEqual([]);
  });
});
