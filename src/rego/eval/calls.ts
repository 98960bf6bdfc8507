// Calls: user functions, builtins through ONE error wrapper, `with` replacements, and print.
import type { Location, RefTerm, Term } from '../ast/types.js';
import { functionNode } from '../compiler/checks.js';
import { ConflictFailure, TypeErrorOperand, TypeErrorText, type BuiltinDecl } from '../builtins/types.js';
import { RegoError } from '../errors.js';
import { RSet, toJSONText, valueKey, type Value } from '../value/types.js';
import type { Evaluator, Frame, K } from './evaluator.js';
import type { RuleNode } from '../compiler/tree.js';
import { evalFunction } from './rules.js';
import { newCaches } from './context.js';
import { formatForPrint } from './template.js';

/** What a call site resolves to, computed once per site (the program does not change). */
export interface CallPlan {
  name: string;
  node: RuleNode | undefined;
  decl: BuiltinDecl | undefined;
  relation: boolean;
  hasOutput: boolean;
  inputs: Term[];
  /** Evaluation order of inputs (generators before plain vars), or undefined for left to right. */
  order: number[] | undefined;
}

const plans = new WeakMap<Term[], CallPlan>();

/** Builtins OPA declares as relations (`walk`) carry `relation: true` (see builtins/lib-a/util.ts). */
function isRelationDecl(decl: BuiltinDecl | undefined): boolean {
  return decl !== undefined && 'relation' in decl && decl.relation === true;
}
const fnNodes = new WeakMap<RefTerm, RuleNode | null>();

export function planFor(ev: Evaluator, fn: RefTerm, argTerms: Term[], statement: boolean): CallPlan {
  let plan = plans.get(argTerms);
  if (plan) return plan;
  const name = ev.fnName(fn);
  const node = functionNode(ev.compiled.root, fn);
  const decl = node ? undefined : ev.compiled.builtins.get(name);
  const arity = node ? node.arity : decl && !decl.variadic ? decl.args.length : undefined;
  const hasOutput = statement && arity !== undefined && argTerms.length === arity + 1;
  const inputs = hasOutput ? argTerms.slice(0, -1) : argTerms;
  // Generators first: `x == a[x]` binds x through the reference before the plain var is read.
  let order: number[] | undefined;
  if (inputs.some((t) => t.type === 'var') && inputs.some((t) => t.type !== 'var')) {
    order = inputs.map((_t, i) => i).sort((a, b) => Number(inputs[a]!.type === 'var') - Number(inputs[b]!.type === 'var'));
  }
  const relation = isRelationDecl(decl);
  plan = { name, node, decl, relation, hasOutput, inputs, order };
  plans.set(argTerms, plan);
  return plan;
}

/**
 * Evaluates the call's arguments and calls `fn`. In statement form (`f(x, out)`) one extra
 * argument is the output: `k` then receives hasOutput = true and unifies it.
 */
export function callFunction(
  ev: Evaluator,
  fn: RefTerm,
  argTerms: Term[],
  f: Frame,
  loc: Location | undefined,
  statement: boolean,
  k: (result: Value, hasOutput: boolean) => boolean,
): boolean {
  const plan = planFor(ev, fn, argTerms, statement);
  const hasOutput = plan.hasOutput;
  const run = (vals: Value[]): boolean => {
    const replaced = ev.ctx.replacements.size > 0 && ev.ctx.replacements.has(plan.name);
    const result = replaced || !plan.decl ? callValues(ev, fn, vals, loc ?? fn.loc, 0) : callBuiltin(ev, plan.decl, vals, loc ?? fn.loc);
    if (result === undefined) return false;
    if (plan.relation && !replaced && Array.isArray(result)) {
      // Relations (walk) yield each member as a separate solution.
      for (const r of result) if (k(r, hasOutput)) return true;
      return false;
    }
    return k(result, hasOutput);
  };
  const inputs = plan.inputs;
  const order = plan.order;
  if (order) {
    return ev.evalItems(order.map((i) => inputs[i]!), f, (vals) => {
      const inOrder = new Array<Value>(vals.length);
      order.forEach((orig, j) => (inOrder[orig] = vals[j]!));
      return run(inOrder);
    });
  }
  if (inputs.length === 1) return ev.evalTerm(inputs[0]!, f, (v) => run([v]));
  return ev.evalItems(inputs, f, run);
}

