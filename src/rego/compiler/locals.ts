// Local variable rewriting: variables declared inside a closure (comprehension or `every` body)
// with `some`, `:=` or an `in` pattern get a fresh `__localN__` name when the enclosing clause uses
// the same name, so the closure's variable shadows instead of joining the outer one. Also rejects
// `:=` on an already declared var in the same body (OPA: `var x assigned above`).
import type { Body, Expr, Rule, Term, VarTerm } from '../ast/types.js';
import { RegoError } from '../errors.js';
import { isAssign } from './resolve.js';
import { walkExpr, walkTerm } from './vars.js';

export class LocalRewriter {
  private counter = 0;
  constructor(private readonly errors: RegoError[]) {}

  rewriteRule(rule: Rule): void {
    this.liftArgTemplates(rule);
    for (let cur: Rule | undefined = rule; cur; cur = cur.else) {
      const outer = new Set<string>();
      for (const a of cur.head.args ?? []) walkTerm(a, (v) => outer.add(v.name), false);
      for (const t of cur.head.ref.slice(1)) walkTerm(t, (v) => outer.add(v.name), false);
      if (cur.head.key) walkTerm(cur.head.key, (v) => outer.add(v.name), false);
      if (cur.head.value) walkTerm(cur.head.value, (v) => outer.add(v.name), false);
      this.separateLateDeclarations(cur);
      this.rewriteBody(cur.body, outer, new Set(cur.head.args ? [...outer] : []));
      if (cur.head.value) this.rewriteClosuresInTerm(cur.head.value, this.bodyVars(cur.body, outer));
      if (cur.head.key) this.rewriteClosuresInTerm(cur.head.key, this.bodyVars(cur.body, outer));
    }
  }

  /** `f($"{x}") := …`: the argument becomes a fresh var unified with the template after the body. */
  private liftArgTemplates(rule: Rule): void {
    const args = rule.head.args;
    if (!args) return;
    args.forEach((a, i) => {
      if (a.type !== 'template') return;
      const v: VarTerm = { type: 'var', name: `__local${this.counter++}__`, loc: a.loc };
      args[i] = v;
      const fn: Term = { type: 'ref', terms: [{ type: 'var', name: 'eq' }] };
      rule.body.push({ negated: false, body: { kind: 'call', fn: fn, args: [{ ...v }, a] }, with: [], index: rule.body.length, loc: a.loc });
    });
  }

  /**
   * `y := {x | xs[x]}; x := count(y)`: the closure's x came first, so it is the closure's own; the
   * later `x :=` declares a new outer var (renamed from there on, head included), as OPA does.
   */
  private separateLateDeclarations(rule: Rule): void {
    const inClosures = new Set<string>();
    for (let i = 0; i < rule.body.length; i++) {
      const e = rule.body[i]!;
      const b = e.body;
      if (b.kind === 'call' && isAssign(b.fn) && b.args[0]) {
        const late: string[] = [];
        walkTerm(b.args[0], (v) => inClosures.has(v.name) && late.push(v.name), false);
        if (late.length > 0) {
          const renames = new Map(late.map((n) => [n, `__local${this.counter++}__`]));
          for (const x of rule.body.slice(i)) renameExpr(x, renames);
          for (const t of [rule.head.value, rule.head.key, ...rule.head.ref.slice(1)]) if (t) renameTerm(t, renames);
        }
      }
      closureVars(e, inClosures);
    }
  }

  /** Rewrites a query body (no enclosing clause). */
  rewriteQuery(body: Body): void {
    this.rewriteBody(body, new Set(), new Set());
  }

  private bodyVars(body: Body, extra: Set<string>): Set<string> {
    const s = new Set(extra);
    for (const e of body) walkExpr(e, (v) => s.add(v.name), false);
    return s;
  }

  /**
   * `enclosing` holds names of the clause outside this body; `declared` the names already declared
   * with := in this body (for the redeclaration check).
   */
  private rewriteBody(body: Body, enclosing: Set<string>, declared: Set<string>): void {
    const here = this.bodyVars(body, enclosing);
    const referenced = new Set<string>();
    const someVars = new Set<string>();
    const args = new Set(declared);
    for (const e of body) {
      const b = e.body;
      if (b.kind === 'call' && isAssign(b.fn)) {
        const lhs = b.args[0];
        if (lhs) {
          walkTerm(
            lhs,
            (v) => {
              if (v.name.startsWith('$')) return;
              // OPA's rewriteDeclaredVar messages.
              const how = args.has(v.name) ? `arg ${v.name} redeclared` : someVars.has(v.name) ? `var ${v.name} declared above` : declared.has(v.name) ? `var ${v.name} assigned above` : undefined;
              if (how) this.errors.push(new RegoError('rego_compile_error', how, v.loc ?? e.loc));
              else if (referenced.has(v.name)) this.errors.push(new RegoError('rego_compile_error', `var ${v.name} referenced above`, v.loc ?? e.loc));
              declared.add(v.name);
            },
            false,
          );
        }
      } else if (b.kind === 'some') for (const v of b.vars) someVars.add(v.name);
      walkExpr(e, (v) => referenced.add(v.name), false);
      this.rewriteClosuresInExpr(e, here);
    }
  }

