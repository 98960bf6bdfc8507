// `with` modifiers: the expression runs in a derived context (input patched, data paths
// overridden, functions/builtins replaced, fresh memo caches); the rest of the body runs in the
// original context again.
import type { Expr, RefTerm, Term, With } from '../ast/types.js';
import { functionNode } from '../compiler/checks.js';
import { RegoError } from '../errors.js';
import type { Value } from '../value/types.js';
import { isProperPrefix, newCaches, samePath, setPath, type EvalContext, type Replacement } from './context.js';
import type { Evaluator, Frame, K } from './evaluator.js';

function targetKind(ev: Evaluator, w: With): 'input' | 'data' | 'function' {
  const head = w.target.terms[0];
  if (head?.type === 'var' && head.name === 'input') return 'input';
  if (head?.type === 'var' && head.name === 'data') return functionNode(ev.compiled.root, w.target) ? 'function' : 'data';
  return 'function';
}

/** A replacement value that names a function or builtin replaces by delegation, else by value. */
function asFunctionRef(ev: Evaluator, t: Term): RefTerm | undefined {
  const ref: RefTerm | undefined = t.type === 'ref' ? t : t.type === 'var' ? { type: 'ref', terms: [t], loc: t.loc } : undefined;
  if (!ref) return undefined;
  if (functionNode(ev.compiled.root, ref)) return ref;
  const head = ref.terms[0];
  if (head?.type === 'var' && (head.name === 'data' || head.name === 'input')) return undefined;
  if (ref.terms.every((x) => x.type === 'var' || x.type === 'string') && ev.compiled.builtins.has(ev.fnName(ref))) return ref;
  return undefined;
}

function pathKeys(target: RefTerm): Value[] {
  return target.terms.slice(1).map((t) => (t.type === 'string' ? t.value : t.type === 'number' ? (t.value as Value) : t.type === 'var' ? t.name : null));
}

export function evalWith(ev: Evaluator, e: Expr, f: Frame, k: K): boolean {
  const kinds = e.with.map((w) => targetKind(ev, w));
  const fnRefs = e.with.map((w, i) => (kinds[i] === 'function' ? asFunctionRef(ev, w.value) : undefined));
  // Evaluate the replacement values in the outer context first.
  const nullTerm: Term = { type: 'null' };
  const valueTerms: Term[] = e.with.map((w, i) => (fnRefs[i] ? nullTerm : w.value));
  return ev.evalItems(valueTerms, f, (vals) => {
    const saved = ev.ctx;
    ev.ctx = derive(ev, saved, e.with, kinds, fnRefs, vals);
    try {
      return ev.evalExprNoWith(e, f, () => {
        const inner = ev.ctx;
        ev.ctx = saved;
        try {
          return k();
        } finally {
          ev.ctx = inner;
        }
      });
    } finally {
      ev.ctx = saved;
    }
  });
}

function derive(
  ev: Evaluator,
  base: EvalContext,
  withs: With[],
  kinds: ('input' | 'data' | 'function')[],
  fnRefs: (RefTerm | undefined)[],
  vals: Value[],
): EvalContext {
  let input = base.input;
  let overrides = base.overrides;
  let replacements = base.replacements;
  withs.forEach((w, i) => {
    const kind = kinds[i]!;
    const val = vals[i]!;
    if (kind === 'input') {
      input = setPath(input, pathKeys(w.target), val);
    } else if (kind === 'data') {
      const path = pathKeys(w.target);
      const covering = overrides.find((o) => isProperPrefix(o.path, path));
      if (covering) {
        overrides = overrides.map((o) => (o === covering ? { path: o.path, value: setPath(o.value, path.slice(o.path.length), val) } : o));
      } else {
        overrides = [...overrides.filter((o) => !samePath(o.path, path) && !isProperPrefix(path, o.path)), { path, value: val }];
      }
    } else {
      const name = ev.fnName(w.target);
      if (name === 'eq' || name === 'assign' || name.startsWith('internal.') || name.startsWith('rego.metadata')) {
        throw new RegoError('rego_compile_error', `with keyword replacing built-in function: target must not be ${name}`, w.loc);
      }
      const ref = fnRefs[i];
      const r: Replacement = ref ? { kind: 'fn', ref } : { kind: 'value', value: val };
      if (replacements === base.replacements) replacements = new Map(replacements);
      replacements.set(name, r);
    }
  });
  return { input, overrides, replacements, caches: newCaches() };
}
