import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectPkcs11FromFlags } from '../../../../src/collectors/pkcs11/flags.js';
import type { ReadOnlyPkcs11 } from '../../../../src/collectors/pkcs11/index.js';

/** A module with no token that records the PIN it was given. */
function recorder(pins: string[]): () => ReadOnlyPkcs11 {
  return () =>
    ({
      initialize: () => ({ alreadyInitialized: false }),
      finalize: () => undefined,
      slotsWithToken: () => [],
      loginUser: (_s: Buffer, pin: string) => void pins.push(pin),
    }) as unknown as ReadOnlyPkcs11;
}

describe('collectPkcs11FromFlags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-p11-flags-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records modules, tokens and the PIN source, never the PIN', async () => {
    const got = await collectPkcs11FromFlags({ 'pkcs11-module': ['/b.so', '/a.so', '/a.so'], 'pkcs11-token': ['t2', 't1'] }, { KEYWARDEN_PKCS11_PIN: 'env-pin-4411' }, recorder([]));
    expect(got.scope).toEqual({ pkcs11: { modules: ['/a.so', '/b.so'], tokens: ['t1', 't2'], pinSource: 'env' } });
    expect(got.gaps.map((g) => g.code)).toEqual(['TokenNotPresent', 'TokenNotPresent']);
    expect(JSON.stringify(got)).not.toContain('env-pin-4411');
  });

  it('reads the PIN file when the environment has none', async () => {
    writeFileSync(join(dir, 'pin'), 'file-pin\n');
    const got = await collectPkcs11FromFlags({ 'pkcs11-module': ['/a.so'], 'pkcs11-pin-file': join(dir, 'pin') }, {}, recorder([]));
    expect(got.scope.pkcs11.pinSource).toBe('file');
  });

  it('is a usage error without a module, or with an unreadable PIN file (content not echoed)', async () => {
    await expect(collectPkcs11FromFlags({}, {})).rejects.toThrow('--pkcs11-module');
    await expect(collectPkcs11FromFlags({ 'pkcs11-module': ['/a.so'], 'pkcs11-pin-file': join(dir, 'missing') }, {})).rejects.toThrow('(ENOENT)');
    writeFileSync(join(dir, 'blank'), '\n');
    await expect(collectPkcs11FromFlags({ 'pkcs11-module': ['/a.so'], 'pkcs11-pin-file': join(dir, 'blank') }, {})).rejects.toThrow('(empty)');
  });
});
