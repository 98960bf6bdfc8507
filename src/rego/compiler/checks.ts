// Compile checks that only read the program: rule kind conflicts, builtin/function existence and
// arity (with Rego v1's deprecated builtins rejected), and recursion between rules.
import type { Body, Expr, RefTerm, Term } from '../ast/types.js';
import type { BuiltinDecl, RType } from '../builtins/types.js';
import { RegoError } from '../errors.js';
import { fnName } from './safety.js';
import { childAt, pathText, type CompiledRule, type RuleNode } from './tree.js';
import { walkTerm } from './vars.js';

/** Deprecated builtins that Rego v1 rejects. */
export const DEPRECATED_BUILTINS = new Set([
  'all',
  'any',
  'cast_array',
  'cast_boolean',
  'cast_null',
  'cast_object',
  'cast_set',
  'cast_string',
  'net.cidr_overlap',
  're_match',
  'set_diff',
]);

export function* allNodes(node: RuleNode): Generator<RuleNode> {
  yield node;
  for (const c of node.children.values()) yield* allNodes(c);
}

/** One node may hold one kind of rule; functions must agree on arity; one default at most. */
export function checkKindConflicts(root: RuleNode, errors: RegoError[]): void {
  for (const node of allNodes(root)) {
    const all = [...node.rules, ...node.defaults];
    if (all.length === 0) continue;
    const kinds = new Set(all.map((r) => (r.kind === 'object' || r.suffix.length > 0 ? 'multi' : r.kind)));
    const first = all[0]!;
    if (kinds.size > 1) {
      errors.push(new RegoError('rego_type_error', `conflicting rules ${pathText(node.path)} found`, first.rule.loc));
      continue;
    }
    if (node.defaults.length > 1) {
      errors.push(new RegoError('rego_type_error', `multiple default rules ${pathText(node.path)} found`, node.defaults[1]!.rule.loc));
    }
    const arities = new Set(all.filter((r) => r.kind === 'function').map((r) => r.args.length));
    if (arities.size > 1) errors.push(new RegoError('rego_type_error', `conflicting rules ${pathText(node.path)} found`, first.rule.loc));
    if (first.kind === 'complete' && node.children.size > 0 && [...node.children.values()].some((c) => c.hasRules)) {
      errors.push(new RegoError('rego_type_error', `rule ${pathText(node.path)} conflicts with rules below it`, first.rule.loc));
    }
  }
}

/** Looks up the user-function node a resolved `data.…` ref names. */
export function functionNode(root: RuleNode, fn: RefTerm): RuleNode | undefined {
  const [head, ...rest] = fn.terms;
  if (head?.type !== 'var' || head.name !== 'data') return undefined;
  const keys: string[] = [];
  for (const t of rest) {
    if (t.type !== 'string') return undefined;
    keys.push(t.value);
  }
  const node = childAt(root, keys, false);
  return node && node.arity !== undefined ? node : undefined;
}

