// collectPkcs11's error paths, with a fake module (SoftHSM cannot lock a PIN or fail mid-scan on demand).
import pkcs11js from 'pkcs11js';
import { describe, expect, it } from 'vitest';
import { collectPkcs11, type ReadOnlyPkcs11 } from '../../../../src/collectors/pkcs11/index.js';

const slot = (n: number) => Buffer.from([n, 0, 0, 0, 0, 0, 0, 0]);
const info = (label: string, flags: number) =>
  ({ label: label.padEnd(32), manufacturerID: 'Acme', model: 'X', serialNumber: `s${label}`, flags, firmwareVersion: { major: 1, minor: 2 }, hardwareVersion: { major: 3, minor: 4 } }) as unknown as pkcs11js.TokenInfo;
const ckr = (code: string) => new Error(`${code}:1`);

function fakeModule(tokens: { label: string; flags: number; login?: string; find?: string }[], calls: string[] = []): ReadOnlyPkcs11 {
  return {
    initialize: () => ({ alreadyInitialized: false }),
    finalize: () => void calls.push('finalize'),
    slotsWithToken: () => tokens.map((_, i) => slot(i)),
    tokenInfo: (s: Buffer) => info(tokens[s[0]!]!.label, tokens[s[0]!]!.flags),
    mechanisms: () => [pkcs11js.CKM_AES_GCM],
    mechanismInfo: () => ({ minKeySize: 16, maxKeySize: 32, flags: 0x300 }),
    openReadOnlySession: (s: Buffer) => s,
    closeSession: () => void calls.push('close'),
    loginUser: (s: Buffer) => {
      const code = tokens[s[0]!]!.login;
      if (code) throw ckr(code);
    },
    logout: () => void calls.push('logout'),
    findObjects: (s: Buffer) => {
      const code = tokens[s[0]!]!.find;
      if (code) throw ckr(code);
      return [];
    },
    getAttributes: () => [],
  };
}

const INIT = pkcs11js.CKF_TOKEN_INITIALIZED | pkcs11js.CKF_LOGIN_REQUIRED;

describe('collectPkcs11 error paths', () => {
  it('a locked PIN is a gap and the token is still described', async () => {
    const got = await collectPkcs11({ modules: ['m'], pin: '0000', load: () => fakeModule([{ label: 'a', flags: INIT | 0x40000, login: 'CKR_PIN_LOCKED' }]) });
    expect(got.gaps).toEqual([expect.objectContaining({ code: 'PinLocked', scope: 'pkcs11:a' })]);
    expect(got.gaps[0]?.resource?.id).toBe('pkcs11:token=a;serial=sa');
    expect(got.containers[0]?.token?.flags).toContain('CKF_USER_PIN_LOCKED');
    expect(got.containers[0]?.unknown?.login).toMatch(/^CKR_PIN_LOCKED/);
    expect(got.containers[0]?.raw).toMatchObject({ loggedIn: false, firmwareVersion: '1.2', mechanisms: ['CKM_AES_GCM'] });
  });

  it('no PIN on a login-required token is a NotLoggedIn gap', async () => {
    const got = await collectPkcs11({ modules: ['m'], load: () => fakeModule([{ label: 'a', flags: INIT }]) });
    expect(got.gaps.map((g) => g.code)).toEqual(['NotLoggedIn']);
  });

  it('one failing token is a gap; the others are still read and the module is finalized', async () => {
    const calls: string[] = [];
    const got = await collectPkcs11({ modules: ['m'], pin: '1', load: () => fakeModule([{ label: 'bad', flags: INIT, find: 'CKR_DEVICE_REMOVED' }, { label: 'good', flags: INIT }], calls) });
    expect(got.gaps).toEqual([expect.objectContaining({ code: 'CKR_DEVICE_REMOVED', scope: 'pkcs11:bad' })]);
    expect(got.containers.map((c) => c.name)).toEqual(['good']);
    expect(calls.filter((c) => c === 'logout')).toHaveLength(2); // sessions are closed on failure too
    expect(calls.at(-1)).toBe('finalize');
  });

  it('skips uninitialised slots', async () => {
    const got = await collectPkcs11({ modules: ['m'], pin: '1', load: () => fakeModule([{ label: '', flags: 0 }, { label: 'a', flags: INIT }]) });
    expect(got.containers.map((c) => c.name)).toEqual(['a']);
  });
});
