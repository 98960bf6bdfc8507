// Evaluation context: what `with` can change (input, data overrides, function replacements) plus
// the memo caches that are only valid for one such context.
import type { RefTerm, Term } from '../ast/types.js';
import type { RuleNode } from '../compiler/tree.js';
import { RObject, type Value } from '../value/types.js';

/** A `with data.a.b as v` override: the document at `path` is `value`, whatever rules say. */
export interface DataOverride {
  path: Value[];
  value: Value;
}

/** A `with f as g` / `with f as 42` replacement of a function or builtin. */
export type Replacement = { kind: 'fn'; ref: RefTerm } | { kind: 'value'; value: Value };

export const UNDEFINED = Symbol('undefined');
export type Memo = Value | typeof UNDEFINED;

export interface Caches {
  nodes: Map<RuleNode, Memo>;
  /** Per function: results in nested Maps, one level per argument (see evalFunction in rules.ts). */
  functions: Map<RuleNode, Map<unknown, unknown>>;
  inProgress: Set<RuleNode>;
  /** Values of fully constant data refs (`data.pkg.rule`), by ref term list. */
  staticRefs: Map<Term[], Memo>;
}

export interface EvalContext {
  input: Value | undefined;
  overrides: DataOverride[];
  replacements: Map<string, Replacement>;
  caches: Caches;
}

export function newCaches(): Caches {
  return { nodes: new Map(), functions: new Map(), inProgress: new Set(), staticRefs: new Map() };
}

/** Sets `value` at `path` inside `doc`, copying objects along the way (values are immutable). */
export function setPath(doc: Value | undefined, path: readonly Value[], value: Value): Value {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [Value, ...Value[]];
  const obj = doc instanceof RObject ? doc.clone() : new RObject();
  obj.set(head, setPath(obj.get(head), rest, value));
  return obj;
}

export function samePath(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `prefix` is a proper prefix of `path`. */
export function isProperPrefix(prefix: readonly Value[], path: readonly Value[]): boolean {
  if (prefix.length >= path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}
