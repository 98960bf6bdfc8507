import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePin } from '../../../../src/collectors/pkcs11/index.js';

describe('resolvePin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-pin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers KEYWARDEN_PKCS11_PIN', async () => {
    writeFileSync(join(dir, 'pin'), 'from-file\n');
    expect(await resolvePin({ env: { KEYWARDEN_PKCS11_PIN: 'from-env' }, pinFile: join(dir, 'pin') })).toBe('from-env');
  });

  it('reads the first line of the PIN file', async () => {
    writeFileSync(join(dir, 'pin2'), 'se cret\r\nignored\n');
    expect(await resolvePin({ env: {}, pinFile: join(dir, 'pin2') })).toBe('se cret');
  });

  it('returns undefined without either, and refuses an empty file without echoing its content', async () => {
    expect(await resolvePin({ env: {} })).toBeUndefined();
    writeFileSync(join(dir, 'empty'), '\n');
    await expect(resolvePin({ env: {}, pinFile: join(dir, 'empty') })).rejects.toThrow('is empty');
  });
});
