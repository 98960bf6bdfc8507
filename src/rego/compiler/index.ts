// The Rego compiler: an explicit, ordered stage table in the manner of OPA's compiler.
// Each stage reads and updates one CompileState; errors are collected, and compilation stops after
// the first stage that reported any (later stages assume the earlier ones succeeded).
import type { Body, Module, RefTerm, Rule, Term } from '../ast/types.js';
import type { BuiltinDecl } from '../builtins/types.js';
import { RegoError, combineErrors } from '../errors.js';
import { checkCalls, checkHeadCalls, checkKindConflicts, checkRecursion, functionNode } from './checks.js';
import { constantValue } from './constant.js';
import { buildIndex } from './indexing.js';
import { LocalRewriter } from './locals.js';
import { moduleNames, resolveBody, resolveRule, resolveFn } from './resolve.js';
import { SafetyChecker, fnName, type ArityLookup } from './safety.js';
import { childAt, headRef, newNode, packageKeys, splitHeadRef, type CompiledRule, type RuleClass, type RuleNode } from './tree.js';

export interface CompileState {
  modules: Module[];
  builtins: ReadonlyMap<string, BuiltinDecl>;
  root: RuleNode;
  errors: RegoError[];
  locals: LocalRewriter;
}

export interface Stage {
  name: string;
  run(state: CompileState): void;
}

export const STAGES: ReadonlyArray<Stage> = [
  // First: every later stage works on resolved refs (`p` → `data.pkg.p`, import aliases expanded),
  // so rule dependencies, function calls and safety can be judged on full paths.
  { name: 'resolveRefs', run: resolveRefs },
  // Grouping needs only package paths and heads; it comes before any check that looks rules up.
  { name: 'groupRules', run: groupRules },
  // Kind conflicts are judged per tree node, so they need the grouped tree.
  { name: 'checkRuleConflicts', run: (s) => checkKindConflicts(s.root, s.errors) },
  // Local rewriting after resolution (a shadowing local must not be taken for a rule) and before
  // safety (which must see each closure's own variables).
  { name: 'rewriteLocals', run: rewriteLocals },
  // Calls are checked once refs are resolved: a call is either a user function or a builtin.
  { name: 'checkCalls', run: checkAllCalls },
  // Safety needs call arities (which argument is an output) and closure scoping settled.
  { name: 'checkSafety', run: checkSafety },
  // Recursion is judged on resolved data refs between tree nodes.
  { name: 'checkRecursion', run: (s) => checkRecursion(s.root, s.errors) },
  // Constant rule values (lets evaluation stop at a rule's first solution).
  { name: 'foldConstants', run: foldConstants },
  // Last: indexes read the final, re-ordered bodies.
  { name: 'buildIndexes', run: (s) => indexNodes(s.root) },
];

function resolveRefs(s: CompileState): void {
  const rulesByPackage = new Map<string, Set<string>>();
  for (const m of s.modules) {
    const key = packageKeys(m).join('\u0000');
    let set = rulesByPackage.get(key);
    if (!set) rulesByPackage.set(key, (set = new Set()));
    for (const r of m.rules) set.add(headRef(r)[0]?.type === 'var' ? (headRef(r)[0] as { name: string }).name : r.head.name);
  }
  for (const m of s.modules) {
    const names = moduleNames(m, rulesByPackage.get(packageKeys(m).join('\u0000')) ?? new Set(), s.errors);
    for (const r of m.rules) {
      const name = r.head.name;
      if (name === 'data' || name === 'input') s.errors.push(new RegoError('rego_compile_error', `rules must not shadow ${name} (use a different rule name)`, r.loc));
      resolveRule(r, names);
    }
  }
}

function classify(rule: Rule): { kind: RuleClass; keys: string[]; suffix: Term[]; value: Term } {
  const { keys, suffix } = splitHeadRef(headRef(rule));
  const h = rule.head;
  const truth: Term = { type: 'boolean', value: true, loc: h.loc };
  if (h.kind === 'function') return { kind: 'function', keys, suffix, value: h.value ?? truth };
  if (h.kind === 'partialset') return { kind: 'set', keys, suffix, value: h.key ?? truth };
  return { kind: suffix.length === 0 ? 'complete' : 'object', keys, suffix, value: h.value ?? truth };
}

