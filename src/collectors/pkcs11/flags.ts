// The one call the scan pipeline needs: `--pkcs11-module`, `--pkcs11-token`, `--pkcs11-pin-file` and
// KEYWARDEN_PKCS11_PIN in, inventory parts and the scope to record out. The PIN stays in here.
import { ToolError } from '../../core/errors.js';
import { collectPkcs11, resolvePin, type Pkcs11Collection, type Pkcs11CollectOptions } from './index.js';

export interface Pkcs11Flags {
  'pkcs11-module'?: string[];
  'pkcs11-token'?: string[];
  'pkcs11-pin-file'?: string;
}

export interface Pkcs11ScanResult extends Pkcs11Collection {
  /** For Inventory.scope / run parameters: modules, tokens and where the PIN came from (never the PIN). */
  scope: { pkcs11: { modules: string[]; tokens: string[]; pinSource: 'env' | 'file' | 'none' } };
}

export async function collectPkcs11FromFlags(flags: Pkcs11Flags, env: NodeJS.ProcessEnv = process.env, load?: Pkcs11CollectOptions['load']): Promise<Pkcs11ScanResult> {
  const modules = [...new Set(flags['pkcs11-module'] ?? [])].sort();
  if (modules.length === 0) {
    throw new ToolError('usage', '--provider pkcs11 needs --pkcs11-module PATH (the vendor PKCS#11 library)', {
      actions: ['Pass --pkcs11-module, e.g. /usr/lib/softhsm/libsofthsm2.so; see docs/hsm.md for common vendor paths.'],
    });
  }
  const tokens = [...new Set(flags['pkcs11-token'] ?? [])].sort();
  let pin: string | undefined;
  try {
    pin = await resolvePin({ env, pinFile: flags['pkcs11-pin-file'] });
  } catch (e) {
    // the file's content is never echoed: only its path and the failure kind
    const reason = (e as NodeJS.ErrnoException).code ?? 'empty';
    throw new ToolError('usage', `cannot read the PIN file ${flags['pkcs11-pin-file']} (${reason})`, { actions: ['Check the path and permissions of --pkcs11-pin-file, or set KEYWARDEN_PKCS11_PIN.'] });
  }
  const pinSource = env.KEYWARDEN_PKCS11_PIN ? 'env' : pin !== undefined ? 'file' : 'none';
  const collection = await collectPkcs11({ modules, tokens, ...(pin !== undefined ? { pin } : {}), ...(load ? { load } : {}) });
  return { ...collection, scope: { pkcs11: { modules, tokens, pinSource } } };
}
