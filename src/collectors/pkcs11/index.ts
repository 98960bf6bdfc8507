// PKCS#11 collector: every token of every module, read-only, logged in as the user when a PIN is
// given. Problems (module not loadable, token not present, wrong or locked PIN) are gaps, never
// exceptions. The PIN is passed to C_Login only: it is in no record, gap or message.
import { readFile } from 'node:fs/promises';
import type { Gap, KeyContainer, KeyRecord } from '../../core/model.js';
import { attributesFor, className, keyTypeName, mechanismName, readAttributes, type AttributeSpec } from './attributes.js';
import { isKeyClass, mapCertificate, mapKey, mapToken, mechanismFlagNames, tokenFlagNames, type ObjectSnapshot, type TokenSnapshot } from './map.js';
import { errorCode, loadModule, type Handle, type ReadOnlyPkcs11 } from './session.js';
import { tokenUri } from './uri.js';
import pkcs11js from 'pkcs11js';

export { FORBIDDEN_ATTRIBUTES, ReadOnlyViolation, readOnlyFacade, type ReadOnlyPkcs11 } from './session.js';
export { tokenUri, objectUri } from './uri.js';

export interface Pkcs11CollectOptions {
  /** Paths of PKCS#11 modules (.so / .dll). */
  modules: readonly string[];
  /** Token labels to scan; empty or absent = every token present. A label found in no module is a gap. */
  tokens?: readonly string[];
  /** The user PIN, already resolved with resolvePin (never from a flag value). Absent = public objects only. */
  pin?: string;
  /** Tests inject a module loader; production loads with pkcs11js. */
  load?: (path: string) => ReadOnlyPkcs11;
}

export interface Pkcs11Collection {
  keys: KeyRecord[];
  containers: KeyContainer[];
  gaps: Gap[];
}

const SOURCE = 'pkcs11';

/** PIN from KEYWARDEN_PKCS11_PIN, else from a file (first line). Undefined when neither is given. */
export async function resolvePin(opts: { env?: NodeJS.ProcessEnv; pinFile?: string }): Promise<string | undefined> {
  const fromEnv = (opts.env ?? process.env).KEYWARDEN_PKCS11_PIN;
  if (fromEnv) return fromEnv;
  if (!opts.pinFile) return undefined;
  const text = await readFile(opts.pinFile, 'utf8');
  const pin = text.split(/\r?\n/)[0] ?? '';
  if (pin.length === 0) throw new Error(`the PIN file ${opts.pinFile} is empty`);
  return pin;
}

