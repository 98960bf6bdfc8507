// Objects and JSON documents (v1/topdown/object.go, json.go, subset.go).
import { RObject, RSet, type Value } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { arr, builtin, elementErr, obj, T, typeErr } from './lib-a/util.js';
import { applyPatch, filterValue, jsonPaths, pathsToObject, removeValue } from './lib-a/jsonpaths.js';
import { objectSubsetBuiltin } from './lib-a/subset.js';

const keysType = T.anyOf(T.arr(), T.set(), T.obj());

/** Keys given as an array, a set or the keys of an object. */
function keySet(v: Value | undefined): RSet {
  const x = v ?? null;
  if (Array.isArray(x)) return RSet.from(x);
  if (x instanceof RSet) return x;
  if (x instanceof RObject) return RSet.from(x.keys());
  throw typeErr(2, x, 'object', 'set', 'array');
}

/** A value at a path of keys/indices (OPA's Value.Find), or undefined. */
function find(v: Value, path: Value[]): Value | undefined {
  let node: Value = v;
  for (const key of path) {
    if (node instanceof RObject) {
      const next = node.get(key);
      if (next === undefined) return undefined;
      node = next;
    } else if (Array.isArray(node)) {
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= node.length) return undefined;
      node = node[key]!;
    } else if (node instanceof RSet) {
      if (!node.has(key)) return undefined;
      node = key;
    } else return undefined;
  }
  return node;
}

function objectGet([o, key, fallback]: Value[]): Value {
  const object = obj(o, 1);
  const k = key ?? null;
  if (!Array.isArray(k)) return object.get(k) ?? fallback ?? null;
  if (k.length === 0) return object;
  return find(object, k) ?? fallback ?? null;
}

/** Deep merge where b wins, recursing when both sides are objects. */
function mergeWithOverwrite(a: RObject, b: RObject): RObject {
  const out = a.clone();
  for (const [k, v] of b.entries()) {
    const old = out.get(k);
    out.set(k, old instanceof RObject && v instanceof RObject ? mergeWithOverwrite(old, v) : v);
  }
  return out;
}

/**
 * object.union_n: the last object wins and objects merge, but a non-object value "freezes" a key
 * so that objects from earlier in the array no longer merge into it (OPA's back-to-front merge).
 */
function unionN([a]: Value[]): Value {
  const list = arr(a, 1);
  let result = new RObject();
  const frozen = new WeakSet<RObject>();
  for (let i = list.length - 1; i >= 0; i--) {
    const o = list[i]!;
    if (!(o instanceof RObject)) throw elementErr(1, list, o, 'object');
    result = mergeInto(result, o, frozen);
  }
  return result;
}

/** Keys already set by later objects win; both-object values merge unless the key was frozen. */
function mergeInto(target: RObject, earlier: RObject, frozen: WeakSet<RObject>): RObject {
  const out = target.clone();
  for (const [k, v] of earlier.entries()) {
    const existing = out.get(k);
    if (existing === undefined) out.set(k, v);
    else if (existing instanceof RObject && v instanceof RObject) {
      if (!frozen.has(existing)) out.set(k, mergeInto(existing, v, frozen));
    } else if (existing instanceof RObject) frozen.add(existing);
  }
  return out;
}

export const objectsBuiltins: BuiltinDecl[] = [
  builtin(
    'object.get',
    'object',
    [
      ['object', T.obj()],
      ['key', T.any],
      ['default', T.any],
    ],
    T.any,
    objectGet,
  ),
  builtin('object.keys', 'object', [['object', T.obj()]], T.set(), ([o]) => RSet.from(obj(o, 1).keys())),
  builtin('object.remove', 'object', [['object', T.obj()], ['keys', keysType]], T.obj(), ([o, k]) => {
    const object = obj(o, 1);
    const drop = keySet(k);
    return RObject.from(object.entries().filter(([key]) => !drop.has(key)));
  }),
  builtin('object.filter', 'object', [['object', T.obj()], ['keys', keysType]], T.obj(), ([o, k]) => {
    const object = obj(o, 1);
    const keep = keySet(k);
    return RObject.from(object.entries().filter(([key]) => keep.has(key)));
  }),
  builtin('object.union', 'object', [['a', T.obj()], ['b', T.obj()]], T.obj(), ([a, b]) => {
    const x = obj(a, 1);
    const y = obj(b, 2);
    return mergeWithOverwrite(x, y);
  }),
  builtin('object.union_n', 'object', [['objects', T.arr(T.obj())]], T.obj(), unionN),
  builtin(
    'object.subset',
    'object',
    [
      ['super', T.anyOf(T.obj(), T.set(), T.arr())],
      ['sub', T.anyOf(T.obj(), T.set(), T.arr())],
    ],
    T.bool,
    objectSubsetBuiltin,
  ),
  jsonPathsBuiltin('json.filter', filterValue),
  jsonPathsBuiltin('json.remove', removeValue),
  builtin(
    'json.patch',
    'object',
    [
      ['object', T.any],
      ['patches', T.arr(T.obj())],
    ],
    T.any,
    ([o, p]) => applyPatch(o ?? null, arr(p, 2)),
  ),
];

/** json.filter and json.remove: an object and a set or array of paths, applied as one path tree. */
function jsonPathsBuiltin(name: string, apply: (object: RObject, tree: RObject) => Value | undefined): BuiltinDecl {
  return builtin(
    name,
    'object',
    [
      ['object', T.obj()],
      ['paths', T.anyOf(T.arr(T.anyOf(T.str, T.arr())), T.set(T.anyOf(T.str, T.arr())))],
    ],
    T.any,
    ([o, p]) => apply(obj(o, 1), pathsToObject(jsonPaths(p ?? null))),
  );
}
