// String builtins (OPA v1/topdown/strings.go), with Go's rune-based semantics.
import type { BuiltinDecl } from './types.js';
import { BuiltinFailure, TypeErrorText } from './types.js';
import { type Value, isArray, isNumber, isObject, isSet, compare } from '../value/index.js';
import { T, decl } from './lib-b/decl.js';
import { elementErr, int, integerOf, str, stringSlice, typeErr } from './lib-b/operands.js';
import { cutsetFn, goCase, goCount, goReplace, isGoSpace, runeIndexes, trimLeftFunc, trimRightFunc } from './lib-b/gostrings.js';

const S = T.str;
const strs = T.oneOf(T.str, T.arr(T.str), T.set(T.str));

/** Strings of an operand that may be a string, an array or a set of strings. */
function stringsOf(v: Value, pos: number): string[] {
  if (typeof v === 'string') return [v];
  if (isArray(v) || isSet(v)) return stringSlice(v, pos);
  throw typeErr(pos, v, 'string', 'set', 'array');
}

function formatInt(args: Value[]): Value {
  const input = args[0] ?? null;
  if (!isNumber(input)) throw typeErr(1, input, 'number');
  const base = args[1] ?? null;
  if (!isNumber(base)) throw typeErr(2, base, 'number');
  const b = integerOf(base);
  if (b !== 2n && b !== 8n && b !== 10n && b !== 16n) throw new TypeErrorText('operand 2 must be one of {2, 8, 10, 16}');
  // big.Float.Int truncates towards zero
  const exact = integerOf(input);
  const i = exact ?? (typeof input === 'number' ? BigInt(Math.trunc(input)) : truncBig(input.coef, input.exp));
  return i.toString(Number(b));
}

function truncBig(coef: bigint, exp: number): bigint {
  return exp >= 0 ? coef * 10n ** BigInt(exp) : coef / 10n ** BigInt(-exp);
}

function concat(args: Value[]): Value {
  const sep = str(args, 1);
  const coll = args[1] ?? null;
  if (!isArray(coll) && !isSet(coll)) throw typeErr(2, coll, 'set', 'array');
  const items = isArray(coll) ? coll : coll.values();
  for (const x of items) if (typeof x !== 'string') throw elementErr(2, coll, x, 'string');
  return (items as string[]).join(sep);
}

function indexOfAll(args: Value[]): number[] {
  const base = str(args, 1);
  const search = str(args, 2);
  if (search === '') throw new BuiltinFailure('empty search character');
  return runeIndexes(base, search);
}

function substring(args: Value[]): Value {
  const base = str(args, 1);
  const start = int(args, 2);
  const length = int(args, 3);
  if (start < 0) throw new BuiltinFailure('negative offset');
  const runes = [...base];
  if (start >= runes.length) return '';
  return runes.slice(start, length < 0 ? undefined : Math.min(runes.length, start + length)).join('');
}

function split(args: Value[]): Value {
  const text = str(args, 1);
  const delim = str(args, 2);
  if (!text.includes(delim)) return [text];
  return delim === '' ? [...text] : text.split(delim);
}

function splitN(args: Value[]): Value {
  const parts = split(args.slice(0, 2)) as string[];
  const n = int(args, 3);
  if (n >= 0) return parts.slice(0, n);
  return parts.slice(Math.max(0, parts.length + n));
}

function replaceN(args: Value[]): Value {
  const patterns = args[0] ?? null;
  if (!isObject(patterns)) throw typeErr(1, patterns, 'object');
  const s = str(args, 2);
  const pairs: [string, string][] = [];
  for (const [k, v] of [...patterns.entries()].sort((a, b) => compare(a[0], b[0]))) {
    if (typeof k !== 'string') throw new TypeErrorText('operand 1 non-string key found in pattern object');
    if (typeof v !== 'string') throw new TypeErrorText('operand 1 non-string value found in pattern object');
    pairs.push([k, v]);
  }
  return goReplace(s, pairs);
}

