// Read-only access to a PKCS#11 module. The collector never sees the pkcs11js instance: it gets a
// facade that exposes only inventory functions, opens read-only sessions only, logs in as CKU_USER
// only, and refuses to request key material. Anything else (C_CreateObject, C_SetAttributeValue,
// C_GenerateKey, C_DestroyObject, C_InitToken, C_SetPIN, ...) does not exist on the facade.
import pkcs11js from 'pkcs11js';

export type Handle = Buffer;

/** The subset of pkcs11js.PKCS11 the facade wraps (also what tests fake). */
export interface Pkcs11Module {
  C_Initialize(): unknown;
  C_Finalize(): unknown;
  C_GetSlotList(tokenPresent?: boolean): Handle[];
  C_GetTokenInfo(slot: Handle): pkcs11js.TokenInfo;
  C_GetMechanismList(slot: Handle): number[];
  C_GetMechanismInfo(slot: Handle, mech: number): pkcs11js.MechanismInfo;
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): unknown;
  C_Login(session: Handle, userType: number, pin?: string): unknown;
  C_Logout(session: Handle): unknown;
  C_FindObjectsInit(session: Handle, template: pkcs11js.Template): unknown;
  C_FindObjects(session: Handle, max: number): Handle[];
  C_FindObjectsFinal(session: Handle): unknown;
  C_GetAttributeValue(session: Handle, object: Handle, template: pkcs11js.Template): pkcs11js.Template;
}

/** Attributes that hold key material or its parts: never requested, whatever the caller asks. */
export const FORBIDDEN_ATTRIBUTES: ReadonlyMap<number, string> = new Map([
  [pkcs11js.CKA_VALUE, 'CKA_VALUE'],
  [pkcs11js.CKA_PRIVATE_EXPONENT, 'CKA_PRIVATE_EXPONENT'],
  [pkcs11js.CKA_PRIME_1, 'CKA_PRIME_1'],
  [pkcs11js.CKA_PRIME_2, 'CKA_PRIME_2'],
  [pkcs11js.CKA_EXPONENT_1, 'CKA_EXPONENT_1'],
  [pkcs11js.CKA_EXPONENT_2, 'CKA_EXPONENT_2'],
  [pkcs11js.CKA_COEFFICIENT, 'CKA_COEFFICIENT'],
]);

export class ReadOnlyViolation extends Error {
  override readonly name = 'ReadOnlyViolation';
}

/** What the collector may call. Every method maps to one read-only PKCS#11 function. */
export interface ReadOnlyPkcs11 {
  initialize(): { alreadyInitialized: boolean };
  finalize(): void;
  slotsWithToken(): Handle[];
  tokenInfo(slot: Handle): pkcs11js.TokenInfo;
  mechanisms(slot: Handle): number[];
  mechanismInfo(slot: Handle, mech: number): pkcs11js.MechanismInfo;
  /** Always CKF_SERIAL_SESSION without CKF_RW_SESSION. */
  openReadOnlySession(slot: Handle): Handle;
  closeSession(session: Handle): void;
  loginUser(session: Handle, pin: string): void;
  logout(session: Handle): void;
  findObjects(session: Handle, template: pkcs11js.Template): Handle[];
  getAttributes(session: Handle, object: Handle, types: readonly number[]): pkcs11js.Template;
}

export function readOnlyFacade(module: Pkcs11Module): ReadOnlyPkcs11 {
  const facade: ReadOnlyPkcs11 = {
    initialize() {
      try {
        module.C_Initialize();
        return { alreadyInitialized: false };
      } catch (e) {
        if (errorCode(e) === 'CKR_CRYPTOKI_ALREADY_INITIALIZED') return { alreadyInitialized: true };
        throw e;
      }
    },
    finalize: () => void module.C_Finalize(),
    slotsWithToken: () => module.C_GetSlotList(true),
    tokenInfo: (slot) => module.C_GetTokenInfo(slot),
    mechanisms: (slot) => module.C_GetMechanismList(slot),
    mechanismInfo: (slot, mech) => module.C_GetMechanismInfo(slot, mech),
    openReadOnlySession: (slot) => module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION),
    closeSession: (session) => void module.C_CloseSession(session),
    loginUser: (session, pin) => void module.C_Login(session, pkcs11js.CKU_USER, pin),
    logout: (session) => void module.C_Logout(session),
    findObjects(session, template) {
      module.C_FindObjectsInit(session, template);
      const handles: Handle[] = [];
      try {
        for (let batch = module.C_FindObjects(session, 100); batch.length > 0; batch = module.C_FindObjects(session, 100)) handles.push(...batch);
      } finally {
        module.C_FindObjectsFinal(session);
      }
      return handles;
    },
    getAttributes(session, object, types) {
      for (const t of types) {
        const name = FORBIDDEN_ATTRIBUTES.get(t);
        if (name) throw new ReadOnlyViolation(`refused to request ${name}: keywarden never reads key material`);
      }
      return module.C_GetAttributeValue(session, object, types.map((type) => ({ type })));
    },
  };
  return Object.freeze(facade);
}

/** Load a module from disk and wrap it. The raw pkcs11js instance never leaves this function. */
export function loadModule(path: string): ReadOnlyPkcs11 {
  const raw = new pkcs11js.PKCS11();
  raw.load(path);
  return readOnlyFacade(raw);
}

/** The CKR_* name of a pkcs11js error, or the error's class for other failures. */
export function errorCode(e: unknown): string {
  if (e instanceof Error) {
    const m = /^(CKR_[A-Z0-9_]+)/.exec(e.message);
    if (m?.[1]) return m[1];
    return e.name || 'Error';
  }
  return 'Error';
}
