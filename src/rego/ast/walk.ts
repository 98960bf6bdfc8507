// Generic traversal of the AST for the compiler stages: a visitor over terms, expressions, `with`
// modifiers and rules (pre-order, a callback returning false skips the node's children), and a
// bottom-up rewrite of terms that copies only what changes.
import type { Body, Expr, ExprBody, Module, Rule, Term, VarTerm, With } from './types.js';

export interface AstVisitor {
  term?(t: Term): boolean | void;
  expr?(e: Expr): boolean | void;
  with?(w: With): boolean | void;
  rule?(r: Rule): boolean | void;
}

export interface WalkOptions {
  /** Descend into closures: comprehension bodies and `every` bodies (default true). */
  closures?: boolean;
}

export function walkTerm(t: Term, v: AstVisitor, opts: WalkOptions = {}): void {
  if (v.term?.(t) === false) return;
  const closures = opts.closures !== false;
  switch (t.type) {
    case 'ref':
      for (const x of t.terms) walkTerm(x, v, opts);
      return;
    case 'array':
    case 'set':
      for (const x of t.items) walkTerm(x, v, opts);
      return;
    case 'object':
      for (const [k, x] of t.items) {
        walkTerm(k, v, opts);
        walkTerm(x, v, opts);
      }
      return;
    case 'call':
      walkTerm(t.fn, v, opts);
      for (const x of t.args) walkTerm(x, v, opts);
      return;
    case 'template':
      t.parts.forEach((p, i) => {
        const expr = t.partExprs?.[i];
        if (expr) walkExpr(expr, v, opts);
        else if (typeof p !== 'string') walkTerm(p, v, opts);
      });
      return;
    case 'arraycomp':
    case 'setcomp':
      if (!closures) return;
      walkTerm(t.term, v, opts);
      walkBody(t.body, v, opts);
      return;
    case 'objectcomp':
      if (!closures) return;
      walkTerm(t.key, v, opts);
      walkTerm(t.value, v, opts);
      walkBody(t.body, v, opts);
      return;
    default:
      return;
  }
}

export function walkExpr(e: Expr, v: AstVisitor, opts: WalkOptions = {}): void {
  if (v.expr?.(e) === false) return;
  const b = e.body;
  switch (b.kind) {
    case 'term':
      walkTerm(b.term, v, opts);
      break;
    case 'call':
      walkTerm(b.fn, v, opts);
      for (const x of b.args) walkTerm(x, v, opts);
      break;
    case 'some':
      for (const x of b.vars) walkTerm(x, v, opts);
      break;
    case 'somein':
      if (b.key) walkTerm(b.key, v, opts);
      walkTerm(b.value, v, opts);
      walkTerm(b.collection, v, opts);
      break;
    case 'every':
      if (b.key) walkTerm(b.key, v, opts);
      walkTerm(b.value, v, opts);
      walkTerm(b.domain, v, opts);
      if (opts.closures !== false) walkBody(b.body, v, opts);
      break;
  }
  for (const w of e.with) {
    if (v.with?.(w) === false) continue;
    walkTerm(w.target, v, opts);
    walkTerm(w.value, v, opts);
  }
}

export function walkBody(body: Body, v: AstVisitor, opts: WalkOptions = {}): void {
  for (const e of body) walkExpr(e, v, opts);
}

/** A rule: head ref, arguments, key, value, body, then its else chain. */
export function walkRule(r: Rule, v: AstVisitor, opts: WalkOptions = {}): void {
  for (let rule: Rule | undefined = r; rule; rule = rule.else) {
    if (v.rule?.(rule) === false) continue;
    const h = rule.head;
    for (const t of h.ref) walkTerm(t, v, opts);
    for (const t of h.args ?? []) walkTerm(t, v, opts);
    if (h.key && !h.ref.includes(h.key)) walkTerm(h.key, v, opts);
    if (h.value) walkTerm(h.value, v, opts);
    walkBody(rule.body, v, opts);
  }
}

export function walkModule(m: Module, v: AstVisitor, opts: WalkOptions = {}): void {
  for (const r of m.rules) walkRule(r, v, opts);
}

/** Every var of a term, expression or body, in order (vars of ref heads such as `data` included). */
export function varsOf(node: Term | Expr | Body, opts: WalkOptions = {}): VarTerm[] {
  const out: VarTerm[] = [];
  const visitor: AstVisitor = {
    term: (t) => {
      if (t.type === 'var') out.push(t);
    },
  };
  if (Array.isArray(node)) walkBody(node, visitor, opts);
  else if ('body' in node && 'negated' in node) walkExpr(node, visitor, opts);
  else walkTerm(node, visitor, opts);
  return out;
}

/**
 * Rewrites a term bottom-up: `fn` sees each term after its children were rewritten and returns a
 * replacement, or undefined to keep it. Unchanged subtrees are returned as they are (not copied).
 */
