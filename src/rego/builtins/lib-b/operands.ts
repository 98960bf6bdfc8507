// Operand checks for family-B builtins, worded as OPA's topdown/builtins package words them, so
// `want_error` substrings match ("operand 2 must be string but got number").
import { BigNum, type Value, isNumber, isSet, typeName } from '../../value/index.js';
import { TypeErrorOperand, TypeErrorText } from '../types.js';

export function str(args: Value[], pos: number): string {
  const v = args[pos - 1] ?? null;
  if (typeof v !== 'string') throw new TypeErrorOperand(pos, 'string', typeName(v));
  return v;
}

/** OPA's IntOperand: a number that fits a Go int (int64). */
export function int(args: Value[], pos: number): number {
  const v = args[pos - 1] ?? null;
  if (!isNumber(v)) throw new TypeErrorOperand(pos, 'number', typeName(v));
  const i = integerOf(v);
  if (i === undefined || i > 9223372036854775807n || i < -9223372036854775808n)
    throw new TypeErrorText(`operand ${pos} must be integer number but got floating-point number`);
  return Number(i);
}

/** The exact integer value of a number, or undefined when it has a fraction. */
export function integerOf(v: number | BigNum): bigint | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : undefined;
  return v.isInteger() ? v.toBigInt() : undefined;
}

/** "must be one of {a, b} but got x" (NewOperandTypeErr with several expected types). */
export function typeErr(pos: number, got: Value, ...expected: string[]): TypeErrorOperand {
  const want = expected.length === 1 ? expected[0]! : `one of {${expected.join(', ')}}`;
  return new TypeErrorOperand(pos, want, typeName(got));
}

/** "must be array of strings but got array containing number" (NewOperandElementErr). */
export function elementErr(pos: number, composite: Value, got: Value, expected: string): TypeErrorOperand {
  const t = typeName(composite);
  return new TypeErrorOperand(pos, `${t} of ${expected}s`, `${t} containing ${typeName(got)}`);
}

/** OPA's StringSliceOperand: every element of an array or set must be a string. */
export function stringSlice(v: Value, pos: number): string[] {
  const items = Array.isArray(v) ? v : isSet(v) ? v.values() : undefined;
  if (!items) throw typeErr(pos, v, 'array', 'set');
  return items.map((x) => {
    if (typeof x !== 'string') throw elementErr(pos, v, x, 'string');
    return x;
  });
}
