// Reference evaluation: indexing into values (with enumeration for unbound operands) and walking
// `data` through the rule tree, where base documents, virtual documents and `with` overrides meet.
import type { Term } from '../ast/types.js';
import type { RuleNode } from '../compiler/tree.js';
import { RObject, RSet, compare, valueKey, type Value } from '../value/types.js';
import { UNDEFINED, isProperPrefix, samePath, setPath } from './context.js';
import type { Evaluator, Frame, VK } from './evaluator.js';
import { nodeValue } from './rules.js';

/** True when evaluating `t` needs no enumeration of its own vars (pattern vars all bound). */
export function isGroundish(ev: Evaluator, t: Term, f: Frame): boolean {
  switch (t.type) {
    case 'var':
      return ev.isBound(t.name, f);
    case 'array':
    case 'set':
      return t.items.every((x) => isGroundish(ev, x, f));
    case 'object':
      return t.items.every(([kt, vt]) => isGroundish(ev, kt, f) && isGroundish(ev, vt, f));
    default:
      return true;
  }
}

/** value[key] for one key, or undefined. */
export function lookup(v: Value, key: Value): Value | undefined {
  if (v instanceof RObject) return v.get(key);
  if (Array.isArray(v)) {
    if (typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < v.length) return v[key];
    return undefined;
  }
  if (v instanceof RSet) return v.has(key) ? key : undefined;
  return undefined;
}

/** Indexes `value` with terms[i..]; unbound operands enumerate the collection. */
export function evalIndex(ev: Evaluator, value: Value, terms: Term[], i: number, f: Frame, vk: VK): boolean {
  if (i === terms.length) return vk(value);
  const op = terms[i]!;
  if (op.type === 'string') {
    // The common case `x.field`: no enumeration, no closure.
    const child = value instanceof RObject ? value.get(op.value) : value instanceof RSet && value.has(op.value) ? op.value : undefined;
    return child === undefined ? false : evalIndex(ev, child, terms, i + 1, f, vk);
  }
  if (isGroundish(ev, op, f)) {
    return ev.evalTerm(op, f, (key) => {
      const child = lookup(value, key);
      return child === undefined ? false : evalIndex(ev, child, terms, i + 1, f, vk);
    });
  }
  if (Array.isArray(value)) {
    for (let j = 0; j < value.length; j++) {
      if (ev.unifyValue(op, j, f, () => evalIndex(ev, value[j]!, terms, i + 1, f, vk))) return true;
    }
    return false;
  }
  if (value instanceof RObject) {
    for (const [kk, vv] of ev.entriesOf(value)) {
      if (ev.unifyValue(op, kk, f, () => evalIndex(ev, vv, terms, i + 1, f, vk))) return true;
    }
    return false;
  }
  if (value instanceof RSet) {
    for (const x of ev.members(value)) {
      if (ev.unifyValue(op, x, f, () => evalIndex(ev, x, terms, i + 1, f, vk))) return true;
    }
  }
  return false;
}

/** Applies every `with data…` override that lies strictly below `path` to `value`. */
export function patchOverrides(ev: Evaluator, path: readonly Value[], value: Value | undefined): Value | undefined {
  let out = value;
  for (const o of ev.ctx.overrides) {
    if (isProperPrefix(path, o.path)) out = setPath(out, o.path.slice(path.length), o.value);
  }
  return out;
}

function overrideAt(ev: Evaluator, path: readonly Value[]): Value | undefined {
  for (const o of ev.ctx.overrides) if (samePath(o.path, path)) return o.value;
  return undefined;
}

function hasOverrideBelow(ev: Evaluator, path: readonly Value[]): boolean {
  return ev.ctx.overrides.some((o) => isProperPrefix(path, o.path));
}

/** The whole document at a tree position: base data merged with the virtual documents below. */
export function fullValue(ev: Evaluator, node: RuleNode | undefined, base: Value | undefined, path: readonly Value[]): Value | undefined {
  const over = overrideAt(ev, path);
  if (over !== undefined) return over;
  const v = node && node.hasRules ? nodeValue(ev, node, base, path) : base;
  return ev.ctx.overrides.length > 0 ? patchOverrides(ev, path, v) : v;
}