/** Every call must name a builtin or a user function, with a matching number of operands. */
export function checkCalls(body: Body, root: RuleNode, builtins: ReadonlyMap<string, BuiltinDecl>, errors: RegoError[]): void {
  const checkCall = (fn: RefTerm, argc: number, statement: boolean, loc: Expr['loc']): void => {
    const name = fnName(fn);
    if (name === 'eq' || name === 'assign') return;
    if (DEPRECATED_BUILTINS.has(name)) {
      errors.push(new RegoError('rego_type_error', `deprecated built-in function calls in expression: ${name}`, loc ?? fn.loc));
      return;
    }
    const user = functionNode(root, fn);
    if (user) {
      const arity = user.arity ?? 0;
      if (argc !== arity && !(statement && argc === arity + 1)) {
        errors.push(new RegoError('rego_type_error', `${name}: arity mismatch\n\thave: ${argc} operands\n\twant: ${arity}`, loc ?? fn.loc));
      }
      return;
    }
    const head = fn.terms[0];
    if (head?.type === 'var' && head.name === 'data') return; // a rule ref that is not a function: undefined at run time
    const decl = builtins.get(name);
    if (!decl) {
      errors.push(new RegoError('rego_type_error', `undefined function ${name}`, loc ?? fn.loc));
      return;
    }
    if (decl.variadic) return;
    const arity = decl.args.length;
    if (argc !== arity && !(statement && argc === arity + 1)) {
      const msg = argc < arity ? 'too few arguments' : 'too many arguments';
      errors.push(new RegoError('rego_type_error', `${name}: ${msg}`, loc ?? fn.loc));
    }
  };
  const checkOperandTypes = (fn: RefTerm, args: Term[], loc: Expr['loc']): void => {
    const decl = functionNode(root, fn) ? undefined : builtins.get(fnName(fn));
    if (!decl || decl.variadic) return;
    decl.args.forEach((a, i) => {
      const t = args[i];
      const kind = t ? literalKind(t) : undefined;
      if (kind && !accepts(a.type, kind)) {
        errors.push(new RegoError('rego_type_error', `${decl.name}: invalid argument(s): operand ${i + 1} must be ${typeText(a.type)} but got ${kind}`, loc ?? fn.loc));
      }
    });
  };
  const visitTerm = (t: Term): void => {
    switch (t.type) {
      case 'call':
        checkCall(t.fn, t.args.length, false, t.loc);
        checkOperandTypes(t.fn, t.args, t.loc);
        t.args.forEach(visitTerm);
        return;
      case 'ref':
      case 'array':
      case 'set':
        (t.type === 'ref' ? t.terms : t.items).forEach(visitTerm);
        return;
      case 'object':
        t.items.forEach(([k, v]) => (visitTerm(k), visitTerm(v)));
        return;
      case 'arraycomp':
      case 'setcomp':
        visitTerm(t.term);
        visitBody(t.body);
        return;
      case 'objectcomp':
        visitTerm(t.key);
        visitTerm(t.value);
        visitBody(t.body);
        return;
      case 'template':
        t.parts.forEach((p) => typeof p !== 'string' && visitTerm(p));
        return;
      default:
        return;
    }
  };
  const visitBody = (b: Body): void => {
    for (const e of b) {
      const x = e.body;
      if (x.kind === 'call') {
        checkCall(x.fn, x.args.length, true, e.loc);
        checkOperandTypes(x.fn, x.args, e.loc);
        x.args.forEach(visitTerm);
      } else if (x.kind === 'term') visitTerm(x.term);
      else if (x.kind === 'somein') visitTerm(x.collection);
      else if (x.kind === 'every') {
        visitTerm(x.domain);
        visitBody(x.body);
      }
      for (const w of e.with) visitTerm(w.value);
    }
  };
  visitBody(body);
}

type LiteralKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'set' | 'object';

/** The type of a literal operand (composites count by their shape only), else undefined. */
function literalKind(t: Term): LiteralKind | undefined {
  switch (t.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
    case 'array':
    case 'set':
    case 'object':
      return t.type;
    default:
      return undefined;
  }
}

/** Whether a declared operand type admits a literal of this kind (the basic check OPA's checker makes). */
function accepts(type: RType, kind: LiteralKind): boolean {
  if (type.kind === 'any') return !type.of || type.of.length === 0 || type.of.some((x) => accepts(x, kind));
  return type.kind === kind;
}

function typeText(type: RType): string {
  if (type.kind === 'any') return type.of && type.of.length > 0 ? `any<${type.of.map(typeText).join(', ')}>` : 'any';
  return type.kind;
}

export function checkHeadCalls(t: Term | undefined, root: RuleNode, builtins: ReadonlyMap<string, BuiltinDecl>, errors: RegoError[]): void {
  if (t) checkCalls([{ negated: false, body: { kind: 'term', term: t }, with: [], index: 0 }], root, builtins, errors);
}

