// Direct evaluation of single-valued terms. Most terms in rule bodies (`key.provider`,
// `count(key.grants)`, `sprintf("%s", [key.id])`) have at most one value; for them the
// continuation-passing evaluator's closures, argument arrays and per-step dispatch are pure
// overhead. Each such term is compiled once into a closure that returns its value (or undefined)
// directly. A closure returns FALLBACK when it meets something only the general evaluator handles
// at run time (an unbound variable that would enumerate), and the caller then uses that path.
import type { RefTerm, Term } from '../ast/types.js';
import { RObject, RSet, type Value } from '../value/types.js';
import { callBuiltin, callValues, planFor } from './calls.js';
import type { Evaluator, Frame } from './evaluator.js';
import { lookup } from './refs.js';

export const FALLBACK = Symbol('fallback');
export type Direct = Value | undefined | typeof FALLBACK;
export type DirectFn = (ev: Evaluator, f: Frame) => Direct;

const compiled = new WeakMap<Term, DirectFn | null>();

/** The direct form of `t`, or undefined when `t` may have several values. Cached per term. */
export function directOf(ev: Evaluator, t: Term): DirectFn | undefined {
  let d = compiled.get(t);
  if (d === undefined) compiled.set(t, (d = compile(ev, t) ?? null));
  return d ?? undefined;
}

/** Evaluates `t` through the general evaluator, keeping its first value (for single-valued terms). */
function captured(t: Term): DirectFn {
  return (ev, f) => {
    let got: Value | undefined;
    ev.evalTerm(t, f, (v) => ((got = v), true));
    return got;
  };
}

function compile(ev: Evaluator, t: Term): DirectFn | undefined {
  switch (t.type) {
    case 'null':
      return () => null;
    case 'boolean':
    case 'string':
    case 'number': {
      const v = t.value;
      return () => v;
    }
    case 'var':
      return varFn(t.name);
    case 'ref':
      return refFn(ev, t);
    case 'call':
      return callFn(ev, t.fn, t.args, t.loc);
    case 'array':
    case 'set':
    case 'object': {
      const c = ev.constOf(t);
      if (c !== undefined) return () => c;
      return compositeFn(ev, t);
    }
    case 'arraycomp':
    case 'setcomp':
    case 'objectcomp':
    case 'template':
      // Always exactly one value.
      return captured(t);
  }
}

function varFn(name: string): DirectFn {
  if (name === 'input') return (ev, f) => f.get(name) ?? ev.ctx.input;
  return (_ev, f) => f.get(name) ?? FALLBACK;
}

/** Refs whose operands are constants or variables (bound at run time, else FALLBACK). */
function refFn(ev: Evaluator, t: RefTerm): DirectFn | undefined {
  const head = t.terms[0]!;
  const ops = t.terms.slice(1);
  if (head.type === 'var' && head.name === 'data') {
    // `data.a.b` with constant operands has at most one value (the evaluator caches it).
    return ops.every((o) => o.type === 'string') ? captured(t) : undefined;
  }
  if (!ops.every((o) => o.type === 'string' || o.type === 'number' || o.type === 'var')) return undefined;
  const headFn = head.type === 'var' ? varOrUndefined(head.name) : directOf(ev, head);
  if (!headFn) return undefined;
  if (ops.length === 1 && ops[0]!.type === 'string') {
    const key = ops[0]!.value;
    return (ev, f) => {
      const v = headFn(ev, f);
      if (v === undefined || v === FALLBACK) return v;
      return v instanceof RObject ? v.get(key) : v instanceof RSet && v.has(key) ? key : undefined;
    };
  }
  return (ev, f) => {
    let v = headFn(ev, f);
    for (let i = 0; i < ops.length; i++) {
      if (v === undefined || v === FALLBACK) return v;
      const op = ops[i]!;
      if (op.type === 'string') {
        v = v instanceof RObject ? v.get(op.value) : v instanceof RSet && v.has(op.value) ? op.value : undefined;
        continue;
      }
      const key = op.type === 'var' ? f.get(op.name) : (op as { value: Value }).value;
      if (key === undefined) return FALLBACK; // an unbound operand enumerates
      v = lookup(v, key);
    }
    return v;
  };
}

/** A ref head variable: bound local, else input; an unbound local makes the ref undefined. */
function varOrUndefined(name: string): DirectFn {
  if (name === 'input') return (ev, f) => f.get(name) ?? ev.ctx.input;
  return (_ev, f) => f.get(name);
}

