// Bitwise operations on arbitrary-size integers (v1/topdown/bits.go, Go big.Int semantics:
// two's complement for negatives, arithmetic right shift).
import type { Value } from '../value/types.js';
import { fromInteger } from '../value/arith.js';
import type { BuiltinDecl } from './types.js';
import { TypeErrorText } from './types.js';
import { bigInt, builtin, T } from './lib-a/util.js';

function binary(name: string, op: (a: bigint, b: bigint) => bigint): BuiltinDecl {
  return builtin(name, 'bits', [['x', T.num], ['y', T.num]], T.num, ([a, b]) => fromInteger(op(bigInt(a, 1), bigInt(b, 2))));
}

function shift(name: string, op: (a: bigint, s: bigint) => bigint): BuiltinDecl {
  return builtin(name, 'bits', [['x', T.num], ['s', T.num]], T.num, ([a, b]: Value[]) => {
    const x = bigInt(a, 1);
    const s = bigInt(b, 2);
    if (s < 0n) throw new TypeErrorText('operand 2 must be an unsigned integer number but got a negative integer');
    return fromInteger(op(x, s));
  });
}

export const bitsBuiltins: BuiltinDecl[] = [
  binary('bits.or', (a, b) => a | b),
  binary('bits.and', (a, b) => a & b),
  binary('bits.xor', (a, b) => a ^ b),
  builtin('bits.negate', 'bits', [['x', T.num]], T.num, ([a]) => fromInteger(~bigInt(a, 1))),
  shift('bits.lsh', (a, s) => a << s),
  shift('bits.rsh', (a, s) => a >> s),
];
