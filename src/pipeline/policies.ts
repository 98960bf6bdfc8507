// Policy evaluation for a scan: built-in pack + config folders + --policies, on the chosen backend.
import { ToolError } from '../core/errors.js';
import type { TagCaps, Thresholds } from '../config/profiles.js';
import { PolicyEngine, type PolicyEvaluation, type PolicyInput } from '../engine/engine.js';
import { createInterpreterBackend } from '../engine/backends/interpreter.js';
import { createWasmBackend } from '../engine/backends/wasm.js';
import { loadPolicyModules } from '../engine/loader.js';
import { BUILTIN_POLICIES_DIR } from './paths.js';

export type EngineName = 'interpreter' | 'wasm';

export interface PolicyRunOptions {
  engine: EngineName;
  bundle?: string;
  builtin: boolean;
  userDirs: string[];
  profile: string;
  thresholds: Thresholds;
  dataClasses?: TagCaps;
  environments?: TagCaps;
}

export interface PreparedPolicies {
  /** User policy files (recorded as inputs). */
  files: string[];
  modules: number;
  evaluate(input: PolicyInput, now: Date): Promise<PolicyEvaluation>;
}

/** Load and compile before any log is read: a broken policy stops the scan early. */
export async function preparePolicies(opts: PolicyRunOptions): Promise<PreparedPolicies> {
  if (opts.engine === 'wasm' && !opts.bundle) {
    throw new ToolError('usage', '--engine wasm needs --bundle FILE (a bundle built with `opa build -t wasm`)', {
      actions: ['Pass --bundle FILE, or use --engine interpreter (the default), which compiles the .rego sources itself.'],
    });
  }
  const modules = loadPolicyModules([
    ...(opts.builtin ? [{ dir: BUILTIN_POLICIES_DIR, builtin: true, label: 'policies', optional: true }] : []),
    ...opts.userDirs.map((dir, i) => ({ dir, builtin: false, label: `user${i + 1}` })),
  ]);
  // The policy pack reads its limits here (policies/lib/thresholds.rego).
  const data = {
    keywarden: {
      profile: opts.profile,
      thresholds: opts.thresholds,
      ...(opts.dataClasses ? { dataClasses: opts.dataClasses } : {}),
      ...(opts.environments ? { environments: opts.environments } : {}),
    },
  };
  const engine = await PolicyEngine.load(modules, (sources) => (opts.engine === 'wasm' ? createWasmBackend(opts.bundle!, data) : createInterpreterBackend(sources, data)));
  return {
    files: modules.filter((m) => !m.builtin).map((m) => m.file),
    modules: modules.length,
    evaluate: (input, now) => engine.evaluate(input, { now }),
  };
}