/** Calls by name with values, honouring `with` replacements. */
export function callValues(ev: Evaluator, fn: RefTerm, args: Value[], loc: Location | undefined, depth: number): Value | undefined {
  const name = ev.fnName(fn);
  const repl = depth < 8 ? ev.ctx.replacements.get(name) : undefined;
  if (repl) {
    if (repl.kind === 'value') return repl.value;
    // The mock runs without replacements, so it may call the original without recursing.
    const saved = ev.ctx;
    // OPA: a mock does not call other mocks.
    ev.ctx = { ...saved, replacements: new Map(), caches: newCaches() };
    try {
      return callValues(ev, repl.ref, args, loc, depth + 1);
    } finally {
      ev.ctx = saved;
    }
  }
  let node = fnNodes.get(fn);
  if (node === undefined) fnNodes.set(fn, (node = functionNode(ev.compiled.root, fn) ?? null));
  if (node) return evalFunction(ev, node, args);
  const decl = ev.compiled.builtins.get(name);
  if (!decl) return undefined;
  return callBuiltin(ev, decl, args, loc);
}

/** The one wrapper around every builtin: caching, cancellation and OPA's error codes. */
export function callBuiltin(ev: Evaluator, decl: BuiltinDecl, args: Value[], loc: Location | undefined): Value | undefined {
  let cacheKey: string | undefined;
  if (decl.nondeterministic) {
    cacheKey = decl.name + '\u0000' + args.map(valueKey).join('\u0001');
    const hit = ev.bctx.cache.get(cacheKey);
    if (hit !== undefined) return hit;
  }
  ev.bctx.location = loc;
  if (!ev.bctx.metadata) ev.bctx.metadata = metadataAccess(ev);
  let out: Value | undefined;
  try {
    out = decl.impl(args, ev.bctx);
  } catch (err) {
    if (err instanceof RegoError) throw err;
    const text = err instanceof Error ? err.message : String(err);
    if (err instanceof ConflictFailure) throw new RegoError('eval_conflict_error', `${decl.name}: ${text}`, loc);
    if (!ev.opts.strict) return undefined;
    const code = err instanceof TypeErrorOperand || err instanceof TypeErrorText ? 'eval_type_error' : 'eval_builtin_error';
    throw new RegoError(code, `${decl.name}: ${text}`, loc);
  }
  if (cacheKey !== undefined && out !== undefined) ev.bctx.cache.set(cacheKey, out);
  return out;
}

let metadataFactory: ((ev: Evaluator) => { rule(): Value; chain(): Value }) | undefined;

/** Installed by the metadata module (kept apart to avoid an import cycle). */
export function setMetadataFactory(fn: (ev: Evaluator) => { rule(): Value; chain(): Value }): void {
  metadataFactory = fn;
}

function metadataAccess(ev: Evaluator): { rule(): Value; chain(): Value } | undefined {
  return metadataFactory?.(ev);
}

/** `print(a, b)`: each operand's values (all of them), `<undefined>` when it has none. Always true. */
export function printCall(ev: Evaluator, args: Term[], f: Frame, k: K): boolean {
  const parts: string[] = [];
  for (const a of args) {
    const vals = new RSet();
    ev.evalTerm(a, f, (v) => (vals.add(v), false));
    if (vals.size === 0) parts.push('<undefined>');
    else if (vals.size === 1) parts.push(formatForPrint(vals.values()[0]!));
    else parts.push(toJSONText(vals));
  }
  ev.bctx.print(parts.join(' '));
  return k();
}
