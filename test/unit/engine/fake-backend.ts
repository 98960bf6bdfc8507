// A backend for engine unit tests: rule values come from a table, so the tests pin the engine's
// mapping without depending on the interpreter.
import type { EngineBackend } from '../../../src/engine/backends/types.js';

export function fakeBackend(values: Record<string, unknown>, seen: { now?: Date } = {}): EngineBackend {
  return {
    name: 'interpreter',
    evaluateRule(pkg, rule, opts) {
      seen.now = opts.now;
      const key = `${pkg}.${rule}`;
      if (!(key in values)) return Promise.resolve({ defined: false });
      const v = values[key];
      if (v instanceof Error) return Promise.reject(v);
      const value = typeof v === 'function' ? (v as (i: unknown, n: Date) => unknown)(opts.input, opts.now) : v;
      return Promise.resolve({ defined: true, value });
    },
  };
}
