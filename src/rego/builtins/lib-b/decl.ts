// Shorthands for builtin declarations of family B (types as in OPA's builtin metadata).
import type { BuiltinArg, BuiltinContext, BuiltinDecl, RType } from '../types.js';
import type { Value } from '../../value/index.js';

export const T = {
  any: { kind: 'any' } as RType,
  str: { kind: 'string' } as RType,
  num: { kind: 'number' } as RType,
  bool: { kind: 'boolean' } as RType,
  null: { kind: 'null' } as RType,
  arr: (of: RType = { kind: 'any' }): RType => ({ kind: 'array', of }),
  set: (of: RType = { kind: 'any' }): RType => ({ kind: 'set', of }),
  obj: (key: RType = { kind: 'any' }, value: RType = { kind: 'any' }): RType => ({ kind: 'object', key, value }),
  oneOf: (...of: RType[]): RType => ({ kind: 'any', of }),
  tuple: (...items: RType[]): RType => ({ kind: 'array', static: items }),
};

export function arg(name: string, type: RType, description?: string): BuiltinArg {
  return description ? { name, type, description } : { name, type };
}

/** Declares a builtin; `args` are [name, type] pairs, the result is named `result`. */
export function decl(
  name: string,
  category: string,
  args: [string, RType][],
  result: RType,
  impl: (args: Value[], ctx: BuiltinContext) => Value | undefined,
  extra: Partial<Pick<BuiltinDecl, 'description' | 'nondeterministic'>> = {},
): BuiltinDecl {
  return {
    name,
    category,
    args: args.map(([n, t]) => arg(n, t)),
    result: arg('result', result),
    impl,
    ...extra,
  };
}
