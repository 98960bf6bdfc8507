// Safety and re-ordering of body expressions (OPA's reorderBodyForSafety): expressions are moved so
// that every variable is bound (by unification, a reference generator, `some … in` or a call's
// output) before an expression that needs it runs. A variable that no order can bind is reported
// as `rego_unsafe_var_error: var x is unsafe`. Closures are ordered recursively with the vars bound
// where they occur.
import type { Body, Expr, RefTerm, Rule, Term } from '../ast/types.js';
import { RegoError } from '../errors.js';
import { isAssign } from './resolve.js';
import { GLOBAL_ROOTS, classifyTerm, walkExpr, walkTerm, type ClosureUse, type VarUse } from './vars.js';

/** Number of inputs of a callable ref (user function or builtin); undefined when unknown. */
export type ArityLookup = (fn: RefTerm) => { arity: number; variadic: boolean } | undefined;

interface Analysis {
  missing: string[];
  outputs: string[];
}

export class SafetyChecker {
  constructor(
    private readonly arity: ArityLookup,
    private readonly errors: RegoError[],
  ) {}

  checkRule(rule: Rule): void {
    for (let cur: Rule | undefined = rule; cur; cur = cur.else) {
      const bound = new Set<string>();
      for (const a of cur.head.args ?? []) walkTerm(a, (v) => bound.add(v.name), false);
      const headVars = new Set<string>(bound);
      for (const t of [cur.head.value, cur.head.key, ...cur.head.ref.slice(1)]) if (t) walkTerm(t, (v) => headVars.add(v.name), false);
      this.clauseVars = headVars;
      const after = this.orderBody(cur.body, bound);
      const headTerms: Term[] = [];
      if (cur.head.value) headTerms.push(cur.head.value);
      if (cur.head.key) headTerms.push(cur.head.key);
      headTerms.push(...cur.head.ref.slice(1));
      for (const t of headTerms) {
        const uses: VarUse[] = [];
        const closures: ClosureUse[] = [];
        classifyTerm(t, 'need', uses, closures);
        // Generators in the head (`q := data.arr[_]`) bind their own vars.
        for (const u of uses) if (u.role !== 'gen' && !after.has(u.name)) this.unsafe(u.name, t.loc ?? cur.head.loc);
        this.orderClosuresIn(t, after);
      }
    }
  }

  /** Orders a query body; returns the vars bound at its end. */
  checkQuery(body: Body): Set<string> {
    this.clauseVars = new Set();
    return this.orderBody(body, new Set());
  }

  private unsafe(name: string, loc: Expr['loc']): void {
    if (this.errors.some((e) => e.code === 'rego_unsafe_var_error' && e.rawMessage === `var ${name} is unsafe`)) return;
    this.errors.push(new RegoError('rego_unsafe_var_error', `var ${name} is unsafe`, loc));
  }

  /** Re-orders `body` in place; returns the set of vars bound after it. */
  orderBody(body: Body, initial: ReadonlySet<string>): Set<string> {
    const saved = this.clauseVars;
    const scope = new Set(saved);
    for (const e of body) walkExpr(e, (v) => scope.add(v.name), false);
    this.clauseVars = scope;
    try {
      return this.orderBodyIn(body, initial);
    } finally {
      this.clauseVars = saved;
    }
  }

  private orderBodyIn(body: Body, initial: ReadonlySet<string>): Set<string> {
    const bound = new Set(initial);
    const pending = [...body];
    const ordered: Expr[] = [];
    while (pending.length > 0) {
      let picked = -1;
      for (let i = 0; i < pending.length; i++) {
        if (this.analyse(pending[i]!, bound).missing.length === 0) {
          picked = i;
          break;
        }
      }
      if (picked < 0) {
        for (const e of pending) for (const name of this.analyse(e, bound).missing) this.unsafe(name, e.loc);
        ordered.push(...pending);
        break;
      }
      const e = pending.splice(picked, 1)[0]!;
      const a = this.analyse(e, bound);
      this.orderClosuresInExpr(e, bound);
      ordered.push(e);
      if (!e.negated) for (const o of a.outputs) bound.add(o);
    }
    body.splice(0, body.length, ...ordered);
    return bound;
  }

