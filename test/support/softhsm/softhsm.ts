// SoftHSM2 test tokens in a temporary folder. Every SoftHsm instance has its own softhsm2.conf whose
// token directory is a fresh temp dir; SOFTHSM2_CONF is read by SoftHSM at C_Initialize, so it is set
// in this process for the lifetime of the instance. Tokens are selected by label (slot ids change).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';

export const SOFTHSM_MODULE_CANDIDATES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so'];

/**
 * The SoftHSM module path. Missing SoftHSM is a failure (CI installs it), unless the run deliberately
 * sets KEYWARDEN_SKIP_SOFTHSM=1, in which case undefined is returned and the caller skips.
 */
export function softHsmModule(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = SOFTHSM_MODULE_CANDIDATES): string | undefined {
  if (env.KEYWARDEN_SKIP_SOFTHSM === '1') return undefined;
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`SoftHSM2 is not installed (looked for ${candidates.join(', ')}): apt-get install -y softhsm2, or set KEYWARDEN_SKIP_SOFTHSM=1 to skip deliberately`);
  return path;
}

export interface SoftHsm {
  module: string;
  dir: string;
  conf: string;
  initToken(label: string, pin: string, soPin?: string): void;
  /** Open a R/W user session on the token labelled `label`, run fn, always close and finalize. */
  withUserSession<T>(label: string, pin: string, fn: (p: pkcs11js.PKCS11, session: Buffer) => T): T;
  /** The same as the security officer: only the SO can create objects with CKA_TRUSTED=TRUE (public ones). */
  withSoSession<T>(label: string, soPin: string, fn: (p: pkcs11js.PKCS11, session: Buffer) => T): T;
  cleanup(): void;
}

export function createSoftHsm(module: string): SoftHsm {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-softhsm-'));
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const previous = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = conf;
  return {
    module,
    dir,
    conf,
    initToken(label, pin, soPin = '87654321') {
      execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], {
        env: { ...process.env, SOFTHSM2_CONF: conf },
        stdio: 'pipe',
      });
    },
    withUserSession: (label, pin, fn) => withSession(module, label, pkcs11js.CKU_USER, pin, fn),
    withSoSession: (label, soPin, fn) => withSession(module, label, pkcs11js.CKU_SO, soPin, fn),
    cleanup() {
      if (previous === undefined) delete process.env.SOFTHSM2_CONF;
      else process.env.SOFTHSM2_CONF = previous;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withSession<T>(module: string, label: string, userType: number, pin: string, fn: (p: pkcs11js.PKCS11, session: Buffer) => T): T {
  const p = new pkcs11js.PKCS11();
  p.load(module);
  p.C_Initialize();
  try {
    const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === label);
    if (!slot) throw new Error(`no SoftHSM token labelled ${label}`);
    const session = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    p.C_Login(session, userType, pin);
    try {
      return fn(p, session);
    } finally {
      p.C_Logout(session);
      p.C_CloseSession(session);
    }
  } finally {
    p.C_Finalize();
  }
}