/** A function or builtin call in term position: one value, unless it is a relation (walk). */
function callFn(ev: Evaluator, fn: RefTerm, argTerms: Term[], loc: Term['loc']): DirectFn | undefined {
  const plan = planFor(ev, fn, argTerms, false);
  if (plan.relation) return undefined;
  const args = directArgs(ev, plan.inputs);
  if (!args) return undefined;
  const where = loc ?? fn.loc;
  return (ev, f) => {
    const vals = evalArgs(ev, f, args);
    if (vals === undefined || vals === FALLBACK) return vals;
    return callWith(ev, plan, fn, vals, where);
  };
}

/** Direct forms of every argument, or undefined when one has none. */
export function directArgs(ev: Evaluator, terms: Term[]): DirectFn[] | undefined {
  const out: DirectFn[] = [];
  for (const t of terms) {
    const d = directOf(ev, t);
    if (!d) return undefined;
    out.push(d);
  }
  return out;
}

/** Argument values left to right; stops at the first undefined one, as the general path does. */
export function evalArgs(ev: Evaluator, f: Frame, args: DirectFn[]): Value[] | undefined | typeof FALLBACK {
  const vals = new Array<Value>(args.length);
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!(ev, f);
    if (v === undefined || v === FALLBACK) return v;
    vals[i] = v;
  }
  return vals;
}

/** Calls a planned function with argument values, honouring `with` replacements. */
export function callWith(ev: Evaluator, plan: ReturnType<typeof planFor>, fn: RefTerm, vals: Value[], loc: Term['loc']): Value | undefined {
  const replaced = ev.ctx.replacements.size > 0 && ev.ctx.replacements.has(plan.name);
  return replaced || !plan.decl ? callValues(ev, fn, vals, loc, 0) : callBuiltin(ev, plan.decl, vals, loc);
}

function compositeFn(ev: Evaluator, t: Term & { type: 'array' | 'set' | 'object' }): DirectFn | undefined {
  if (t.type === 'object') {
    const flat: Term[] = [];
    for (const [k, v] of t.items) flat.push(k, v);
    const parts = directArgs(ev, flat);
    if (!parts) return undefined;
    return (ev, f) => {
      const vals = evalArgs(ev, f, parts);
      if (vals === undefined || vals === FALLBACK) return vals;
      const o = new RObject();
      for (let i = 0; i < vals.length; i += 2) o.set(vals[i]!, vals[i + 1]!);
      return o;
    };
  }
  const items = directArgs(ev, t.items);
  if (!items) return undefined;
  if (t.type === 'array') return (ev, f) => evalArgs(ev, f, items);
  return (ev, f) => {
    const vals = evalArgs(ev, f, items);
    return vals === undefined || vals === FALLBACK ? vals : RSet.from(vals);
  };
}

/** How an expression runs when its operands are direct; `generic` sends it to the general path. */
export type ExprPlan =
  | { kind: 'generic' }
  | { kind: 'term'; value: DirectFn }
  | { kind: 'unify'; left: Term; right: Term; leftFn: DirectFn | undefined; rightFn: DirectFn | undefined }
  | { kind: 'call'; call: ReturnType<typeof planFor>; fn: RefTerm; args: DirectFn[]; output: Term | undefined; loc: Term['loc'] };

const GENERIC: ExprPlan = { kind: 'generic' };

/** Plans a term expression or a call statement (other expression kinds are generic). */
export function planExpr(ev: Evaluator, body: { kind: 'term'; term: Term } | { kind: 'call'; fn: RefTerm; args: Term[] }, loc: Term['loc']): ExprPlan {
  if (body.kind === 'term') {
    const value = directOf(ev, body.term);
    return value ? { kind: 'term', value } : GENERIC;
  }
  const name = ev.fnName(body.fn);
  if (name === 'eq' || name === 'assign') {
    const [left, right] = body.args as [Term, Term];
    const leftFn = right.type === 'var' ? directOf(ev, left) : undefined;
    const rightFn = left.type === 'var' ? directOf(ev, right) : undefined;
    return leftFn || rightFn ? { kind: 'unify', left, right, leftFn, rightFn } : GENERIC;
  }
  if (name === 'print' || name === 'internal.print') return GENERIC;
  const call = planFor(ev, body.fn, body.args, true);
  if (call.relation) return GENERIC;
  const args = directArgs(ev, call.inputs);
  if (!args) return GENERIC;
  const output = call.hasOutput ? body.args[body.args.length - 1] : undefined;
  return { kind: 'call', call, fn: body.fn, args, output, loc: loc ?? body.fn.loc };
}