  private orderClosuresInExpr(e: Expr, bound: Set<string>): void {
    const b = e.body;
    if (b.kind === 'term') this.orderClosuresIn(b.term, bound);
    else if (b.kind === 'call') b.args.forEach((t) => this.orderClosuresIn(t, bound));
    else if (b.kind === 'somein') this.orderClosuresIn(b.collection, bound);
    else if (b.kind === 'every') {
      this.orderClosuresIn(b.domain, bound);
      const inner = new Set(bound);
      if (b.key) walkTerm(b.key, (v) => inner.add(v.name), false);
      walkTerm(b.value, (v) => inner.add(v.name), false);
      this.orderBody(b.body, inner);
    }
    for (const w of e.with) this.orderClosuresIn(w.value, bound);
  }

  private orderClosuresIn(t: Term, bound: Set<string>): void {
    switch (t.type) {
      case 'arraycomp':
      case 'setcomp': {
        const after = this.orderBody(t.body, bound);
        this.requireBound(t.term, after);
        this.orderClosuresIn(t.term, after);
        return;
      }
      case 'objectcomp': {
        const after = this.orderBody(t.body, bound);
        this.requireBound(t.key, after);
        this.requireBound(t.value, after);
        return;
      }
      case 'ref':
        t.terms.forEach((x) => this.orderClosuresIn(x, bound));
        return;
      case 'array':
      case 'set':
        t.items.forEach((x) => this.orderClosuresIn(x, bound));
        return;
      case 'object':
        t.items.forEach(([k, v]) => (this.orderClosuresIn(k, bound), this.orderClosuresIn(v, bound)));
        return;
      case 'call':
        t.args.forEach((x) => this.orderClosuresIn(x, bound));
        return;
      case 'template':
        t.parts.forEach((p) => typeof p !== 'string' && this.orderClosuresIn(p, bound));
        return;
      default:
        return;
    }
  }

  private requireBound(t: Term, bound: Set<string>): void {
    const uses: VarUse[] = [];
    classifyTerm(t, 'need', uses, []);
    for (const u of uses) if (u.role !== 'gen' && !bound.has(u.name)) this.unsafe(u.name, t.loc);
  }

  /** What an expression still misses given `bound`, and what it binds. */
  analyse(e: Expr, bound: ReadonlySet<string>): Analysis {
    const uses: VarUse[] = [];
    const closures: ClosureUse[] = [];
    const b = e.body;
    let extraMissing: string[] = [];
    switch (b.kind) {
      case 'term':
        classifyTerm(b.term, 'need', uses, closures);
        break;
      case 'some':
        return { missing: [], outputs: [] };
      case 'somein':
        if (b.key) classifyTerm(b.key, 'pattern', uses, closures);
        classifyTerm(b.value, 'pattern', uses, closures);
        classifyTerm(b.collection, 'need', uses, closures);
        break;
      case 'every': {
        classifyTerm(b.domain, 'need', uses, closures);
        const local = new Set<string>();
        if (b.key) walkTerm(b.key, (v) => local.add(v.name), false);
        walkTerm(b.value, (v) => local.add(v.name), false);
        const vars = new Set<string>();
        for (const x of b.body) walkExprVars(x, vars);
        for (const l of local) vars.delete(l);
        closures.push({ vars });
        break;
      }
      case 'call': {
        const name = fnName(b.fn);
        if (name === 'eq' && b.args.length === 2) {
          const [l, r] = b.args as [Term, Term];
          classifyTerm(l, 'pattern', uses, closures);
          classifyTerm(r, 'pattern', uses, closures);
          const gens = new Set(bound);
          for (const u of uses) if (u.role === 'gen') gens.add(u.name);
          const res = unifyOutputs(l, r, gens);
          if (!res) {
            extraMissing = [...patternsOf(l), ...patternsOf(r)].filter((n) => !gens.has(n));
          }
          break;
        }
        if (isAssign(b.fn) && b.args.length === 2) {
          classifyTerm(b.args[0]!, 'pattern', uses, closures);
          classifyTerm(b.args[1]!, 'need', uses, closures);
          break;
        }
        const info = this.arity(b.fn);
        const hasOutput = info !== undefined && !info.variadic && b.args.length === info.arity + 1;
        b.args.forEach((a, i) => classifyTerm(a, hasOutput && i === b.args.length - 1 ? 'pattern' : 'need', uses, closures));
        break;
      }
    }
    for (const w of e.with) {
      // `with f as count`: a function name, not a variable.
      const ref: RefTerm | undefined = w.value.type === 'ref' ? w.value : w.value.type === 'var' ? { type: 'ref', terms: [w.value] } : undefined;
      if (ref && this.arity(ref) !== undefined) continue;
      classifyTerm(w.value, 'need', uses, closures);
    }
    const gens = new Set<string>();
    for (const u of uses) if (u.role !== 'need') gens.add(u.name);
    const missing = new Set<string>(extraMissing);
    for (const u of uses) if (u.role === 'need' && !bound.has(u.name) && !gens.has(u.name)) missing.add(u.name);
    // A closure captures the vars it shares with the clause; those must be bound first.
    for (const c of closures) for (const name of c.vars) if (!GLOBAL_ROOTS.has(name) && this.clauseVars.has(name) && !bound.has(name)) missing.add(name);
    return { missing: [...missing], outputs: [...gens] };
  }

