// The WebAssembly backend: runs a bundle prebuilt by `opa build -t wasm` (it cannot compile Rego).
// Each result rule must be a bundle entrypoint (`<package path>/<rule>`). OPA's wasm runtime reads
// the wall clock for time.now_ns, so `now` cannot be injected: runs are reproducible only with the
// interpreter.
import { loadWasmBundle } from '../../policy/wasm.js';
import type { EngineBackend } from './types.js';

export async function createWasmBackend(bundlePath: string, data: Record<string, unknown>): Promise<EngineBackend> {
  const policy = await loadWasmBundle(bundlePath, data);
  return {
    name: 'wasm',
    evaluateRule(packagePath, rule, opts) {
      const entrypoint = `${packagePath.split('.').join('/')}/${rule}`;
      if (!policy.entrypoints.includes(entrypoint)) {
        return Promise.reject(new Error(`entrypoint ${entrypoint} is not in the wasm bundle; rebuild it with -e ${entrypoint}`));
      }
      const rows = policy.evaluate(`data.${packagePath}.${rule}`, opts.input);
      const first = rows[0];
      return Promise.resolve(first === undefined || first.value === undefined ? { defined: false } : { defined: true, value: first.value });
    },
  };
}
