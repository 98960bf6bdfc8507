// sprintf: OPA converts each operand to a Go value and calls fmt.Sprintf (v1/topdown/strings.go):
// integers that fit int64 become int, larger integers *big.Int, other numbers float64 (or their
// text when out of float64 range), strings stay strings and everything else becomes its Rego
// term text (so `%v` of [1, "a"] prints `[1, "a"]` and `%d` of true prints `%!d(string=true)`).
import type { BuiltinDecl } from './types.js';
import { BigNum, type Value, isArray } from '../value/index.js';
import { T, decl } from './lib-b/decl.js';
import { str, typeErr } from './lib-b/operands.js';
import { type GoArg, goSprintf } from './lib-b/gofmt.js';
import { termString } from './lib-b/termstring.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function toGoArg(v: Value): GoArg {
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'number') {
    // a JS number beyond 2^53 comes from float arithmetic: OPA would hold it as float text too
    return Number.isSafeInteger(v) ? { t: 'int', v: BigInt(v) } : { t: 'float', v };
  }
  if (v instanceof BigNum) {
    const text = v.toString();
    if (v.isInteger() && /^-?\d+$/.test(text)) {
      const i = v.toBigInt();
      return i >= INT64_MIN && i <= INT64_MAX ? { t: 'int', v: i } : { t: 'big', v: i };
    }
    const f = v.toNumber();
    if (Number.isFinite(f)) return { t: 'float', v: f };
    return { t: 'string', v: text.replace('e+', 'e') }; // OPA passes the number's text on
  }
  return { t: 'string', v: termString(v) };
}

export const sprintfBuiltins: BuiltinDecl[] = [
  decl('sprintf', 'strings', [['format', T.str], ['values', T.arr()]], T.str, (args) => {
    const format = str(args, 1);
    const values = args[1] ?? null;
    if (!isArray(values)) throw typeErr(2, values, 'array');
    return goSprintf(format, values.map(toGoArg));
  }),
];