  /** Names used in the enclosing clause outside closures; a closure captures only these. */
  private clauseVars: Set<string> = new Set();

}

function walkExprVars(e: Expr, out: Set<string>): void {
  const visit = (t: Term): void => walkTerm(t, (v) => out.add(v.name), true);
  const b = e.body;
  if (b.kind === 'term') visit(b.term);
  else if (b.kind === 'call') b.args.forEach(visit);
  else if (b.kind === 'somein') {
    if (b.key) visit(b.key);
    visit(b.value);
    visit(b.collection);
  } else if (b.kind === 'every') {
    visit(b.domain);
    b.body.forEach((x) => walkExprVars(x, out));
  } else if (b.kind === 'some') b.vars.forEach((v) => out.add(v.name));
  e.with.forEach((w) => visit(w.value));
}

export function fnName(fn: RefTerm): string {
  return fn.terms.map((t, i) => (t.type === 'var' ? t.name : t.type === 'string' ? (i === 0 ? t.value : t.value) : '?')).join('.');
}

function patternsOf(t: Term): string[] {
  const uses: VarUse[] = [];
  classifyTerm(t, 'pattern', uses, []);
  return uses.filter((u) => u.role === 'pattern').map((u) => u.name);
}

/** Whether `l = r` can run with `bound` (gens included); the vars it then binds. */
function unifyOutputs(l: Term, r: Term, bound: ReadonlySet<string>): string[] | undefined {
  const pl = patternsOf(l);
  const pr = patternsOf(r);
  if (pr.every((n) => bound.has(n))) return pl;
  if (pl.every((n) => bound.has(n))) return pr;
  if (l.type === 'array' && r.type === 'array' && l.items.length === r.items.length) {
    const b = new Set(bound);
    const out: string[] = [];
    const pairs = l.items.map((x, i) => [x, r.items[i]!] as const);
    let progress = true;
    const left = [...pairs];
    while (left.length > 0 && progress) {
      progress = false;
      for (let i = 0; i < left.length; i++) {
        const [a, c] = left[i]!;
        const o = unifyOutputs(a, c, b);
        if (o) {
          o.forEach((n) => (b.add(n), out.push(n)));
          left.splice(i, 1);
          progress = true;
          break;
        }
      }
    }
    return left.length === 0 ? out : undefined;
  }
  if (l.type === 'object' && r.type === 'object' && l.items.length === r.items.length) {
    const b = new Set(bound);
    const out: string[] = [];
    for (const [k, v] of l.items) {
      const other = r.items.find(([k2]) => sameConst(k, k2));
      if (!other) return undefined;
      const o = unifyOutputs(v, other[1], b);
      if (!o) return undefined;
      o.forEach((n) => (b.add(n), out.push(n)));
    }
    return out;
  }
  return undefined;
}

function sameConst(a: Term, b: Term): boolean {
  if (a.type === 'string' && b.type === 'string') return a.value === b.value;
  if (a.type === 'number' && b.type === 'number') return a.text === b.text;
  if (a.type === 'var' && b.type === 'var') return a.name === b.name;
  return JSON.stringify(a) === JSON.stringify(b);
}
