// Builtins the evaluator itself defines: membership (`in`), print, rule metadata, trace and
// opa.runtime. `print`/`internal.print` are evaluated by the evaluator (their operands may be
// undefined); their entries here declare them for arity checks and capabilities.
import { RObject, RSet, equals, type Value } from '../value/types.js';
import type { BuiltinDecl, RType } from './types.js';

const any: RType = { kind: 'any' };
const bool: RType = { kind: 'boolean' };

function member(x: Value, coll: Value): boolean {
  if (Array.isArray(coll)) return coll.some((v) => equals(v, x));
  if (coll instanceof RSet) return coll.has(x);
  if (coll instanceof RObject) return coll.values().some((v) => equals(v, x));
  return false;
}

function memberKeyValue(k: Value, v: Value, coll: Value): boolean {
  if (Array.isArray(coll)) {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= coll.length) return false;
    return equals(coll[k]!, v);
  }
  if (coll instanceof RObject) {
    const got = coll.get(k);
    return got !== undefined && equals(got, v);
  }
  if (coll instanceof RSet) return equals(k, v) && coll.has(v);
  return false;
}

export const internalBuiltins: BuiltinDecl[] = [
  {
    name: 'internal.member_2',
    category: 'internal',
    description: '`x in xs`: whether xs holds x (array or set member, object value).',
    args: [
      { name: 'x', type: any },
      { name: 'xs', type: any },
    ],
    result: { name: 'result', type: bool },
    infix: 'in',
    impl: ([x, xs]) => member(x!, xs!),
  },
  {
    name: 'internal.member_3',
    category: 'internal',
    description: '`k, v in xs`: whether xs holds v at key k.',
    args: [
      { name: 'k', type: any },
      { name: 'v', type: any },
      { name: 'xs', type: any },
    ],
    result: { name: 'result', type: bool },
    infix: 'in',
    impl: ([k, v, xs]) => memberKeyValue(k!, v!, xs!),
  },
  {
    name: 'print',
    category: 'tracing',
    description: 'Prints its operands (undefined ones as `<undefined>`) to the print hook.',
    args: [{ name: 'values', type: any }],
    result: { name: 'result', type: bool },
    variadic: true,
    impl: () => true,
  },
  {
    name: 'internal.print',
    category: 'internal',
    description: 'The lowered form of print.',
    args: [{ name: 'values', type: { kind: 'array', of: { kind: 'set', of: any } } }],
    result: { name: 'result', type: bool },
    variadic: true,
    impl: () => true,
  },
  {
    name: 'rego.metadata.rule',
    category: 'rego',
    description: "The active rule's METADATA annotations (`{}` when it has none).",
    args: [],
    result: { name: 'output', type: any },
    impl: (_args, ctx) => ctx.metadata?.rule() ?? new RObject(),
  },
  {
    name: 'rego.metadata.chain',
    category: 'rego',
    description: 'The annotations from the active rule out through its packages, as [{path, annotations}].',
    args: [],
    result: { name: 'chain', type: { kind: 'array', of: any } },
    impl: (_args, ctx) => ctx.metadata?.chain() ?? [],
  },
  {
    name: 'trace',
    category: 'tracing',
    description: 'Emits a note into the evaluation trace (keywarden sends it to the print hook). Always true.',
    args: [{ name: 'note', type: { kind: 'string' } }],
    result: { name: 'result', type: bool },
    impl: ([note], ctx) => {
      if (typeof note !== 'string') return true;
      ctx.print(`Note ${JSON.stringify(note)}`);
      return true;
    },
  },
  {
    name: 'opa.runtime',
    category: 'opa',
    description: 'Runtime information; keywarden runs without an OPA runtime, so this is `{}` (as OPA without runtime info).',
    args: [],
    result: { name: 'output', type: { kind: 'object' } },
    nondeterministic: true,
    impl: () => new RObject(),
  },
];
