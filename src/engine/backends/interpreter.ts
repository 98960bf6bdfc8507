// The default backend: keywarden's own Rego interpreter, compiled once over every module.
import { QuerySession, compile } from '../../rego/index.js';
import type { EngineBackend } from './types.js';

const RESULT_VAR = '__keywarden_result__';

export async function createInterpreterBackend(modules: Record<string, string>, data: Record<string, unknown>): Promise<EngineBackend> {
  const policy = await compile({ modules, data });
  // The rules of one evaluation share an input and a clock: the library functions they all call
  // (keys.enabled(k), thresholds.for_key(...)) are then computed once per key, not once per rule.
  const session = new QuerySession();
  return {
    name: 'interpreter',
    async evaluateRule(packagePath, rule, opts) {
      const rows = await policy.query(`${RESULT_VAR} = data.${packagePath}.${rule}`, {
        input: opts.input,
        strictBuiltinErrors: false,
        timeoutMs: opts.timeoutMs,
        now: opts.now,
        session,
      });
      const first = rows[0];
      return first && RESULT_VAR in first ? { defined: true, value: first[RESULT_VAR] } : { defined: false };
    },
    release: () => session.clear(),
  };
}
