// glob.* builtins (OPA v1/topdown/glob.go, patterns of github.com/gobwas/glob).
import type { BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import { type Value, isArray } from '../value/index.js';
import { T, decl } from './lib-b/decl.js';
import { elementErr, str, typeErr } from './lib-b/operands.js';
import { compileGlob, globQuoteMeta } from './lib-b/gobglob.js';

/** Delimiters: null = none, [] = ["."], else an array of single-rune strings. */
function delimiters(v: Value): string[] {
  if (v === null) return [];
  if (!isArray(v)) throw typeErr(2, v, 'array', 'null');
  const out = v.map((x) => {
    if (typeof x !== 'string') throw elementErr(2, v, x, 'string');
    if ([...x].length !== 1) throw elementErr(2, v, x, 'rune');
    return x;
  });
  return out.length ? out : ['.'];
}

export const globBuiltins: BuiltinDecl[] = [
  decl('glob.match', 'glob', [['pattern', T.str], ['delimiters', T.oneOf(T.arr(T.str), T.null)], ['match', T.str]], T.bool, (a) => {
    const pattern = str(a, 1);
    const seps = delimiters(a[1] ?? null);
    const match = str(a, 3);
    try {
      return compileGlob(pattern, seps).test(match);
    } catch (e) {
      throw new BuiltinFailure((e as Error).message);
    }
  }),
  decl('glob.quote_meta', 'glob', [['pattern', T.str]], T.str, (a) => globQuoteMeta(str(a, 1))),
];
