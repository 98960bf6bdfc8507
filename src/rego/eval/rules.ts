// Rule evaluation: the value of a rule-tree node (complete, partial set, partial object, general
// ref heads, namespaces mixing base and virtual documents) and user function calls, memoised per
// evaluation context, with OPA's conflict errors.
import type { Term } from '../ast/types.js';
import type { CompiledRule, RuleNode } from '../compiler/tree.js';
import { RegoError } from '../errors.js';
import { RObject, RSet, equals, valueKey, type Value } from '../value/types.js';
import { UNDEFINED, type Memo } from './context.js';
import type { Evaluator, Frame } from './evaluator.js';
import { fullValue } from './refs.js';

function conflict(msg: string, r: CompiledRule): RegoError {
  return new RegoError('eval_conflict_error', msg, r.rule.head.loc ?? r.rule.loc);
}

/** The clauses worth evaluating: all of them, or those the node's index leaves. */
function candidates(ev: Evaluator, node: RuleNode): CompiledRule[] {
  const index = node.index;
  if (!index) return node.rules;
  let got: Value | undefined;
  ev.evalTerm(index.ref, new Map(), (v) => ((got = v), true));
  const matching = got === undefined ? undefined : index.byValue.get(valueKey(got));
  return node.rules.filter((r) => index.rest.has(r) || matching?.has(r) === true);
}

/** The document of a node that has rules at or below it. Memoised. */
export function nodeValue(ev: Evaluator, node: RuleNode, base: Value | undefined, path: readonly Value[]): Value | undefined {
  const caches = ev.ctx.caches;
  const memo = caches.nodes.get(node);
  if (memo !== undefined) return memo === UNDEFINED ? undefined : memo;
  if (caches.inProgress.has(node)) throw new RegoError('eval_internal_error', `rule data.${node.path.join('.')} is recursive`);
  caches.inProgress.add(node);
  let v: Value | undefined;
  // A rule's value does not depend on the order its bodies walk sets in.
  const wasOrdered = ev.setOrdered(false);
  try {
    v = computeNode(ev, node, base, path);
  } finally {
    ev.ordered = wasOrdered;
    caches.inProgress.delete(node);
  }
  caches.nodes.set(node, v === undefined ? UNDEFINED : v);
  return v;
}

function computeNode(ev: Evaluator, node: RuleNode, base: Value | undefined, path: readonly Value[]): Value | undefined {
  const first = node.rules[0] ?? node.defaults[0];
  if (first?.kind === 'function') return undefined;
  if (first?.kind === 'complete') return completeValue(ev, node);
  if (first?.kind === 'set' && first.suffix.length === 0) return setValue(ev, node);
  // Object-like: base data, then multi-value rules, then children.
  let obj: RObject;
  if (base instanceof RObject) obj = base.clone();
  else if (base !== undefined && !first && node.children.size === 0) return base;
  else obj = new RObject();
  structural.add(obj);
  for (const r of candidates(ev, node)) evalMultiRule(ev, r, obj);
  for (const child of node.children.values()) {
    const key = child.path[child.path.length - 1]!;
    const baseChild = base instanceof RObject ? base.get(key) : undefined;
    const cv = fullValue(ev, child, baseChild, [...path, key]);
    if (cv === undefined) continue;
    const prev = obj.get(key);
    if (prev === undefined) obj.set(key, cv);
    else if (prev === baseChild) {
      // Base data wins over a virtual leaf at the same path; objects merge.
      if (prev instanceof RObject && cv instanceof RObject) obj.set(key, mergeObjects(prev, cv));
    } else obj.set(key, mergeVirtual(prev, cv, child));
  }
  return obj;
}

/** Two rules producing the same key: objects merge, sets unite, anything else conflicts. */
function mergeVirtual(a: Value, b: Value, node: RuleNode): Value {
  if (a instanceof RObject && b instanceof RObject && structural.has(a) && structural.has(b)) {
    const out = a.clone();
    structural.add(out);
    for (const [k, v] of b.entries()) {
      const prev = out.get(k);
      out.set(k, prev === undefined ? v : mergeVirtual(prev, v, node));
    }
    return out;
  }
  if (a instanceof RSet && b instanceof RSet && structural.has(a) && structural.has(b)) {
    const out = a.clone();
    structural.add(out);
    for (const v of b.values()) out.add(v);
    return out;
  }
  if (equals(a, b)) return a;
  const r = node.rules[0] ?? node.defaults[0];
  throw new RegoError('eval_conflict_error', 'object keys must be unique', r?.rule.head.loc ?? r?.rule.loc);
}

function mergeObjects(a: RObject, b: RObject): RObject {
  const out = a.clone();
  for (const [k, v] of b.entries()) {
    const prev = out.get(k);
    out.set(k, prev instanceof RObject && v instanceof RObject ? mergeObjects(prev, v) : v);
  }
  return out;
}

/** Runs a rule body in a fresh frame and calls `onValue` for each value of its head term. */
function solve(ev: Evaluator, r: CompiledRule, onSolution: (f: Frame) => boolean, f: Frame = new Map()): void {
  ev.ruleStack.push(r);
  try {
    ev.evalBody(r.body, f, () => onSolution(f));
  } finally {
    ev.ruleStack.pop();
  }
}