/** Scan the modules' tokens. pkcs11js calls are synchronous; the Promise is the collectors' common shape. */
export function collectPkcs11(options: Pkcs11CollectOptions): Promise<Pkcs11Collection> {
  try {
    return Promise.resolve(collectSync(options));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function collectSync(options: Pkcs11CollectOptions): Pkcs11Collection {
  const out: Pkcs11Collection = { keys: [], containers: [], gaps: [] };
  const wanted = new Set(options.tokens ?? []);
  const seen = new Set<string>();
  const collected = new Map<string, string>(); // token URI -> module it was read through
  for (const path of [...new Set(options.modules)].sort()) {
    let p11: ReadOnlyPkcs11;
    try {
      p11 = (options.load ?? loadModule)(path);
    } catch (e) {
      out.gaps.push(gap(`module:${path}`, 'ModuleLoadFailed', `cannot load PKCS#11 module ${path}: ${safeMessage(e)}`, false));
      continue;
    }
    let init: { alreadyInitialized: boolean };
    try {
      init = p11.initialize();
    } catch (e) {
      out.gaps.push(gap(`module:${path}`, errorCode(e), `C_Initialize failed for ${path}`, true));
      continue;
    }
    try {
      for (const slot of p11.slotsWithToken()) {
        const info = p11.tokenInfo(slot);
        const label = info.label.trim();
        if (!(info.flags & pkcs11js.CKF_TOKEN_INITIALIZED)) continue; // SoftHSM's spare empty slot
        if (wanted.size > 0 && !wanted.has(label)) continue;
        seen.add(label);
        const uri = tokenUri(label, info.serialNumber.trim());
        if (collected.has(uri)) {
          // the same token through a second module path (a symlink, two vendor libraries): read it once
          out.gaps.push(gap(`pkcs11:${label}`, 'DuplicateToken', `token "${label}" was already read through ${collected.get(uri)}; skipped in ${path}`, false));
          continue;
        }
        collected.set(uri, path);
        try {
          collectToken(p11, path, slot, info, options.pin, out);
        } catch (e) {
          // one broken token (removed mid-scan, vendor error) must not hide the others
          out.gaps.push(gap(`pkcs11:${label}`, errorCode(e), `reading token "${label}" of ${path} failed`, true));
        }
      }
    } catch (e) {
      out.gaps.push(gap(`module:${path}`, errorCode(e), `listing slots of ${path} failed`, true));
    } finally {
      if (!init.alreadyInitialized) p11.finalize();
    }
  }
  for (const label of [...wanted].sort()) {
    if (!seen.has(label)) out.gaps.push(gap(`token:${label}`, 'TokenNotPresent', `no module offers an initialised token labelled "${label}"`, true));
  }
  out.keys.sort((a, b) => a.id.localeCompare(b.id));
  out.containers.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

function collectToken(p11: ReadOnlyPkcs11, module: string, slot: Handle, info: pkcs11js.TokenInfo, pin: string | undefined, out: Pkcs11Collection): void {
  const snap: TokenSnapshot = {
    module,
    slot: slotNumber(slot),
    label: info.label.trim(),
    manufacturer: info.manufacturerID.trim(),
    model: info.model.trim(),
    serial: info.serialNumber.trim(),
    firmware: `${info.firmwareVersion.major}.${info.firmwareVersion.minor}`,
    hardware: `${info.hardwareVersion.major}.${info.hardwareVersion.minor}`,
    flags: tokenFlagNames(info.flags),
    loggedIn: false,
    unknown: {},
  };
  try {
    snap.mechanisms = p11.mechanisms(slot).map((m) => {
      const name = mechanismName(m);
      try {
        const mi = p11.mechanismInfo(slot, m);
        return { name, minKeySize: mi.minKeySize, maxKeySize: mi.maxKeySize, flags: mechanismFlagNames(mi.flags) };
      } catch {
        return { name };
      }
    });
  } catch (e) {
    snap.unknown['raw.mechanisms'] = errorCode(e);
  }
  const scope = `pkcs11:${snap.label}`;
  let session: Handle;
  try {
    session = p11.openReadOnlySession(slot);
  } catch (e) {
    snap.unknown.login = errorCode(e);
    const container = mapToken(snap);
    out.containers.push(container);
    out.gaps.push({ ...gap(scope, errorCode(e), `cannot open a read-only session on token "${snap.label}"`, true), resource: container.ref });
    return;
  }
  try {
    let loginGap: Gap | undefined;
    if (pin === undefined) {
      snap.unknown.login = 'no PIN given (KEYWARDEN_PKCS11_PIN or a PIN file): private objects were not inventoried';
      if (snap.flags.includes('CKF_LOGIN_REQUIRED')) loginGap = gap(scope, 'NotLoggedIn', `no PIN for token "${snap.label}": only public objects were read`, false);
    } else {
      try {
        p11.loginUser(session, pin);
        snap.loggedIn = true;
      } catch (e) {
        const code = errorCode(e);
        if (code === 'CKR_USER_ALREADY_LOGGED_IN') snap.loggedIn = true;
        else {
          snap.unknown.login = `${code}: private objects were not inventoried`;
          loginGap = gap(scope, code === 'CKR_PIN_INCORRECT' ? 'PinIncorrect' : code === 'CKR_PIN_LOCKED' ? 'PinLocked' : code, `login to token "${snap.label}" failed (${code}): only public objects were read`, false);
        }
      }
    }
    const objects = readObjects(p11, session);
    const container = mapToken(snap);
    const certificates: Record<string, unknown>[] = [];
    const ids = new Map<string, number>();
    for (const o of objects) {
      if (isKeyClass(o.snapshot.className)) {
        let key = mapKey(container, o.snapshot);
        const n = ids.get(key.id) ?? 0;
        ids.set(key.id, n + 1);
        // two objects with the same label, id and type: RFC 7512 cannot tell them apart; a vendor attribute can
        if (n > 0) key = mapKey(container, o.snapshot, `;x-duplicate=${n}`);
        out.keys.push(key);
      } else if (o.snapshot.className === 'CKO_CERTIFICATE') certificates.push(mapCertificate(container, o.snapshot));
    }
    if (certificates.length > 0) container.raw = { ...container.raw, certificates: certificates.sort((a, b) => String(a.id).localeCompare(String(b.id))) };
    out.containers.push(container);
    if (loginGap) out.gaps.push({ ...loginGap, resource: container.ref });
  } finally {
    if (snap.loggedIn) swallow(() => p11.logout(session));
    swallow(() => p11.closeSession(session));
  }
}

function readObjects(p11: ReadOnlyPkcs11, session: Handle): { snapshot: ObjectSnapshot }[] {
  const result: { snapshot: ObjectSnapshot }[] = [];
  for (const cls of [pkcs11js.CKO_SECRET_KEY, pkcs11js.CKO_PRIVATE_KEY, pkcs11js.CKO_PUBLIC_KEY, pkcs11js.CKO_CERTIFICATE]) {
    for (const handle of p11.findObjects(session, [{ type: pkcs11js.CKA_CLASS, value: cls }])) {
      const specs: AttributeSpec[] = attributesFor(cls);
      const attrs = readAttributes(p11, session, handle, specs);
      const snapshot: ObjectSnapshot = { ...attrs, className: className(cls) };
      const kt = attrs.values.CKA_KEY_TYPE;
      if (typeof kt === 'number') snapshot.keyTypeName = keyTypeName(kt);
      delete snapshot.values.CKA_CLASS;
      delete snapshot.values.CKA_KEY_TYPE;
      result.push({ snapshot });
    }
  }
  return result;
}

function slotNumber(slot: Handle): number {
  return slot.length >= 8 ? Number(slot.readBigUInt64LE(0)) : slot.readUInt32LE(0);
}

function gap(scope: string, code: string, message: string, retryable: boolean): Gap {
  return { source: SOURCE, scope, code, message, retryable };
}

// Module errors come from the loader (dlopen text); they carry no PIN, which is never passed there.
const safeMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function swallow(f: () => void): void {
  try {
    f();
  } catch {
    // closing a session on a token that went away: nothing left to do
  }
}
