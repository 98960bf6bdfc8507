// Variable analysis shared by the compiler stages: which vars a term or expression mentions, and in
// which role (a pattern that unification can bind, a generator bound by iterating a reference, or
// an input that must already be bound). Closures (comprehensions, `every` bodies) are reported
// separately because only the vars they share with the enclosing clause matter outside.
import type { Body, Expr, Term, VarTerm } from '../ast/types.js';

export type VarRole = 'pattern' | 'gen' | 'need';

export interface VarUse {
  name: string;
  role: VarRole;
}

/** Names that are never local variables. */
export const GLOBAL_ROOTS = new Set(['data', 'input']);

export function isGeneratedVar(name: string): boolean {
  return name.startsWith('$') || name.startsWith('__local');
}

/** Every var name in a term, including inside closures. */
export function allTermVars(t: Term, out: Set<string> = new Set()): Set<string> {
  walkTerm(t, (v) => out.add(v.name), true);
  return out;
}

export function allBodyVars(body: Body, out: Set<string> = new Set()): Set<string> {
  for (const e of body) walkExpr(e, (v) => out.add(v.name), true);
  return out;
}

/** Visits every VarTerm (optionally descending into closures). Ref heads `data`/`input` included. */
export function walkTerm(t: Term, fn: (v: VarTerm) => void, closures: boolean): void {
  switch (t.type) {
    case 'var':
      fn(t);
      return;
    case 'ref':
      for (const x of t.terms) walkTerm(x, fn, closures);
      return;
    case 'array':
    case 'set':
      for (const x of t.items) walkTerm(x, fn, closures);
      return;
    case 'object':
      for (const [k, v] of t.items) {
        walkTerm(k, fn, closures);
        walkTerm(v, fn, closures);
      }
      return;
    case 'call':
      for (const x of t.args) walkTerm(x, fn, closures);
      return;
    case 'template':
      for (const p of t.parts) if (typeof p !== 'string') walkTerm(p, fn, closures);
      return;
    case 'arraycomp':
    case 'setcomp':
      if (!closures) return;
      walkTerm(t.term, fn, closures);
      for (const e of t.body) walkExpr(e, fn, closures);
      return;
    case 'objectcomp':
      if (!closures) return;
      walkTerm(t.key, fn, closures);
      walkTerm(t.value, fn, closures);
      for (const e of t.body) walkExpr(e, fn, closures);
      return;
    default:
      return;
  }
}

export function walkExpr(e: Expr, fn: (v: VarTerm) => void, closures: boolean): void {
  const b = e.body;
  switch (b.kind) {
    case 'term':
      walkTerm(b.term, fn, closures);
      break;
    case 'call':
      // The function's name is not a variable.
      for (const a of b.args) walkTerm(a, fn, closures);
      break;
    case 'some':
      for (const v of b.vars) fn(v);
      break;
    case 'somein':
      if (b.key) walkTerm(b.key, fn, closures);
      walkTerm(b.value, fn, closures);
      walkTerm(b.collection, fn, closures);
      break;
    case 'every':
      if (b.key) walkTerm(b.key, fn, closures);
      walkTerm(b.value, fn, closures);
      walkTerm(b.domain, fn, closures);
      if (closures) for (const x of b.body) walkExpr(x, fn, closures);
      break;
  }
  // `with` targets are paths or function names, not variables.
  for (const w of e.with) walkTerm(w.value, fn, closures);
}

/** A closure met while classifying: its var names (all of them, for capture analysis). */
export interface ClosureUse {
  vars: Set<string>;
}

/**
 * Classifies the var uses of a term evaluated in `role` position. Ref operands are generators,
 * call arguments and object keys are needed, closures are collected apart.
 */
export function classifyTerm(t: Term, role: VarRole, uses: VarUse[], closures: ClosureUse[]): void {
  switch (t.type) {
    case 'var':
      if (!GLOBAL_ROOTS.has(t.name)) uses.push({ name: t.name, role });
      return;
    case 'ref': {
      const [head, ...ops] = t.terms;
      if (head) classifyTerm(head, 'need', uses, closures);
      for (const op of ops) classifyTerm(op, 'gen', uses, closures);
      return;
    }
    case 'array':
      for (const x of t.items) classifyTerm(x, role, uses, closures);
      return;
    case 'set':
      for (const x of t.items) classifyTerm(x, role === 'gen' ? 'gen' : 'need', uses, closures);
      return;
    case 'object':
      for (const [k, v] of t.items) {
        classifyTerm(k, role === 'gen' ? 'gen' : 'need', uses, closures);
        classifyTerm(v, role, uses, closures);
      }
      return;
    case 'call':
      for (const a of t.args) classifyTerm(a, 'need', uses, closures);
      return;
    case 'template':
      for (const p of t.parts) if (typeof p !== 'string') classifyTerm(p, 'need', uses, closures);
      return;
    case 'arraycomp':
    case 'setcomp':
    case 'objectcomp':
      closures.push({ vars: allTermVars(t) });
      return;
    default:
      return;
  }
}

/** Vars a term can bind when unified against a value: the term itself if a var, composite items. */
export function patternVars(t: Term, out: Set<string> = new Set()): Set<string> {
  const uses: VarUse[] = [];
  classifyTerm(t, 'pattern', uses, []);
  for (const u of uses) if (u.role !== 'need') out.add(u.name);
  return out;
}

/** Vars a term needs bound before it can be evaluated to a value. */
export function neededVars(t: Term, bound: ReadonlySet<string>): string[] {
  const uses: VarUse[] = [];
  const closures: ClosureUse[] = [];
  classifyTerm(t, 'need', uses, closures);
  const out: string[] = [];
  for (const u of uses) if (u.role === 'need' && !bound.has(u.name)) out.push(u.name);
  return out;
}