/** Nodes a rule depends on: every rule node its data refs (and function calls) may reach. */
function dependencies(rule: CompiledRule, root: RuleNode): Set<RuleNode> {
  const deps = new Set<RuleNode>();
  const visitRef = (terms: Term[]): void => {
    const head = terms[0];
    if (head?.type !== 'var' || head.name !== 'data') return;
    let node: RuleNode | undefined = root;
    for (const t of terms.slice(1)) {
      if (node.rules.length > 0 || node.defaults.length > 0) break;
      // A dynamic key (`data[x]`) could reach anything below; like OPA, it is not counted as a
      // dependency (a cycle through it is caught at evaluation time instead).
      if (t.type !== 'string') return;
      const next: RuleNode | undefined = node.children.get(t.value);
      if (!next) return;
      node = next;
    }
    if (node.rules.length > 0 || node.defaults.length > 0) deps.add(node);
    else for (const n of allNodes(node)) if (n.rules.length > 0) deps.add(n);
  };
  const visit = (t: Term): void => {
    if (t.type === 'ref') visitRef(t.terms);
    if (t.type === 'call') visitRef(t.fn.terms);
  };
  const all: Term[] = [rule.value, ...rule.suffix, ...rule.args];
  for (let r: CompiledRule | undefined = rule; r; r = r.else) {
    all.push(r.value);
    for (const e of r.body) {
      const b = e.body;
      if (b.kind === 'call') {
        visitRef(b.fn.terms);
        all.push(...b.args);
      } else if (b.kind === 'term') all.push(b.term);
      else if (b.kind === 'somein') all.push(b.collection);
      else if (b.kind === 'every') all.push(b.domain, { type: 'arraycomp', term: { type: 'null' }, body: b.body });
      for (const w of e.with) all.push(w.value);
    }
  }
  for (const t of all) walkAllTerms(t, visit);
  return deps;
}

function walkAllTerms(t: Term, fn: (t: Term) => void): void {
  fn(t);
  switch (t.type) {
    case 'ref':
      t.terms.forEach((x) => walkAllTerms(x, fn));
      return;
    case 'array':
    case 'set':
      t.items.forEach((x) => walkAllTerms(x, fn));
      return;
    case 'object':
      t.items.forEach(([k, v]) => (walkAllTerms(k, fn), walkAllTerms(v, fn)));
      return;
    case 'call':
      t.args.forEach((x) => walkAllTerms(x, fn));
      return;
    case 'template':
      t.parts.forEach((p) => typeof p !== 'string' && walkAllTerms(p, fn));
      return;
    case 'arraycomp':
    case 'setcomp':
    case 'objectcomp': {
      if (t.type === 'objectcomp') {
        walkAllTerms(t.key, fn);
        walkAllTerms(t.value, fn);
      } else walkAllTerms(t.term, fn);
      for (const e of t.body) {
        const b = e.body;
        if (b.kind === 'call') {
          fn({ type: 'call', fn: b.fn, args: [] });
          b.args.forEach((x) => walkAllTerms(x, fn));
        } else if (b.kind === 'term') walkAllTerms(b.term, fn);
        else if (b.kind === 'somein') walkAllTerms(b.collection, fn);
        else if (b.kind === 'every') {
          walkAllTerms(b.domain, fn);
          walkAllTerms({ type: 'arraycomp', term: { type: 'null' }, body: b.body }, fn);
        }
        for (const w of e.with) walkAllTerms(w.value, fn);
      }
      return;
    }
    default:
      return;
  }
}

/** Rejects cycles in the rule dependency graph (`rego_recursion_error`). */
export function checkRecursion(root: RuleNode, errors: RegoError[]): void {
  const graph = new Map<RuleNode, Set<RuleNode>>();
  for (const node of allNodes(root)) {
    if (node.rules.length === 0 && node.defaults.length === 0) continue;
    const deps = new Set<RuleNode>();
    for (const r of [...node.rules, ...node.defaults]) for (const d of dependencies(r, root)) deps.add(d);
    graph.set(node, deps);
  }
  const state = new Map<RuleNode, 1 | 2>();
  const stack: RuleNode[] = [];
  const reported = new Set<RuleNode>();
  const visit = (n: RuleNode): void => {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      const s = state.get(d);
      if (s === 1) {
        if (!reported.has(d)) {
          reported.add(d);
          const cycle = stack.slice(stack.indexOf(d)).concat(d).map((x) => pathText(x.path));
          const loc = d.rules[0]?.rule.loc;
          errors.push(new RegoError('rego_recursion_error', `rule ${pathText(d.path)} is recursive: ${cycle.join(' -> ')}`, loc));
        }
      } else if (s === undefined) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
}

export { walkTerm };
