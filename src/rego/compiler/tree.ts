// The rule tree: every rule filed under the longest constant prefix of its full ref
// (package path + head ref), so that `data.a.b.p` finds its rules in O(depth) and several modules
// can contribute to one package. Dynamic ref-head suffixes (`p[x].q`) stay on the rule.
import type { Body, Module, Rule, Term } from '../ast/types.js';
import type { Value } from '../value/types.js';
import { valueKey } from '../value/types.js';
import type { RuleIndex } from './indexing.js';

export type RuleClass = 'complete' | 'set' | 'object' | 'function';

export interface CompiledRule {
  rule: Rule;
  kind: RuleClass;
  /** Ref terms after the rule's node path (non-empty for object rules and ref-head sets). */
  suffix: Term[];
  /** complete/object/function: value term; set: the element term. */
  value: Term;
  args: Term[];
  body: Body;
  isDefault: boolean;
  /** The value when it is a constant (lets evaluation stop at the first solution). */
  constValue?: Value;
  else?: CompiledRule;
  module: Module;
  node: RuleNode;
}

export interface RuleNode {
  /** Keys from the data root. */
  path: string[];
  children: Map<string, RuleNode>;
  rules: CompiledRule[];
  defaults: CompiledRule[];
  /** True when some rule is filed at or below this node. */
  hasRules: boolean;
  /** Arity when the node holds functions. */
  arity?: number;
  /** Clause index on an input value, when it pays (see indexing.ts). */
  index?: RuleIndex;
}

export function newNode(path: string[]): RuleNode {
  return { path, children: new Map(), rules: [], defaults: [], hasRules: false };
}

/** `data.a.b["x y"]`: dotted where the key is an identifier, bracketed otherwise. */
export function pathText(path: readonly string[]): string {
  let out = 'data';
  for (const p of path) out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return out;
}

/** Package path keys (without the leading `data`). */
export function packageKeys(m: Module): string[] {
  return m.package.path.slice(1).map((t) => (t.type === 'string' ? t.value : t.type === 'var' ? t.name : '?'));
}

/** Head ref as terms; a partial object's key is appended when the parser kept it apart. */
export function headRef(rule: Rule): Term[] {
  const h = rule.head;
  const ref = h.ref.length > 0 ? h.ref : [{ type: 'var', name: h.name } as Term];
  if (h.kind === 'partialobject' && h.key && ref.length === 1) return [...ref, h.key];
  return ref;
}

/** Splits a head ref into constant string keys and the dynamic rest. */
export function splitHeadRef(ref: Term[]): { keys: string[]; suffix: Term[] } {
  const keys: string[] = [];
  let i = 0;
  for (; i < ref.length; i++) {
    const t = ref[i]!;
    if (i === 0 && t.type === 'var') keys.push(t.name);
    else if (t.type === 'string') keys.push(t.value);
    else break;
  }
  return { keys, suffix: ref.slice(i) };
}

export function childAt(root: RuleNode, keys: readonly string[], create: boolean): RuleNode | undefined {
  let node = root;
  for (const k of keys) {
    let next = node.children.get(valueKey(k));
    if (!next) {
      if (!create) return undefined;
      next = newNode([...node.path, k]);
      node.children.set(valueKey(k), next);
    }
    node = next;
  }
  return node;
}
