// Rule indexing: when several clauses of one rule each require `input.<path> == <constant>` (or
// `=`), evaluation reads that input value once and runs only the clauses whose constant matches
// (plus the clauses without such a condition). OPA's rule index does the same on a larger scale.
import type { Expr, RefTerm, Term } from '../ast/types.js';
import { valueKey, type Value } from '../value/types.js';
import { constantValue } from './constant.js';
import { fnName } from './safety.js';
import type { CompiledRule, RuleNode } from './tree.js';

export interface RuleIndex {
  /** The indexed input ref (static: `input.a.b`). */
  ref: RefTerm;
  /** Clauses by the constant they require, as valueKey. */
  byValue: Map<string, Set<CompiledRule>>;
  /** Clauses without a condition on `ref` (always candidates). */
  rest: Set<CompiledRule>;
}

/** Below this many clauses, scanning them all is as cheap as indexing. */
const MIN_CLAUSES = 4;

function refText(t: Term): string | undefined {
  if (t.type !== 'ref') return undefined;
  const [head, ...rest] = t.terms;
  if (head?.type !== 'var' || head.name !== 'input') return undefined;
  const parts: string[] = ['input'];
  for (const x of rest) {
    if (x.type !== 'string') return undefined;
    parts.push(JSON.stringify(x.value));
  }
  return parts.join('.');
}

/** `input.a == "x"` / `"x" = input.a` at the top of a body, as [ref text, ref, constant]. */
function equalityConditions(e: Expr): [string, RefTerm, Value][] {
  if (e.negated || e.with.length > 0 || e.body.kind !== 'call') return [];
  const name = fnName(e.body.fn);
  if ((name !== 'eq' && name !== 'equal') || e.body.args.length !== 2) return [];
  const [a, b] = e.body.args as [Term, Term];
  for (const [r, c] of [
    [a, b],
    [b, a],
  ] as const) {
    const text = refText(r);
    const value = constantValue(c);
    if (text !== undefined && value !== undefined) return [[text, r as RefTerm, value]];
  }
  return [];
}

/** Builds an index for a node when one input ref is compared with constants in enough clauses. */
export function buildIndex(node: RuleNode): RuleIndex | undefined {
  if (node.rules.length < MIN_CLAUSES || node.rules[0]?.kind === 'function') return undefined;
  const conds = new Map<CompiledRule, Map<string, [RefTerm, Value]>>();
  const counts = new Map<string, number>();
  for (const r of node.rules) {
    const mine = new Map<string, [RefTerm, Value]>();
    if (!r.else) {
      for (const e of r.body) for (const [text, ref, v] of equalityConditions(e)) if (!mine.has(text)) mine.set(text, [ref, v]);
    }
    conds.set(r, mine);
    for (const text of mine.keys()) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [text, n] of counts) if (n >= MIN_CLAUSES / 2 && (best === undefined || n > (counts.get(best) ?? 0))) best = text;
  if (best === undefined) return undefined;
  const index: RuleIndex = { ref: undefined as unknown as RefTerm, byValue: new Map(), rest: new Set() };
  for (const r of node.rules) {
    const c = conds.get(r)?.get(best);
    if (!c) {
      index.rest.add(r);
      continue;
    }
    index.ref = c[0];
    const key = valueKey(c[1]);
    let set = index.byValue.get(key);
    if (!set) index.byValue.set(key, (set = new Set()));
    set.add(r);
  }
  return index;
}
