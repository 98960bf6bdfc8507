// walk and graph.reachable / graph.reachable_paths (v1/topdown/walk.go, reachable.go).
import { RObject, RSet, type Value } from '../value/types.js';
import type { BuiltinContext, BuiltinDecl } from './types.js';
import { builtin, obj, T, typeErr, type RelationDecl } from './lib-a/util.js';

/** Every [path, value] pair of x, pre-order (the root first, with path []), keys in sorted order. */
export function walkPairs(x: Value, ctx?: BuiltinContext): Value[] {
  const out: Value[] = [];
  const visit = (path: Value[], v: Value): void => {
    if (out.length % 4096 === 0) ctx?.checkCancelled();
    out.push([path, v]);
    if (v instanceof RObject) for (const [k, c] of v.entries()) visit([...path, k], c);
    else if (Array.isArray(v)) v.forEach((c, i) => visit([...path, i], c));
    else if (v instanceof RSet) for (const c of v.values()) visit([...path, c], c);
  };
  visit([], x);
  return out;
}

/** Vertices given as an array or a set. */
function vertices(v: Value | undefined): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.values();
  return [];
}

function initialNodes(v: Value | undefined): Value[] {
  const x = v ?? null;
  if (!Array.isArray(x) && !(x instanceof RSet)) throw typeErr(2, x, '{array, set}');
  return vertices(x);
}

function reachable([g, initial]: Value[]): Value {
  const graph = obj(g, 1);
  const queue = [...initialNodes(initial)];
  const reached = new RSet();
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const edges = graph.get(node);
    if (edges === undefined) continue; // nodes outside the graph are never "reached"
    for (const n of vertices(edges)) if (!reached.has(n)) queue.push(n);
    reached.add(node);
  }
  return reached;
}

/**
 * graph.reachable_paths as OPA implements it at the conformance snapshot (2026-03): a depth-first
 * walk whose "reached" set is shared across the whole walk from each first edge, so a node met
 * again on another branch ends that branch's path there.
 */
function reachablePaths([g, initial]: Value[]): Value {
  const graph = obj(g, 1);
  const result = new RSet();
  const build = (root: Value, path: Value[], reached: RSet): void => {
    const edges = graph.get(root);
    if (edges === undefined) {
      result.add(path); // a node outside the graph ends the path without itself
      return;
    }
    const here = [...path, root];
    const next = vertices(edges);
    if (next.length === 0) result.add(here);
    for (const n of next) {
      if (reached.has(n)) result.add(here);
      else {
        reached.add(root);
        build(n, here, reached);
      }
    }
  };
  for (const node of initialNodes(initial)) {
    const edges = graph.get(node);
    if (edges === undefined) continue;
    const next = vertices(edges);
    if (next.length === 0) result.add([node]);
    for (const n of next) build(n, [node], RSet.from([node]));
  }
  return result;
}

const walk: RelationDecl = {
  ...builtin('walk', 'graph', [['x', T.any]], T.tuple(T.arr(T.any), T.any), ([x], ctx) => walkPairs(x ?? null, ctx)),
  relation: true,
};

export const graphBuiltins: BuiltinDecl[] = [
  walk,
  builtin(
    'graph.reachable',
    'graph',
    [
      ['graph', T.obj(T.any, T.anyOf(T.set(), T.arr()))],
      ['initial', T.anyOf(T.set(), T.arr())],
    ],
    T.set(),
    reachable,
  ),
  builtin(
    'graph.reachable_paths',
    'graph',
    [
      ['graph', T.obj(T.any, T.anyOf(T.set(), T.arr()))],
      ['initial', T.anyOf(T.set(), T.arr())],
    ],
    T.set(T.arr()),
    reachablePaths,
  ),
];
