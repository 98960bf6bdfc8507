// Collected SoftHSM inventory through the built-in policy pack: the deliberate flaws become findings,
// the good keys stay clean, a wrong PIN is a gap, and the PIN appears in nothing produced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPkcs11, type Pkcs11Collection } from '../../../../src/collectors/pkcs11/index.js';
import { BUILTIN_PROFILES } from '../../../../src/config/profiles.js';
import type { Finding } from '../../../../src/core/model.js';
import type { PolicyEvaluation } from '../../../../src/engine/engine.js';
import { inventoryValidator } from '../../../../src/inventory/schema.js';
import { preparePolicies, type PreparedPolicies } from '../../../../src/pipeline/policies.js';
import { createFixtureTokens, PROD_PIN, PROD_TOKEN, SO_PIN, SPARE_PIN } from '../../../support/softhsm/fixture.js';
import { softHsmModule, type SoftHsm } from '../../../support/softhsm/softhsm.js';

const module = softHsmModule();
const NOW = new Date('2026-06-01T00:00:00Z');

describe.skipIf(module === undefined)('p11 policies on a collected SoftHSM2 inventory', () => {
  let hsm: SoftHsm;
  let policies: PreparedPolicies;
  let collected: Pkcs11Collection;
  let evaluation: PolicyEvaluation;
  let findings: Finding[];
  const evaluate = (c: Pkcs11Collection) => policies.evaluate({ keys: c.keys, containers: c.containers, logging: [] }, NOW);

  beforeAll(async () => {
    hsm = createFixtureTokens(module!);
    policies = await preparePolicies({ engine: 'interpreter', builtin: true, userDirs: [], profile: 'cis', thresholds: BUILTIN_PROFILES.cis });
    collected = await collectPkcs11({ modules: [module!], tokens: [PROD_TOKEN], pin: PROD_PIN });
    evaluation = await evaluate(collected);
    findings = evaluation.findings.filter((f) => f.resource.provider === 'pkcs11');
  });
  afterAll(() => hsm?.cleanup());

  /** Failing p11-* and cross-provider rules (not informational ones) for objects of that label. */
  const fails = (label: string) =>
    [...new Set(findings.filter((f) => f.status === 'fail' && f.severity !== 'info' && f.resource.id.includes(`;object=${label};`)).map((f) => f.ruleId))].sort();

  it('is a valid inventory snapshot (reports/schemas/inventory.schema.json)', () => {
    const validate = inventoryValidator();
    const inventory = {
      schemaVersion: 1, tool: { name: 'keywarden', version: '0.0.0' }, collectedAt: NOW.toISOString(), scope: { pkcs11: { tokens: [PROD_TOKEN] } },
      keys: collected.keys, containers: collected.containers, logging: [], gaps: collected.gaps,
    };
    expect(validate(inventory) ? [] : validate.errors).toEqual([]);
  });

  it('evaluates without policy errors', () => {
    expect(evaluation.gaps).toEqual([]);
  });

  it('finds every deliberate flaw of bad-aes', () => {
    expect(fails('bad-aes')).toEqual(expect.arrayContaining([
      'p11-allowed-mechanisms-restricted', 'p11-attributes-locked', 'p11-key-provenance', 'p11-keys-not-extractable',
      'p11-secret-private-keys-sensitive', 'p11-single-purpose-usage', 'p11-token-access-hygiene',
    ]));
  });

  it('finds the weak KEK, the SHA-1 signing key and the non-NIST curve', () => {
    expect(fails('weak-kek')).toEqual(['p11-wrapping-key-controls']);
    expect(fails('rsa-sign')).toEqual(expect.arrayContaining(['p11-allowed-mechanisms-restricted']));
    expect(fails('ec-k1')).toEqual(expect.arrayContaining(['ec-curve-allowed']));
  });

  it('finds CKA_TRUSTED on a key that cannot wrap', () => {
    expect(fails('trusted-no-wrap')).toEqual(expect.arrayContaining(['p11-wrapping-key-controls']));
    const f = findings.find((x) => x.ruleId === 'p11-wrapping-key-controls' && x.resource.name === 'trusted-no-wrap');
    expect(f?.message).toContain('CKA_TRUSTED=TRUE');
  });

  it("flags SoftHSM's permissive default usage flags (ec-k1 was generated without any)", () => {
    expect(fails('ec-k1')).toContain('p11-single-purpose-usage');
  });

  it('leaves the well-configured keys without p11 failures', () => {
    for (const label of ['good-aes', 'ec-p256', 'hmac']) expect(fails(label).filter((r) => r.startsWith('p11-')), label).toEqual([]);
  });

  it('warns that the token offers deprecated mechanisms', () => {
    const w = findings.find((f) => f.ruleId.startsWith('p11-allowed-mechanisms-restricted') && f.resource.type === 'pkcs11-token');
    expect(w).toMatchObject({ severity: 'low', status: 'fail' });
    expect(w?.message).toContain('CKM_DES3_CBC');
  });

  it('a wrong PIN is a gap, and the token is reported unknown instead of clean', async () => {
    const wrong = await collectPkcs11({ modules: [module!], tokens: [PROD_TOKEN], pin: SPARE_PIN });
    expect(wrong.gaps).toEqual([expect.objectContaining({ source: 'pkcs11', code: 'PinIncorrect', scope: `pkcs11:${PROD_TOKEN}` })]);
    expect(wrong.containers[0]?.raw?.loggedIn).toBe(false);
    // without login only CKA_PRIVATE=FALSE objects are visible: public keys and the bad secret key
    expect(wrong.keys.filter((k) => k.hsm?.class !== 'CKO_PUBLIC_KEY').map((k) => k.name).sort()).toEqual(['bad-aes', 'trusted-no-wrap']);
    const ev = await evaluate(wrong);
    const hygiene = ev.findings.filter((f) => f.ruleId === 'p11-token-access-hygiene' && f.resource.type === 'pkcs11-token');
    expect(hygiene.map((f) => f.status)).toContain('unknown');
    expect(JSON.stringify({ wrong, ev })).not.toContain(SPARE_PIN);
    expect(JSON.stringify({ wrong, ev })).not.toContain(SO_PIN);
  });

  it('a token that is not present is a gap', async () => {
    const got = await collectPkcs11({ modules: [module!], tokens: ['no-such-token'], pin: PROD_PIN });
    expect(got.gaps).toEqual([expect.objectContaining({ code: 'TokenNotPresent', scope: 'token:no-such-token' })]);
    expect(got.keys).toEqual([]);
  });

  it('a module that cannot be loaded is a gap, and other modules are still scanned', async () => {
    const got = await collectPkcs11({ modules: [module!, '/nonexistent/libpkcs11.so'], tokens: [PROD_TOKEN], pin: PROD_PIN });
    expect(got.gaps).toEqual([expect.objectContaining({ code: 'ModuleLoadFailed', scope: 'module:/nonexistent/libpkcs11.so' })]);
    expect(got.keys.length).toBe(collected.keys.length);
  });

  it('the PIN appears nowhere in the inventory, the findings or the gaps', () => {
    const everything = JSON.stringify({ collected, evaluation });
    expect(everything.length).toBeGreaterThan(10_000);
    expect(everything).not.toContain(PROD_PIN);
  });
});