/** Values of one clause chain (else included): the first link with a solution gives the values. */
function chainValues(ev: Evaluator, r: CompiledRule, bindArgs?: (f: Frame, k: () => boolean) => boolean): Value[] {
  for (let link: CompiledRule | undefined = r; link; link = link.else) {
    const values: Value[] = [];
    let found = false;
    const onSolution = (f: Frame): boolean => {
      found = true;
      if (link.constValue !== undefined) {
        values.push(link.constValue);
        return true;
      }
      ev.evalTerm(link.value, f, (v) => {
        if (!values.some((x) => equals(x, v))) values.push(v);
        return false;
      });
      return false;
    };
    if (bindArgs) {
      const f: Frame = new Map();
      ev.ruleStack.push(link);
      try {
        bindArgs(f, () => ev.evalBody(link.body, f, () => onSolution(f)));
      } finally {
        ev.ruleStack.pop();
      }
    } else solve(ev, link, onSolution);
    if (found) return values;
  }
  return [];
}

function defaultValue(ev: Evaluator, node: RuleNode): Value | undefined {
  const d = node.defaults[0];
  if (!d) return undefined;
  if (d.constValue !== undefined) return d.constValue;
  let out: Value | undefined;
  ev.evalTerm(d.value, new Map(), (v) => ((out = v), true));
  return out;
}

function completeValue(ev: Evaluator, node: RuleNode): Value | undefined {
  let result: Value | undefined;
  let source: CompiledRule | undefined;
  for (const r of candidates(ev, node)) {
    if (result !== undefined && r.constValue !== undefined && !r.else && equals(r.constValue, result)) continue;
    for (const v of chainValues(ev, r)) {
      if (result === undefined) {
        result = v;
        source = r;
      } else if (!equals(result, v)) throw conflict('complete rules must not produce multiple outputs', source ?? r);
    }
  }
  return result !== undefined ? result : defaultValue(ev, node);
}

function setValue(ev: Evaluator, node: RuleNode): Value {
  const out = new RSet();
  structural.add(out);
  for (const r of candidates(ev, node)) {
    solve(ev, r, (f) => ev.evalTerm(r.value, f, (v) => (out.add(v), false)));
  }
  return out;
}

/** Partial object rules and ref heads with a dynamic suffix: inserts each solution into `obj`. */
function evalMultiRule(ev: Evaluator, r: CompiledRule, obj: RObject): void {
  const isSet = r.kind === 'set';
  solve(ev, r, (f) =>
    ev.evalItems(r.suffix, f, (keys) => ev.evalTerm(r.value, f, (v) => (insert(obj, keys, v, isSet, r), false))),
  );
}

function insert(obj: RObject, keys: Value[], v: Value, isSet: boolean, r: CompiledRule): void {
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    let next = cur.get(k);
    if (next === undefined) {
      next = new RObject();
      cur.set(k, next);
    } else if (!(next instanceof RObject)) throw conflict('object keys must be unique', r);
    else if (!structural.has(next)) throw conflict('object keys must be unique', r);
    structural.add(next);
    cur = next;
  }
  const last = keys[keys.length - 1]!;
  const prev = cur.get(last);
  if (isSet) {
    let s = prev;
    if (s === undefined) {
      cur.set(last, (s = new RSet()));
      structural.add(s);
    }
    else if (!(s instanceof RSet)) throw conflict('object keys must be unique', r);
    (s).add(v);
    return;
  }
  if (prev !== undefined) {
    if (equals(prev, v)) return;
    throw conflict('object keys must be unique', r);
  }
  cur.set(last, v);
}

/**
 * Objects and sets built from the rule tree (namespaces, ref-head paths, partial sets), which other
 * rules may extend; a rule's own value is a leaf, and extending it is a conflict.
 */
const structural = new WeakSet<RObject | RSet>();

/** Calls a user function with argument values; memoised per context. */
export function evalFunction(ev: Evaluator, node: RuleNode, args: Value[]): Value | undefined {
  let memo = ev.ctx.caches.functions.get(node);
  if (!memo) ev.ctx.caches.functions.set(node, (memo = new Map<unknown, unknown>()));
  // One Map level per argument, keyed by the argument itself: scalars by value (a Map key compares
  // strings and numbers by value), composites by identity (values are immutable, so the same object
  // is the same value; equal composites built separately simply miss). No key is ever built, and a
  // policy calling keys.enabled(k) for the same input key from many rules hits the memo.
  const last = args.length - 1;
  for (let i = 0; i < last; i++) {
    let next = memo.get(args[i]) as Map<unknown, unknown> | undefined;
    if (!next) memo.set(args[i], (next = new Map<unknown, unknown>()));
    memo = next;
  }
  const leafKey = last >= 0 ? args[last] : NO_ARGS;
  const hit = memo.get(leafKey) as Memo | undefined;
  if (hit !== undefined) return hit === UNDEFINED ? undefined : hit;
  let result: Value | undefined;
  const wasOrdered = ev.setOrdered(false);
  try {
    result = functionValue(ev, node, args);
  } finally {
    ev.ordered = wasOrdered;
  }
  memo.set(leafKey, result === undefined ? UNDEFINED : result);
  return result;
}

const NO_ARGS = Symbol('no-args');

function functionValue(ev: Evaluator, node: RuleNode, args: Value[]): Value | undefined {
  let result: Value | undefined;
  let source: CompiledRule | undefined;
  for (const r of node.rules) {
    const values = chainValues(ev, r, (f, k) => unifyArgs(ev, r.args, args, f, k));
    for (const v of values) {
      if (result === undefined) {
        result = v;
        source = r;
      } else if (!equals(result, v)) throw conflict('functions must not produce multiple outputs for same inputs', source ?? r);
    }
  }
  return result === undefined && node.defaults[0] ? defaultValue(ev, node) : result;
}

function unifyArgs(ev: Evaluator, params: Term[], args: Value[], f: Frame, k: () => boolean): boolean {
  const step = (i: number): boolean => (i === params.length ? k() : ev.unifyValue(params[i]!, args[i]!, f, () => step(i + 1)));
  return step(0);
}