const two = (a: string, b: string): [string, typeof S][] => [
  [a, S],
  [b, S],
];

export const stringsBuiltins: BuiltinDecl[] = [
  decl('concat', 'strings', [['delimiter', S], ['collection', T.oneOf(T.arr(S), T.set(S))]], S, concat),
  decl('contains', 'strings', two('haystack', 'needle'), T.bool, (a) => str(a, 1).includes(str(a, 2))),
  decl('endswith', 'strings', two('search', 'base'), T.bool, (a) => str(a, 1).endsWith(str(a, 2))),
  decl('startswith', 'strings', two('search', 'base'), T.bool, (a) => str(a, 1).startsWith(str(a, 2))),
  decl('format_int', 'strings', [['number', T.num], ['base', T.num]], S, formatInt),
  decl('indexof', 'strings', two('haystack', 'needle'), T.num, (a) => indexOfAll(a)[0] ?? -1),
  decl('indexof_n', 'strings', two('haystack', 'needle'), T.arr(T.num), (a) => indexOfAll(a)),
  decl('lower', 'strings', [['x', S]], S, (a) => goCase(str(a, 1), false)),
  decl('upper', 'strings', [['x', S]], S, (a) => goCase(str(a, 1), true)),
  decl('replace', 'strings', [['x', S], ['old', S], ['new', S]], S, (a) =>
    goReplace(str(a, 1), [[str(a, 2), str(a, 3)]]),
  ),
  decl('split', 'strings', two('x', 'delimiter'), T.arr(S), split),
  decl('strings.split_n', 'strings', [['x', S], ['delimiter', S], ['n', T.num]], T.arr(S), splitN),
  decl('strings.any_prefix_match', 'strings', [['search', strs], ['base', strs]], T.bool, (a) => {
    const xs = stringsOf(a[0] ?? null, 1);
    const prefixes = stringsOf(a[1] ?? null, 2);
    return xs.some((x) => prefixes.some((p) => x.startsWith(p)));
  }),
  decl('strings.any_suffix_match', 'strings', [['search', strs], ['base', strs]], T.bool, (a) => {
    const xs = stringsOf(a[0] ?? null, 1);
    const suffixes = stringsOf(a[1] ?? null, 2);
    return xs.some((x) => suffixes.some((p) => x.endsWith(p)));
  }),
  decl('strings.count', 'strings', two('search', 'substring'), T.num, (a) => goCount(str(a, 1), str(a, 2))),
  decl('strings.replace_n', 'strings', [['patterns', T.obj(S, S)], ['value', S]], S, replaceN),
  decl('strings.reverse', 'strings', [['x', S]], S, (a) => [...str(a, 1)].reverse().join('')),
  decl('substring', 'strings', [['value', S], ['offset', T.num], ['length', T.num]], S, substring),
  decl('trim', 'strings', two('value', 'cutset'), S, (a) => {
    const drop = cutsetFn(str(a, 2));
    return trimRightFunc(trimLeftFunc(str(a, 1), drop), drop);
  }),
  decl('trim_left', 'strings', two('value', 'cutset'), S, (a) => trimLeftFunc(str(a, 1), cutsetFn(str(a, 2)))),
  decl('trim_right', 'strings', two('value', 'cutset'), S, (a) => trimRightFunc(str(a, 1), cutsetFn(str(a, 2)))),
  decl('trim_prefix', 'strings', two('value', 'prefix'), S, (a) => {
    const [s, p] = [str(a, 1), str(a, 2)];
    return s.startsWith(p) ? s.slice(p.length) : s;
  }),
  decl('trim_suffix', 'strings', two('value', 'suffix'), S, (a) => {
    const [s, p] = [str(a, 1), str(a, 2)];
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }),
  decl('trim_space', 'strings', [['value', S]], S, (a) => trimRightFunc(trimLeftFunc(str(a, 1), isGoSpace), isGoSpace)),
];
