// Calls builtin implementations directly with a deterministic context.
import type { BuiltinContext, BuiltinDecl } from '../../../../src/rego/builtins/types.js';
import type { Value } from '../../../../src/rego/value/index.js';

export function ctx(random: () => number = () => 0.5): BuiltinContext {
  return {
    nowNs: () => 1_700_000_000_000_000_000n,
    cache: new Map(),
    random,
    print: () => undefined,
    checkCancelled: () => undefined,
    strict: true,
  };
}

export function call(family: BuiltinDecl[], name: string, args: Value[], context: BuiltinContext = ctx()): Value | undefined {
  const decl = family.find((d) => d.name === name);
  if (!decl) throw new Error(`no builtin ${name}`);
  return decl.impl(args, context);
}
