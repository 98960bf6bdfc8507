// Import and reference resolution: a var naming a rule of the package becomes `data.<pkg>.<name>`,
// an import alias becomes the imported ref, `data`/`input` stay roots and anything else (locals,
// builtin names such as `count` or `strings.replace_n`) is left as is.
import type { Body, Expr, Module, RefTerm, Rule, Term, VarTerm } from '../ast/types.js';
import { RegoError } from '../errors.js';
import { headRef, packageKeys } from './tree.js';

export interface Resolver {
  /** Name → replacement ref terms (package rules and import aliases). */
  names: Map<string, Term[]>;
  /** Names declared locally in the current rule (args, head vars, some, :=, `in` patterns). */
  locals: Set<string>;
}

function str(value: string, loc: Term['loc']): Term {
  return { type: 'string', value, loc };
}

/** The import and rule names visible in a module. */
export function moduleNames(m: Module, packageRules: ReadonlySet<string>, errors: RegoError[]): Map<string, Term[]> {
  const names = new Map<string, Term[]>();
  const pkg = packageKeys(m);
  for (const name of packageRules) {
    names.set(name, [{ type: 'var', name: 'data', loc: m.package.loc }, ...[...pkg, name].map((k) => str(k, m.package.loc))]);
  }
  for (const imp of m.imports) {
    const terms = imp.path.terms;
    const head = terms[0];
    if (!head || head.type !== 'var') continue;
    if (head.name !== 'data' && head.name !== 'input') continue; // future.keywords, rego.v1
    const last = terms[terms.length - 1];
    const alias = imp.alias ?? (last?.type === 'string' ? last.value : last?.type === 'var' ? last.name : undefined);
    if (!alias) continue;
    if (packageRules.has(alias) && imp.alias === undefined && terms.length > 1) {
      errors.push(new RegoError('rego_compile_error', `import must not shadow ${['data', ...pkg, alias].join('.')}`, imp.loc));
      continue;
    }
    if (names.has(alias) && !packageRules.has(alias)) {
      errors.push(new RegoError('rego_compile_error', `import must not shadow import ${alias}`, imp.loc));
    }
    names.set(alias, terms);
  }
  return names;
}

/** Declared local names of a rule: args, head ref vars, and every some/:=/in declaration. */
export function declaredLocals(rule: Rule): Set<string> {
  const out = new Set<string>();
  const addPattern = (t: Term | undefined): void => {
    if (!t) return;
    if (t.type === 'var') out.add(t.name);
    else if (t.type === 'array') t.items.forEach(addPattern);
    else if (t.type === 'object') t.items.forEach(([, v]) => addPattern(v));
  };
  for (const a of rule.head.args ?? []) addPattern(a);
  for (const t of headRef(rule).slice(1)) addPattern(t);
  if (rule.head.kind === 'partialset') addPattern(rule.head.key);
  const visitBody = (body: Body): void => {
    for (const e of body) visitExpr(e);
  };
  const visitTerm = (t: Term): void => {
    switch (t.type) {
      case 'arraycomp':
      case 'setcomp':
        visitBody(t.body);
        return;
      case 'objectcomp':
        visitBody(t.body);
        return;
      case 'ref':
        t.terms.forEach(visitTerm);
        return;
      case 'array':
      case 'set':
        t.items.forEach(visitTerm);
        return;
      case 'object':
        t.items.forEach(([k, v]) => (visitTerm(k), visitTerm(v)));
        return;
      case 'call':
        t.args.forEach(visitTerm);
        return;
      default:
        return;
    }
  };
  const visitExpr = (e: Expr): void => {
    const b = e.body;
    if (b.kind === 'some') b.vars.forEach((v) => out.add(v.name));
    else if (b.kind === 'somein') {
      addPattern(b.key);
      addPattern(b.value);
      visitTerm(b.collection);
    } else if (b.kind === 'every') {
      addPattern(b.key);
      addPattern(b.value);
      visitTerm(b.domain);
      visitBody(b.body);
    } else if (b.kind === 'call') {
      if (isAssign(b.fn)) addPattern(b.args[0]);
      b.args.forEach(visitTerm);
    } else visitTerm(b.term);
  };
  visitBody(rule.body);
  for (let r = rule.else; r; r = r.else) visitBody(r.body);
  return out;
}

export function isAssign(fn: RefTerm): boolean {
  const h = fn.terms[0];
  return fn.terms.length === 1 && h?.type === 'var' && h.name === 'assign';
}

