// Comparison operators over OPA's total order of values (value/types.ts compare).
import { compare, equals, type Value } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { builtin, T } from './lib-a/util.js';

function comparison(name: string, infix: string, test: (a: Value, b: Value) => boolean): BuiltinDecl {
  return builtin(name, 'comparison', [['x', T.any], ['y', T.any]], T.bool, ([a, b]) => test(a ?? null, b ?? null), {
    infix,
  });
}

export const comparisonBuiltins: BuiltinDecl[] = [
  comparison('equal', '==', (a, b) => equals(a, b)),
  comparison('neq', '!=', (a, b) => !equals(a, b)),
  comparison('lt', '<', (a, b) => compare(a, b) < 0),
  comparison('lte', '<=', (a, b) => compare(a, b) <= 0),
  comparison('gt', '>', (a, b) => compare(a, b) > 0),
  comparison('gte', '>=', (a, b) => compare(a, b) >= 0),
];
