// Shared helpers for the builtin families of group A: declaration shorthands and operand checks
// that produce OPA's exact error texts.
import { isNumber, typeName, RObject, RSet, type RNumber, type Value } from '../../value/types.js';
import { toInteger } from '../../value/arith.js';
import type { BuiltinArg, BuiltinDecl, RType } from '../types.js';
import { TypeErrorOperand, TypeErrorText } from '../types.js';

/** Type shorthands for declarations. */
export const T = {
  any: { kind: 'any' } as RType,
  anyOf: (...of: RType[]): RType => ({ kind: 'any', of }),
  null: { kind: 'null' } as RType,
  bool: { kind: 'boolean' } as RType,
  num: { kind: 'number' } as RType,
  str: { kind: 'string' } as RType,
  arr: (of: RType = { kind: 'any' }): RType => ({ kind: 'array', of }),
  tuple: (...items: RType[]): RType => ({ kind: 'array', static: items }),
  set: (of: RType = { kind: 'any' }): RType => ({ kind: 'set', of }),
  obj: (key: RType = { kind: 'any' }, value: RType = { kind: 'any' }): RType => ({ kind: 'object', key, value }),
};

export function arg(name: string, type: RType, description?: string): BuiltinArg {
  return description === undefined ? { name, type } : { name, type, description };
}

/** Builds a declaration; `args` are [name, type] pairs, the result is named `result` unless given. */
export function builtin(
  name: string,
  category: string,
  args: [string, RType][],
  result: RType | BuiltinArg,
  impl: BuiltinDecl['impl'],
  extra: Partial<BuiltinDecl> = {},
): BuiltinDecl {
  const res = 'kind' in result ? arg('output', result) : result;
  return { name, category, args: args.map(([n, t]) => arg(n, t)), result: res, impl, ...extra };
}

export function typeErr(pos: number, got: Value, ...expected: string[]): TypeErrorOperand {
  const exp = expected.length === 1 ? expected[0]! : `one of {${expected.join(', ')}}`;
  return new TypeErrorOperand(pos, exp, typeName(got));
}

export function num(v: Value | undefined, pos: number): RNumber {
  if (!isNumber(v)) throw typeErr(pos, v ?? null, 'number');
  return v;
}

export function str(v: Value | undefined, pos: number): string {
  if (typeof v !== 'string') throw typeErr(pos, v ?? null, 'string');
  return v;
}

export function obj(v: Value | undefined, pos: number): RObject {
  if (!(v instanceof RObject)) throw typeErr(pos, v ?? null, 'object');
  return v;
}

export function set(v: Value | undefined, pos: number): RSet {
  if (!(v instanceof RSet)) throw typeErr(pos, v ?? null, 'set');
  return v;
}

export function arr(v: Value | undefined, pos: number): Value[] {
  if (!Array.isArray(v)) throw typeErr(pos, v ?? null, 'array');
  return v;
}

/** OPA's IntOperand / BigIntOperand: a number without fractional part. */
export function int(v: Value | undefined, pos: number): bigint {
  const n = num(v, pos);
  const i = toInteger(n);
  if (i === undefined) throw new TypeErrorText(`operand ${pos} must be integer number but got floating-point number`);
  return i;
}

/** OPA's BigIntOperand: like int() but a non-number is reported as "must be integer". */
export function bigInt(v: Value | undefined, pos: number): bigint {
  if (!isNumber(v)) throw typeErr(pos, v ?? null, 'integer');
  return int(v, pos);
}

/** OPA's NewOperandElementErr: "operand 1 must be array of numbers but got array containing string". */
export function elementErr(pos: number, composite: Value, got: Value, expected: string): TypeErrorText {
  const t = typeName(composite);
  return new TypeErrorText(`operand ${pos} must be ${t} of ${expected}s but got ${t} containing ${typeName(got)}`);
}

/** The members of an array or set operand (OPA's termIterable). */
export function members(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.values();
  return undefined;
}

/**
 * A builtin that OPA declares as a relation (`walk(x, output)`): the implementation returns an
 * array of every output and the evaluator binds the output to each element in turn.
 */
export interface RelationDecl extends BuiltinDecl {
  relation: true;
}

export function isRelation(decl: BuiltinDecl): decl is RelationDecl {
  return (decl as Partial<RelationDecl>).relation === true;
}