  private rewriteClosuresInExpr(e: Expr, outer: Set<string>): void {
    const b = e.body;
    const terms: Term[] = [];
    if (b.kind === 'term') terms.push(b.term);
    else if (b.kind === 'call') terms.push(...b.args);
    else if (b.kind === 'somein') terms.push(b.collection);
    else if (b.kind === 'every') {
      terms.push(b.domain);
      const names = new Set<string>();
      if (b.key) walkTerm(b.key, (v) => names.add(v.name), false);
      walkTerm(b.value, (v) => names.add(v.name), false);
      for (const x of b.body) collectDeclared(x, names);
      const renames = this.renamesFor(names, outer);
      if (b.key) renameTerm(b.key, renames);
      renameTerm(b.value, renames);
      for (const x of b.body) renameExpr(x, renames);
      const inner = new Set([...outer, ...names]);
      this.rewriteBody(b.body, inner, new Set());
    }
    for (const w of e.with) terms.push(w.value);
    for (const t of terms) this.rewriteClosuresInTerm(t, outer);
  }

  rewriteClosuresInTerm(t: Term, outer: Set<string>): void {
    switch (t.type) {
      case 'arraycomp':
      case 'setcomp':
      case 'objectcomp': {
        const names = new Set<string>();
        for (const x of t.body) collectDeclared(x, names);
        const renames = this.renamesFor(names, outer);
        for (const x of t.body) renameExpr(x, renames);
        if (t.type === 'objectcomp') {
          renameTerm(t.key, renames);
          renameTerm(t.value, renames);
        } else renameTerm(t.term, renames);
        const inner = new Set(outer);
        if (t.type === 'objectcomp') {
          walkTerm(t.key, (v) => inner.add(v.name), false);
          walkTerm(t.value, (v) => inner.add(v.name), false);
        } else walkTerm(t.term, (v) => inner.add(v.name), false);
        this.rewriteBody(t.body, inner, new Set());
        return;
      }
      case 'ref':
        t.terms.forEach((x) => this.rewriteClosuresInTerm(x, outer));
        return;
      case 'array':
      case 'set':
        t.items.forEach((x) => this.rewriteClosuresInTerm(x, outer));
        return;
      case 'object':
        t.items.forEach(([k, v]) => (this.rewriteClosuresInTerm(k, outer), this.rewriteClosuresInTerm(v, outer)));
        return;
      case 'call':
        t.args.forEach((x) => this.rewriteClosuresInTerm(x, outer));
        return;
      case 'template':
        t.parts.forEach((p) => typeof p !== 'string' && this.rewriteClosuresInTerm(p, outer));
        return;
      default:
        return;
    }
  }

  private renamesFor(names: Set<string>, outer: Set<string>): Map<string, string> {
    const m = new Map<string, string>();
    for (const n of names) if (outer.has(n) && !n.startsWith('$')) m.set(n, `__local${this.counter++}__`);
    return m;
  }
}

/** Vars that occur inside the closures (comprehensions, `every` bodies) of an expression. */
function closureVars(e: Expr, out: Set<string>): void {
  const visit = (t: Term): void => {
    switch (t.type) {
      case 'arraycomp':
      case 'setcomp':
      case 'objectcomp':
        walkTerm(t, (v) => out.add(v.name), true);
        return;
      case 'ref':
        t.terms.forEach(visit);
        return;
      case 'array':
      case 'set':
        t.items.forEach(visit);
        return;
      case 'object':
        t.items.forEach(([k, v]) => (visit(k), visit(v)));
        return;
      case 'call':
        t.args.forEach(visit);
        return;
      case 'template':
        t.parts.forEach((p) => typeof p !== 'string' && visit(p));
        return;
      default:
        return;
    }
  };
  const b = e.body;
  if (b.kind === 'term') visit(b.term);
  else if (b.kind === 'call') b.args.forEach(visit);
  else if (b.kind === 'somein') visit(b.collection);
  else if (b.kind === 'every') for (const x of b.body) walkExpr(x, (v) => out.add(v.name), true);
  e.with.forEach((w) => visit(w.value));
}

/** Names declared directly in this body (not in nested closures). */
function collectDeclared(e: Expr, out: Set<string>): void {
  const b = e.body;
  const add = (t: Term | undefined): void => {
    if (t) walkTerm(t, (v) => out.add(v.name), false);
  };
  if (b.kind === 'some') b.vars.forEach((v) => out.add(v.name));
  else if (b.kind === 'somein') {
    add(b.key);
    add(b.value);
  } else if (b.kind === 'call' && isAssign(b.fn)) add(b.args[0]);
}

function renameTerm(t: Term, renames: Map<string, string>): void {
  if (renames.size === 0) return;
  walkTerm(t, (v: VarTerm) => {
    const n = renames.get(v.name);
    if (n) v.name = n;
  }, true);
}

function renameExpr(e: Expr, renames: Map<string, string>): void {
  if (renames.size === 0) return;
  walkExpr(e, (v: VarTerm) => {
    const n = renames.get(v.name);
    if (n) v.name = n;
  }, true);
}
