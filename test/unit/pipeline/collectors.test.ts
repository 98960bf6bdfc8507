// Which live-collector flags a build honours and which it refuses with exit 2. The refusal logic is
// tested with explicit lists of available collectors, so it holds whichever collectors this build has.
import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../src/core/errors.js';
import { AVAILABLE_COLLECTORS, collectLive, PROVIDERS, refuseUnavailable } from '../../../src/pipeline/collectors.js';
import { LIVE_COLLECTOR_FLAGS } from '../../../src/pipeline/live-flags.js';

const ONLY_PKCS11 = ['pkcs11'];
const refusal = (flags: Record<string, unknown>, available: readonly string[] = ONLY_PKCS11): ToolError | undefined => {
  try {
    refuseUnavailable(flags, LIVE_COLLECTOR_FLAGS, available);
    return undefined;
  } catch (e) {
    return e as ToolError;
  }
};

describe('refuseUnavailable', () => {
  it('this build registers a collector for every provider it lists, and accepts all of them', () => {
    expect(AVAILABLE_COLLECTORS.length).toBeGreaterThan(0);
    for (const p of AVAILABLE_COLLECTORS) expect(PROVIDERS).toContain(p);
    expect(refusal({ provider: [...AVAILABLE_COLLECTORS] }, AVAILABLE_COLLECTORS)).toBeUndefined();
  });

  it('accepts --provider pkcs11 with its flags', () => {
    expect(refusal({ provider: ['pkcs11'], 'pkcs11-module': ['/m.so'], 'pkcs11-token': ['a', 'b'], 'pkcs11-pin-file': 'pin' })).toBeUndefined();
    expect(refusal({ provider: ['pkcs11'] })).toBeUndefined();
  });

  it.each([['aws'], ['azure'], ['gcp']])('refuses --provider %s with the collector-unavailable message', (p) => {
    const e = refusal({ provider: [p] });
    expect(e).toBeInstanceOf(ToolError);
    expect(e?.code).toBe('collector-unavailable');
    expect(e?.message).toBe(`live collection (${p}) not available in this build: --provider`);
  });

  it('refuses a mix of pkcs11 and an unavailable provider, naming only the missing one', () => {
    expect(refusal({ provider: ['pkcs11', 'aws'], 'pkcs11-module': ['/m.so'] })?.message).toBe('live collection (aws) not available in this build: --provider');
  });

  it('refuses other providers\' flags, even next to --provider pkcs11', () => {
    expect(refusal({ provider: ['pkcs11'], 'aws-regions': 'eu-west-1', 'gcp-projects': 'p' })?.message).toBe('these flags not available in this build: --aws-regions, --gcp-projects');
  });

  it('wants --provider pkcs11 when PKCS#11 flags are given without it', () => {
    const e = refusal({ 'pkcs11-module': ['/m.so'] });
    expect(e?.code).toBe('usage');
    expect(e?.message).toBe('--pkcs11-module needs --provider pkcs11');
  });

  it('ignores boolean flags left false and absent flags', () => {
    expect(refusal({ 'aws-org': false, demo: true })).toBeUndefined();
  });
});

describe('collectLive', () => {
  it('collects nothing without --provider', async () => {
    expect(await collectLive({ demo: true })).toBeUndefined();
  });

  it('is a usage error when --provider pkcs11 has no module', async () => {
    await expect(collectLive({ provider: ['pkcs11'] }, { env: {} })).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/--pkcs11-module/) as unknown });
  });

  it('turns an unloadable module into a gap and records the scope without a PIN', async () => {
    const live = await collectLive(
      { provider: ['pkcs11'], 'pkcs11-module': ['/nowhere/lib.so'], 'pkcs11-token': ['t'] },
      { env: { KEYWARDEN_PKCS11_PIN: 'secret-pin-4411' }, pkcs11Load: () => { throw new Error('no such file'); } },
    );
    expect(live?.keys).toEqual([]);
    expect(live?.gaps.map((g) => g.code)).toEqual(expect.arrayContaining(['ModuleLoadFailed']));
    expect(live?.scope).toEqual({ pkcs11: { modules: ['/nowhere/lib.so'], tokens: ['t'], pinSource: 'env' } });
    expect(JSON.stringify(live)).not.toContain('secret-pin-4411');
  });
});
