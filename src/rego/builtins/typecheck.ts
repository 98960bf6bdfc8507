// Type checks (v1/topdown/type.go, type_name.go).
import { typeName, type Value } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { builtin, T } from './lib-a/util.js';

function is(name: string, type: string): BuiltinDecl {
  // OPA's is_* are false (not undefined) for other types.
  return builtin(name, 'types', [['x', T.any]], T.bool, ([x]) => typeName(x ?? null) === type);
}

export const typecheckBuiltins: BuiltinDecl[] = [
  is('is_number', 'number'),
  is('is_string', 'string'),
  is('is_boolean', 'boolean'),
  is('is_array', 'array'),
  is('is_set', 'set'),
  is('is_object', 'object'),
  is('is_null', 'null'),
  builtin('type_name', 'types', [['x', T.any]], T.str, ([x]: Value[]) => typeName(x ?? null)),
];
