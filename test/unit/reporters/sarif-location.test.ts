import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/model.js';
import { encodeSegment, resourcePseudoPath } from '../../../src/reporters/sarif/location.js';

const path = (resource: Finding['resource']) => resourcePseudoPath(resource);

describe('resource pseudo-paths', () => {
  const cases: [string, Finding['resource'], string][] = [
    ['AWS key ARN', { provider: 'aws', account: '111122223333', region: 'eu-west-1', id: 'arn:aws:kms:eu-west-1:111122223333:key/abcd' }, 'cloud/aws/111122223333/eu-west-1/kms/key/abcd'],
    ['AWS alias ARN', { provider: 'aws', account: '111122223333', region: 'eu-west-1', id: 'arn:aws:kms:eu-west-1:111122223333:alias/app/prod' }, 'cloud/aws/111122223333/eu-west-1/kms/alias/app/prod'],
    ['AWS global ARN (IAM, no region)', { provider: 'aws', account: '111122223333', id: 'arn:aws:iam::111122223333:role/admin' }, 'cloud/aws/111122223333/global/iam/role/admin'],
    ['AWS bare key id without region', { provider: 'aws', account: '111122223333', id: '1234abcd' }, 'cloud/aws/111122223333/global/kms/key/1234abcd'],
    ['AWS GovCloud partition', { provider: 'aws', account: '1', region: 'us-gov-west-1', id: 'arn:aws-us-gov:kms:us-gov-west-1:1:key/k' }, 'cloud/aws/1/us-gov-west-1/kms/key/k'],
    ['Azure key URI with version', { provider: 'azure', account: 'sub-1', id: 'https://vault-1.vault.azure.net/keys/cmk/0123abcd' }, 'cloud/azure/sub-1/vault-1/keys/cmk'],
    ['Azure Managed HSM key', { provider: 'azure', account: 'sub-1', id: 'https://hsm-1.managedhsm.azure.net/keys/root' }, 'cloud/azure/sub-1/hsm-1/keys/root'],
    ['Azure ARM id of a vault', { provider: 'azure', account: 'sub-1', id: '/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v1' }, 'cloud/azure/sub-1/v1'],
    ['GCP key version', { provider: 'gcp', account: 'p', id: 'projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3' }, 'cloud/gcp/p/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3'],
    ['GCP full resource name', { provider: 'gcp', account: 'p', id: '//cloudkms.googleapis.com/projects/p/locations/eu/keyRings/r/cryptoKeys/k' }, 'cloud/gcp/p/eu/keyRings/r/cryptoKeys/k'],
    ['PKCS#11 URI with CKA_ID', { provider: 'pkcs11', account: 'tok', id: 'pkcs11:token=My%20Token;id=%DE%AD%be%ef' }, 'hsm/My%20Token/deadbeef'],
    ['PKCS#11 URI with label only', { provider: 'pkcs11', account: 'tok', id: 'pkcs11:object=wrap:key;type=secret-key' }, 'hsm/tok/object/wrap%3Akey'],
  ];
  for (const [name, resource, expected] of cases) it(name, () => expect(path(resource)).toBe(expected));

  it('never yields a scheme, absolute path, dot segment or unsafe character', () => {
    const hostile = path({ provider: 'aws', account: '../..', region: 'a b', id: 'arn:aws:kms:a b:../..:key/../x?y#z%20é:' });
    expect(hostile).toBe('cloud/aws/..%2F../a%20b/kms/key/~../x%3Fy%23z%2520%C3%A9/_');
    for (const p of [hostile, ...cases.map(([, r]) => path(r))]) {
      expect(p).toMatch(/^[A-Za-z0-9._~%/-]+$/);
      expect(p.split('/').some((s) => s === '.' || s === '..' || s === '')).toBe(false);
      expect(p.startsWith('/')).toBe(false);
    }
  });

  it('encodes each UTF-8 byte and keeps unreserved characters', () => {
    expect(encodeSegment('a-b_c.d~e')).toBe('a-b_c.d~e');
    expect(encodeSegment('ключ')).toBe('%D0%BA%D0%BB%D1%8E%D1%87');
    expect(encodeSegment('')).toBe('_');
    expect([encodeSegment('.'), encodeSegment('..'), encodeSegment('...')]).toEqual(['~.', '~..', '...']);
  });
});

describe('pseudo-path fuzzing', () => {
  it('stays a safe, relative, in-repository path for arbitrary ids', () => {
    // deterministic PRNG (mulberry32) so a failure reproduces
    let seed = 0x5eed;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = ['a', 'Z', '0', '/', ':', '.', '..', '%', '%2F', ' ', '?', '#', '\\', 'é', '🔑', '\u0000', '\n', ';', '=', 'arn', 'key', 'https://', 'pkcs11:', 'projects/'];
    const providers = ['aws', 'azure', 'gcp', 'pkcs11'] as const;
    for (let i = 0; i < 3000; i++) {
      const pick = (len: number) => Array.from({ length: len }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const resource = {
        provider: providers[i % 4]!,
        account: pick(Math.floor(next() * 4)),
        ...(next() < 0.5 ? { region: pick(2) } : {}),
        id: pick(1 + Math.floor(next() * 12)),
      };
      const p = resourcePseudoPath(resource);
      expect(p, JSON.stringify(resource)).toMatch(/^[A-Za-z0-9._~%-]+(\/[A-Za-z0-9._~%-]+)*$/);
      expect(p.split('/').some((s) => s === '.' || s === '..')).toBe(false);
      // a URL parser must see exactly this path: no dot-segment (including %2E%2E) normalisation
      expect(new URL(p, 'file:///repo/').pathname).toBe(`/repo/${p}`);
      expect(resourcePseudoPath(resource)).toBe(p);
    }
  });
});
