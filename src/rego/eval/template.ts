// Template strings (`$"…{expr}…"`) and the Rego text form of values used by them and by print.
import type { TemplateStringTerm, Term } from '../ast/types.js';
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
  for (const part of t.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let got: Value | undefined;
    evalPart(ev, part, f, (v) => ((got = v), true));
    out += got === undefined ? '<undefined>' : formatForPrint(got);
  }
  return vk(out);
}

function evalPart(ev: Evaluator, part: Term, f: Frame, vk: VK): boolean {
  return ev.evalTerm(part, f, vk);
}