function compileRule(rule: Rule, m: Module, node: RuleNode): CompiledRule {
  const c = classify(rule);
  const out: CompiledRule = {
    rule,
    kind: c.kind,
    suffix: c.suffix,
    value: c.value,
    args: rule.head.args ?? [],
    body: rule.body,
    isDefault: rule.isDefault,
    module: m,
    node,
  };
  if (rule.else) {
    const e = compileRule(rule.else, m, node);
    // An else clause shares the head of its chain; only value and body differ.
    e.kind = out.kind;
    e.suffix = out.suffix;
    e.args = out.args;
    if (!rule.else.head.value && rule.else.head.kind !== 'function' && rule.else.head.ref.length === 0) e.value = { type: 'boolean', value: true };
    out.else = e;
  }
  return out;
}

function groupRules(s: CompileState): void {
  for (const m of s.modules) {
    const pkg = packageKeys(m);
    childAt(s.root, pkg, true);
    // A package is a (possibly empty) virtual document even without rules: data.a.b is {}.
    for (let n = 0, cur: RuleNode | undefined = s.root; cur; n++) {
      cur.hasRules = true;
      const k = pkg[n];
      cur = k === undefined ? undefined : cur.children.get(k);
    }
    for (const r of m.rules) {
      const c = classify(r);
      const node = childAt(s.root, [...pkg, ...c.keys], true)!;
      const compiled = compileRule(r, m, node);
      if (r.isDefault) node.defaults.push(compiled);
      else node.rules.push(compiled);
      if (c.kind === 'function') node.arity = compiled.args.length;
      for (let n = 0, cur = s.root; n <= pkg.length + c.keys.length; n++) {
        cur.hasRules = true;
        const k = [...pkg, ...c.keys][n];
        if (k === undefined) break;
        cur = cur.children.get(k) ?? cur;
      }
    }
  }
}

function rewriteLocals(s: CompileState): void {
  for (const m of s.modules) for (const r of m.rules) s.locals.rewriteRule(r);
}

function arityLookup(s: { root: RuleNode; builtins: ReadonlyMap<string, BuiltinDecl> }): ArityLookup {
  return (fn: RefTerm) => {
    const user = functionNode(s.root, fn);
    if (user) return { arity: user.arity ?? 0, variadic: false };
    const decl = s.builtins.get(fnName(fn));
    return decl ? { arity: decl.args.length, variadic: decl.variadic === true } : undefined;
  };
}

function checkAllCalls(s: CompileState): void {
  for (const m of s.modules) {
    for (const r of m.rules) {
      for (let cur: Rule | undefined = r; cur; cur = cur.else) {
        checkCalls(cur.body, s.root, s.builtins, s.errors);
        checkHeadCalls(cur.head.value, s.root, s.builtins, s.errors);
      }
    }
  }
}

function checkSafety(s: CompileState): void {
  const checker = new SafetyChecker(arityLookup(s), s.errors);
  for (const m of s.modules) for (const r of m.rules) checker.checkRule(r);
}

function foldConstants(s: CompileState): void {
  const visit = (node: RuleNode): void => {
    for (const r of [...node.rules, ...node.defaults]) {
      for (let c: CompiledRule | undefined = r; c; c = c.else) c.constValue = constantValue(c.value);
    }
    for (const child of node.children.values()) visit(child);
  };
  visit(s.root);
}

function indexNodes(node: RuleNode): void {
  node.index = buildIndex(node);
  for (const child of node.children.values()) indexNodes(child);
}

export interface CompiledModules {
  modules: Module[];
  root: RuleNode;
  builtins: ReadonlyMap<string, BuiltinDecl>;
}

/** Runs the stage table over parsed modules; throws a RegoError holding every error of the first failing stage. */
export function compileModules(modules: Module[], builtins: ReadonlyMap<string, BuiltinDecl>): CompiledModules {
  const state: CompileState = { modules, builtins, root: newNode([]), errors: [], locals: new LocalRewriter([]) };
  state.locals = new LocalRewriter(state.errors);
  for (const stage of STAGES) {
    stage.run(state);
    if (state.errors.length > 0) throw combineErrors(state.errors);
  }
  return { modules, root: state.root, builtins };
}

/** Compiles an ad-hoc query against compiled modules: resolution, locals, call checks, safety. */
export function compileQuery(body: Body, compiled: CompiledModules): Body {
  const errors: RegoError[] = [];
  resolveBody(body, { names: new Map(), locals: new Set() });
  new LocalRewriter(errors).rewriteQuery(body);
  checkCalls(body, compiled.root, compiled.builtins, errors);
  if (errors.length === 0) new SafetyChecker(arityLookup(compiled), errors).checkQuery(body);
  if (errors.length > 0) throw combineErrors(errors);
  return body;
}

export { resolveFn };
export type { CompiledRule, RuleNode } from './tree.js';
