// regex.* builtins (OPA v1/topdown/regex.go): Go RE2 syntax and semantics, see lib-b/re2.ts.
import type { BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import type { Value } from '../value/index.js';
import { T, decl } from './lib-b/decl.js';
import { int, str } from './lib-b/operands.js';
import { type GoRegexp, compileGo, findAll, matches, quoteMeta, replaceAll, split } from './lib-b/goregexp.js';
import { globsIntersect } from './lib-b/globsect.js';
import { goQuote } from './lib-b/termstring.js';

/** Compiles or fails the way OPA does: a syntax error becomes a builtin error with Go's text. */
function compile(pattern: string): GoRegexp {
  try {
    return compileGo(pattern);
  } catch (e) {
    throw new BuiltinFailure((e as Error).message);
  }
}

/** Go's delimiterIndices: top-level {..} spans, or an error for unbalanced braces. */
function delimiterIndices(s: string, open: string, close: string): number[] {
  const idxs: number[] = [];
  let level = 0;
  let idx = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === open) {
      if (++level === 1) idx = i;
    } else if (s[i] === close) {
      if (--level === 0) idxs.push(idx, i + 1);
      else if (level < 0) throw new BuiltinFailure(`unbalanced braces in ${goQuote(s)}`);
    }
  }
  if (level !== 0) throw new BuiltinFailure(`unbalanced braces in ${goQuote(s)}`);
  return idxs;
}

/** OPA's compileRegexTemplate (forked from gorilla/mux): literal text quoted, {..} parts as regexps. */
function templateRegexp(tpl: string, open: string, close: string): GoRegexp {
  const idxs = delimiterIndices(tpl, open, close);
  let pattern = '^';
  let end = 0;
  for (let i = 0; i < idxs.length; i += 2) {
    const raw = tpl.slice(end, idxs[i]);
    end = idxs[i + 1]!;
    const part = tpl.slice(idxs[i]! + 1, end - 1);
    pattern += `${quoteMeta(raw)}(${part})`;
    compile(`^${part}$`);
  }
  return compile(pattern + quoteMeta(tpl.slice(end)) + '$');
}

function templateMatch(args: Value[]): Value {
  const pattern = str(args, 1);
  const value = str(args, 2);
  const start = str(args, 3);
  const end = str(args, 4);
  const byteLen = (s: string): number => Buffer.byteLength(s, 'utf8');
  if (byteLen(start) !== 1) throw new BuiltinFailure(`start delimiter has to be exactly one character long but is ${byteLen(start)} long`);
  if (byteLen(end) !== 1) throw new BuiltinFailure(`end delimiter has to be exactly one character long but is ${byteLen(start)} long`);
  return matches(templateRegexp(pattern, start, end), value);
}

const S = T.str;

export const regexBuiltins: BuiltinDecl[] = [
  decl('regex.is_valid', 'regex', [['pattern', S]], T.bool, (a) => {
    const p = a[0];
    if (typeof p !== 'string') return false;
    try {
      compileGo(p);
      return true;
    } catch {
      return false;
    }
  }),
  decl('regex.match', 'regex', [['pattern', S], ['value', S]], T.bool, (a) => matches(compile(str(a, 1)), str(a, 2))),
  decl('regex.find_n', 'regex', [['pattern', S], ['value', S], ['number', T.num]], T.arr(S), (a) => {
    const [p, s, n] = [str(a, 1), str(a, 2), int(a, 3)];
    return findAll(compile(p), s, n).map((m) => m[0]);
  }),
  decl('regex.find_all_string_submatch_n', 'regex', [['pattern', S], ['value', S], ['number', T.num]], T.arr(T.arr(S)), (a) => {
    const [p, s, n] = [str(a, 1), str(a, 2), int(a, 3)];
    return findAll(compile(p), s, n).map((m) => [...m].map((x) => x ?? ''));
  }),
  decl('regex.replace', 'regex', [['s', S], ['pattern', S], ['value', S]], S, (a) => {
    const [s, p, v] = [str(a, 1), str(a, 2), str(a, 3)];
    return replaceAll(compile(p), s, v);
  }),
  decl('regex.split', 'regex', [['pattern', S], ['value', S]], T.arr(S), (a) => {
    const p = str(a, 1);
    return split(compile(p), p, str(a, 2));
  }),
  decl('regex.template_match', 'regex', [['template', S], ['value', S], ['delimiter_start', S], ['delimiter_end', S]], T.bool, templateMatch),
  decl('regex.globs_match', 'regex', [['glob1', S], ['glob2', S]], T.bool, (a) => {
    const [g1, g2] = [str(a, 1), str(a, 2)];
    try {
      return globsIntersect(g1, g2);
    } catch (e) {
      throw new BuiltinFailure((e as Error).message);
    }
  }),
];
