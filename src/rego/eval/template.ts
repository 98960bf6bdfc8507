// Template strings (`$"…{expr}…"`) and the Rego text form of values used by them and by print.
import type { Expr, RefTerm, TemplateStringTerm, Term } from '../ast/types.js';
import { BigNum } from '../value/bignum.js';
import { RObject, RSet, numberKey, type Value } from '../value/types.js';
import type { Evaluator, Frame, VK } from './evaluator.js';

/** OPA's term text: strings quoted, sets as `{…}` / `set()`, objects with `": "`. */
export function regoText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return numberKey(v);
  if (v instanceof BigNum) return v.toString();
  if (Array.isArray(v)) return '[' + v.map(regoText).join(', ') + ']';
  if (v instanceof RSet) return v.size === 0 ? 'set()' : '{' + v.values().map(regoText).join(', ') + '}';
  if (v instanceof RObject) return '{' + v.entries().map(([k, x]) => regoText(k) + ': ' + regoText(x)).join(', ') + '}';
  return String(v);
}

/** Strings print bare; everything else in Rego text. */
export function formatForPrint(v: Value): string {
  return typeof v === 'string' ? v : regoText(v);
}

/** Each `{expr}` contributes its value (first one), or `<undefined>` when it has none. */
export function evalTemplate(ev: Evaluator, t: TemplateStringTerm, f: Frame, vk: VK): boolean {
  let out = '';
  for (let i = 0; i < t.parts.length; i++) {
    const part = t.parts[i]!;
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let got: Value | undefined;
    const withExpr = t.partExprs?.[i];
    if (withExpr && withExpr.with.length > 0) {
      // `{x with input as 1}`: evaluate `$tpl = x` under the modifiers and read the binding.
      const synth = synthetic(withExpr, part);
      ev.evalExpr(synth, f, () => {
        got = f.get(TEMPLATE_VAR);
        return true;
      });
    } else evalPart(ev, part, f, (v) => ((got = v), true));
    out += got === undefined ? '<undefined>' : formatForPrint(got);
  }
  return vk(out);
}

const TEMPLATE_VAR = '$tpl';
const synthetics = new WeakMap<Expr, Expr>();

function synthetic(e: Expr, part: Term): Expr {
  let s = synthetics.get(e);
  if (!s) {
    const fn: RefTerm = { type: 'ref', terms: [{ type: 'var', name: 'eq' }] };
    s = { negated: false, body: { kind: 'call', fn, args: [{ type: 'var', name: TEMPLATE_VAR }, part] }, with: e.with, index: 0, loc: e.loc };
    synthetics.set(e, s);
  }
  return s;
}

function evalPart(ev: Evaluator, part: Term, f: Frame, vk: VK): boolean {
  return ev.evalTerm(part, f, vk);
}