export function mapTerm(t: Term, fn: (t: Term) => Term | undefined): Term {
  let out: Term = t;
  switch (t.type) {
    case 'ref': {
      const terms = mapAll(t.terms, fn);
      if (terms !== t.terms) out = { ...t, terms };
      break;
    }
    case 'array':
    case 'set': {
      const items = mapAll(t.items, fn);
      if (items !== t.items) out = { ...t, items };
      break;
    }
    case 'object': {
      let changed = false;
      const items = t.items.map(([k, x]): [Term, Term] => {
        const k2 = mapTerm(k, fn);
        const x2 = mapTerm(x, fn);
        if (k2 !== k || x2 !== x) changed = true;
        return [k2, x2];
      });
      if (changed) out = { ...t, items };
      break;
    }
    case 'call': {
      const fnRef = mapTerm(t.fn, fn);
      const args = mapAll(t.args, fn);
      if (fnRef !== t.fn || args !== t.args) out = { ...t, fn: fnRef.type === 'ref' ? fnRef : t.fn, args };
      break;
    }
    case 'template': {
      const parts = t.parts.map((p) => (typeof p === 'string' ? p : mapTerm(p, fn)));
      if (parts.some((p, i) => p !== t.parts[i])) out = { ...t, parts };
      break;
    }
    case 'arraycomp':
    case 'setcomp': {
      const term = mapTerm(t.term, fn);
      const body = mapBody(t.body, fn);
      if (term !== t.term || body !== t.body) out = { ...t, term, body };
      break;
    }
    case 'objectcomp': {
      const key = mapTerm(t.key, fn);
      const value = mapTerm(t.value, fn);
      const body = mapBody(t.body, fn);
      if (key !== t.key || value !== t.value || body !== t.body) out = { ...t, key, value, body };
      break;
    }
  }
  return fn(out) ?? out;
}

function mapAll(ts: Term[], fn: (t: Term) => Term | undefined): Term[] {
  let out: Term[] | undefined;
  for (let i = 0; i < ts.length; i++) {
    const m = mapTerm(ts[i]!, fn);
    if (m !== ts[i]) (out ??= ts.slice())[i] = m;
  }
  return out ?? ts;
}

/** Rewrites every term of an expression (see mapTerm); `some` vars are kept when they stay vars. */
export function mapExpr(e: Expr, fn: (t: Term) => Term | undefined): Expr {
  const b = e.body;
  let body: ExprBody = b;
  switch (b.kind) {
    case 'term': {
      const term = mapTerm(b.term, fn);
      if (term !== b.term) body = { kind: 'term', term };
      break;
    }
    case 'call': {
      const f = mapTerm(b.fn, fn);
      const args = mapAll(b.args, fn);
      if (f !== b.fn || args !== b.args) body = { kind: 'call', fn: f.type === 'ref' ? f : b.fn, args };
      break;
    }
    case 'some': {
      const vars = b.vars.map((x) => {
        const m = mapTerm(x, fn);
        return m.type === 'var' ? m : x;
      });
      if (vars.some((x, i) => x !== b.vars[i])) body = { kind: 'some', vars };
      break;
    }
    case 'somein': {
      const key = b.key && mapTerm(b.key, fn);
      const value = mapTerm(b.value, fn);
      const collection = mapTerm(b.collection, fn);
      if (key !== b.key || value !== b.value || collection !== b.collection) {
        body = key ? { kind: 'somein', key, value, collection } : { kind: 'somein', value, collection };
      }
      break;
    }
    case 'every': {
      const key = b.key && mapTerm(b.key, fn);
      const value = mapTerm(b.value, fn);
      const domain = mapTerm(b.domain, fn);
      const inner = mapBody(b.body, fn);
      if (key !== b.key || value !== b.value || domain !== b.domain || inner !== b.body) {
        body = key ? { kind: 'every', key, value, domain, body: inner } : { kind: 'every', value, domain, body: inner };
      }
      break;
    }
  }
  let withs = e.with;
  const mapped = e.with.map((w) => {
    const target = mapTerm(w.target, fn);
    const value = mapTerm(w.value, fn);
    return target === w.target && value === w.value ? w : { ...w, target: target.type === 'ref' ? target : w.target, value };
  });
  if (mapped.some((w, i) => w !== e.with[i])) withs = mapped;
  return body === b && withs === e.with ? e : { ...e, body, with: withs };
}

export function mapBody(body: Body, fn: (t: Term) => Term | undefined): Body {
  let out: Body | undefined;
  for (let i = 0; i < body.length; i++) {
    const m = mapExpr(body[i]!, fn);
    if (m !== body[i]) (out ??= body.slice())[i] = m;
  }
  return out ?? body;
}