/** Evaluates `data` terms[i..] starting at the data root. */
export function evalDataRef(ev: Evaluator, terms: Term[], i: number, f: Frame, vk: VK): boolean {
  if (i === 1 && terms.length > 1 && isStatic(terms)) {
    // `data.pkg.rule`: resolve once per context.
    const cache = ev.ctx.caches.staticRefs;
    let hit = cache.get(terms);
    if (hit === undefined) {
      let got: Value | undefined;
      walk(ev, ev.compiled.root, ev.opts.data, [], terms, i, f, (v) => ((got = v), true));
      cache.set(terms, (hit = got === undefined ? UNDEFINED : got));
    }
    return hit === UNDEFINED ? false : vk(hit);
  }
  return walk(ev, ev.compiled.root, ev.opts.data, [], terms, i, f, vk);
}

const staticRefs = new WeakMap<Term[], boolean>();

function isStatic(terms: Term[]): boolean {
  let s = staticRefs.get(terms);
  if (s === undefined) staticRefs.set(terms, (s = terms.slice(1).every((t) => t.type === 'string')));
  return s;
}

function walk(ev: Evaluator, node: RuleNode | undefined, base: Value | undefined, path: Value[], terms: Term[], i: number, f: Frame, vk: VK): boolean {
  const overriding = ev.ctx.overrides.length > 0;
  const overridden = overriding ? overrideAt(ev, path) : undefined;
  if (overridden !== undefined) return evalIndex(ev, overridden, terms, i, f, vk);
  if ((!node || !node.hasRules) && base instanceof RObject && i < terms.length) {
    // Storage paths are strings: `data.nested[2]` reads the key "2", as OPA does.
    const op = terms[i]!;
    if (op.type === 'number' && typeof op.value === 'number' && Number.isInteger(op.value) && !base.has(op.value)) {
      const child = base.get(String(op.value));
      return child === undefined ? false : walk(ev, undefined, child, [...path, String(op.value)], terms, i + 1, f, vk);
    }
  }
  if (i === terms.length || !node || !node.hasRules || node.rules.length > 0 || node.defaults.length > 0) {
    const v = fullValue(ev, node, base, path);
    return v === undefined ? false : evalIndex(ev, v, terms, i, f, vk);
  }
  // A namespace node: descend without computing siblings.
  const op = terms[i]!;
  const step = (key: Value): boolean => {
    // Storage paths are strings: `data[2]` reads the key "2", as OPA does.
    if (typeof key === 'number' && Number.isInteger(key) && !(base instanceof RObject && base.has(key))) key = String(key);
    const child = typeof key === 'string' ? node.children.get(valueKey(key)) : undefined;
    const childBase = base instanceof RObject ? base.get(key) : undefined;
    const childPath = [...path, key];
    if (!child && childBase === undefined && !(overriding && (overrideAt(ev, childPath) !== undefined || hasOverrideBelow(ev, childPath)))) return false;
    return walk(ev, child, childBase, childPath, terms, i + 1, f, vk);
  };
  if (op.type === 'string') return step(op.value);
  if (isGroundish(ev, op, f)) return ev.evalTerm(op, f, step);
  const keys = new Map<string, Value>();
  for (const c of node.children.values()) keys.set(valueKey(c.path[c.path.length - 1]!), c.path[c.path.length - 1]!);
  if (base instanceof RObject) for (const kk of base.keys()) keys.set(valueKey(kk), kk);
  if (overriding) for (const o of ev.ctx.overrides) if (isProperPrefix(path, o.path)) keys.set(valueKey(o.path[path.length]!), o.path[path.length]!);
  const sorted = [...keys.values()].sort(compare);
  for (const key of sorted) {
    if (ev.unifyValue(op, key, f, () => step(key))) return true;
  }
  return false;
}
