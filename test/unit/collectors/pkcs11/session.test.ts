import pkcs11js from 'pkcs11js';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_ATTRIBUTES, readOnlyFacade, ReadOnlyViolation, type Pkcs11Module } from '../../../../src/collectors/pkcs11/session.js';

/** A fake module that records calls; write functions exist on it so that the facade could leak them. */
function recordingModule() {
  const calls: { fn: string; args: unknown[] }[] = [];
  const record = (fn: string, result: unknown = undefined) => (...args: unknown[]) => {
    calls.push({ fn, args });
    return result;
  };
  let batches = 0;
  const module = {
    C_Initialize: record('C_Initialize'),
    C_Finalize: record('C_Finalize'),
    C_GetSlotList: record('C_GetSlotList', [Buffer.alloc(8)]),
    C_GetTokenInfo: record('C_GetTokenInfo', {}),
    C_GetMechanismList: record('C_GetMechanismList', []),
    C_GetMechanismInfo: record('C_GetMechanismInfo', {}),
    C_OpenSession: record('C_OpenSession', Buffer.alloc(8)),
    C_CloseSession: record('C_CloseSession'),
    C_Login: record('C_Login'),
    C_Logout: record('C_Logout'),
    C_FindObjectsInit: record('C_FindObjectsInit'),
    C_FindObjects: (...args: unknown[]) => {
      calls.push({ fn: 'C_FindObjects', args });
      return batches++ === 0 ? [Buffer.from([1]), Buffer.from([2])] : [];
    },
    C_FindObjectsFinal: record('C_FindObjectsFinal'),
    C_GetAttributeValue: record('C_GetAttributeValue', []),
    C_CreateObject: record('C_CreateObject'),
    C_SetAttributeValue: record('C_SetAttributeValue'),
    C_DestroyObject: record('C_DestroyObject'),
    C_GenerateKey: record('C_GenerateKey'),
    C_InitToken: record('C_InitToken'),
  };
  return { module: module as unknown as Pkcs11Module, calls };
}

describe('readOnlyFacade', () => {
  it('exposes only inventory functions and no way to create, change or destroy objects', () => {
    const f = readOnlyFacade(recordingModule().module);
    expect(Object.keys(f).sort()).toEqual([
      'closeSession', 'finalize', 'findObjects', 'getAttributes', 'initialize', 'loginUser', 'logout', 'mechanismInfo', 'mechanisms',
      'openReadOnlySession', 'slotsWithToken', 'tokenInfo',
    ]);
    expect(Object.isFrozen(f)).toBe(true);
    for (const name of ['C_CreateObject', 'C_SetAttributeValue', 'C_DestroyObject', 'C_GenerateKey', 'C_InitToken', 'C_CopyObject']) {
      expect((f as unknown as Record<string, unknown>)[name]).toBeUndefined();
    }
  });

  it('opens serial sessions without CKF_RW_SESSION and logs in as CKU_USER only', () => {
    const { module, calls } = recordingModule();
    const f = readOnlyFacade(module);
    f.openReadOnlySession(Buffer.alloc(8));
    f.loginUser(Buffer.alloc(8), '1234');
    const open = calls.find((c) => c.fn === 'C_OpenSession')!;
    expect(open.args[1]).toBe(pkcs11js.CKF_SERIAL_SESSION);
    expect((open.args[1] as number) & pkcs11js.CKF_RW_SESSION).toBe(0);
    expect(calls.find((c) => c.fn === 'C_Login')!.args[1]).toBe(pkcs11js.CKU_USER);
  });

  it.each([...FORBIDDEN_ATTRIBUTES])('refuses to request %s (%s) alone or hidden in a batch', (type, name) => {
    const { module, calls } = recordingModule();
    const f = readOnlyFacade(module);
    expect(() => f.getAttributes(Buffer.alloc(8), Buffer.alloc(8), [type])).toThrow(ReadOnlyViolation);
    expect(() => f.getAttributes(Buffer.alloc(8), Buffer.alloc(8), [pkcs11js.CKA_LABEL, type])).toThrow(name);
    expect(calls.filter((c) => c.fn === 'C_GetAttributeValue')).toEqual([]);
  });

  it('forbids all key-material attributes', () => {
    expect([...FORBIDDEN_ATTRIBUTES.values()].sort()).toEqual(['CKA_COEFFICIENT', 'CKA_EXPONENT_1', 'CKA_EXPONENT_2', 'CKA_PRIME_1', 'CKA_PRIME_2', 'CKA_PRIVATE_EXPONENT', 'CKA_VALUE']);
  });

  it('finds objects in batches and always finalizes the search', () => {
    const { module, calls } = recordingModule();
    expect(readOnlyFacade(module).findObjects(Buffer.alloc(8), [])).toHaveLength(2);
    expect(calls.map((c) => c.fn)).toEqual(['C_FindObjectsInit', 'C_FindObjects', 'C_FindObjects', 'C_FindObjectsFinal']);
  });

  it('treats CKR_CRYPTOKI_ALREADY_INITIALIZED as initialized by someone else', () => {
    const { module } = recordingModule();
    (module as unknown as Record<string, unknown>).C_Initialize = () => {
      throw new Error('CKR_CRYPTOKI_ALREADY_INITIALIZED');
    };
    expect(readOnlyFacade(module).initialize()).toEqual({ alreadyInitialized: true });
  });
});