/** Rewrites one term, returning its replacement. */
export function resolveTerm(t: Term, r: Resolver): Term {
  switch (t.type) {
    case 'var': {
      if (r.locals.has(t.name)) return t;
      const repl = r.names.get(t.name);
      return repl ? { type: 'ref', terms: repl.map((x) => ({ ...x, loc: t.loc ?? x.loc })), loc: t.loc } : t;
    }
    case 'ref': {
      const [head, ...rest] = t.terms;
      if (!head) return t;
      const ops = rest.map((x) => resolveTerm(x, r));
      if (head.type === 'var') {
        const repl = !r.locals.has(head.name) ? r.names.get(head.name) : undefined;
        if (repl) return { type: 'ref', terms: [...repl.map((x) => ({ ...x, loc: head.loc ?? x.loc })), ...ops], loc: t.loc };
        return { type: 'ref', terms: [head, ...ops], loc: t.loc };
      }
      return { type: 'ref', terms: [resolveTerm(head, r), ...ops], loc: t.loc };
    }
    case 'array':
    case 'set':
      t.items = t.items.map((x) => resolveTerm(x, r));
      return t;
    case 'object':
      t.items = t.items.map(([k, v]) => [resolveTerm(k, r), resolveTerm(v, r)]);
      return t;
    case 'call':
      t.fn = resolveFn(t.fn, r);
      t.args = t.args.map((x) => resolveTerm(x, r));
      return t;
    case 'template':
      t.parts = t.parts.map((p) => (typeof p === 'string' ? p : resolveTerm(p, r)));
      for (const pe of t.partExprs ?? []) if (pe) resolveWiths(pe, r);
      return t;
    case 'arraycomp':
    case 'setcomp':
      t.term = resolveTerm(t.term, r);
      resolveBody(t.body, r);
      return t;
    case 'objectcomp':
      t.key = resolveTerm(t.key, r);
      t.value = resolveTerm(t.value, r);
      resolveBody(t.body, r);
      return t;
    default:
      return t;
  }
}

/** A function reference: a local function name or alias becomes a data ref; builtins stay. */
export function resolveFn(fn: RefTerm, r: Resolver): RefTerm {
  const head = fn.terms[0];
  if (head?.type !== 'var') return fn;
  const repl = r.names.get(head.name);
  if (!repl) return fn;
  return { type: 'ref', terms: [...repl.map((x) => ({ ...x, loc: head.loc ?? x.loc })), ...fn.terms.slice(1)], loc: fn.loc };
}

export function resolveBody(body: Body, r: Resolver): void {
  for (const e of body) resolveExpr(e, r);
}

function resolveExpr(e: Expr, r: Resolver): void {
  const b = e.body;
  switch (b.kind) {
    case 'term':
      b.term = resolveTerm(b.term, r);
      break;
    case 'call':
      b.fn = resolveFn(b.fn, r);
      b.args = b.args.map((x) => resolveTerm(x, r));
      break;
    case 'somein':
      if (b.key) b.key = resolveTerm(b.key, r);
      b.value = resolveTerm(b.value, r);
      b.collection = resolveTerm(b.collection, r);
      break;
    case 'every':
      if (b.key) b.key = resolveTerm(b.key, r);
      b.value = resolveTerm(b.value, r);
      b.domain = resolveTerm(b.domain, r);
      resolveBody(b.body, r);
      break;
    case 'some':
      break;
  }
  resolveWiths(e, r);
}

function resolveWiths(e: Expr, r: Resolver): void {
  for (const w of e.with) {
    const head = w.target.terms[0];
    // `with input...`/`with data...` targets are paths; others name functions or builtins.
    if (head?.type === 'var' && head.name !== 'input' && head.name !== 'data') w.target = resolveFn(w.target, r);
    w.value = resolveTerm(w.value, r);
  }
}

export function resolveRule(rule: Rule, names: Map<string, Term[]>): void {
  const r: Resolver = { names, locals: declaredLocals(rule) };
  for (let cur: Rule | undefined = rule; cur; cur = cur.else) {
    const h = cur.head;
    if (h.value) h.value = resolveTerm(h.value, r);
    if (h.key && h.kind === 'partialset') h.key = resolveTerm(h.key, r);
    h.ref = h.ref.map((t, i) => (i === 0 ? t : resolveTerm(t, r)));
    resolveBody(cur.body, r);
  }
}

export type { VarTerm };
