// strings.render_template (OPA v1/topdown/template.go, Go text/template): see lib-b/gotemplate.ts
// for the supported subset; a missing key renders as "<undefined>".
import type { BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import { BigNum, type Value, isObject, isSet, numberKey, toJSONText } from '../value/index.js';
import { T, decl } from './lib-b/decl.js';
import { str, typeErr } from './lib-b/operands.js';
import { type TV, renderTemplate } from './lib-b/gotemplate.js';
import { TemplateError } from './lib-b/gotemplate-parse.js';

/** The value as Go sees it after OPA's ast.As (a JSON round trip with json.Number). */
function toTV(v: Value): TV {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number' || v instanceof BigNum) return { num: numberKey(v) };
  if (Array.isArray(v)) return v.map(toTV);
  if (isSet(v)) return v.values().map(toTV);
  const m = new Map<string, TV>();
  for (const [k, x] of v.entries()) m.set(typeof k === 'string' ? k : toJSONText(k), toTV(x));
  return m;
}

export const templateBuiltins: BuiltinDecl[] = [
  decl('strings.render_template', 'strings', [['value', T.str], ['vars', T.obj(T.str, T.any)]], T.str, (a) => {
    const src = str(a, 1);
    const vars = a[1] ?? null;
    if (!isObject(vars)) throw typeErr(2, vars, 'object');
    try {
      return renderTemplate(src, toTV(vars));
    } catch (e) {
      if (e instanceof TemplateError) throw new BuiltinFailure(e.message);
      throw e;
    }
  }),
];
