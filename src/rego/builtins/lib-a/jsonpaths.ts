// JSON paths for json.filter, json.remove and json.patch (v1/topdown/json.go, ast Object.Filter,
// internal/edittree). Paths are "/a/b" strings (JSON pointer escapes ~0 ~1) or arrays of segments.
import { equals, RObject, RSet, typeName, type Value } from '../../value/types.js';
import { TypeErrorText } from '../types.js';
import { typeErr } from './util.js';

export type Path = Value[];

export function parsePath(p: Value): Path {
  if (typeof p === 'string') {
    if (p === '') return [];
    return p
      .replace(/^\/+/, '')
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  if (Array.isArray(p)) return [...p];
  throw new TypeErrorText(
    `operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`,
  );
}

export function jsonPaths(operand: Value): Path[] {
  if (Array.isArray(operand)) return operand.map(parsePath);
  if (operand instanceof RSet) return operand.values().map(parsePath);
  throw typeErr(2, operand, 'set', 'array');
}

/** Paths as a tree of objects whose leaves are null ({"a": {"b": null}} for /a/b). */
export function pathsToObject(paths: Path[]): RObject {
  const root = new RObject();
  for (const path of paths) {
    if (path.length === 0) continue;
    let node = root;
    let done = false;
    for (let i = 0; i < path.length - 1 && !done; i++) {
      const k = path[i]!;
      const child = node.get(k);
      if (child === undefined) {
        const next = new RObject();
        node.set(k, next);
        node = next;
      } else if (child instanceof RObject) node = child;
      else done = true; // a shorter path already selects everything below
    }
    if (!done) node.set(path[path.length - 1]!, null);
  }
  return root;
}

/** OPA's filterObject: keeps what the filter tree selects (null = the whole value). */
export function filterValue(v: Value, filter: Value): Value {
  if (filter === null) return v;
  if (!(filter instanceof RObject)) throw new Error(`invalid filter value, expected an object`);
  if (v instanceof RObject) {
    const out = new RObject();
    for (const [k, sub] of filter.entries()) {
      const x = v.get(k);
      if (x !== undefined) out.set(k, filterValue(x, sub));
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const sub = filter.get(String(i));
      if (sub !== undefined) out.push(filterValue(x, sub));
    });
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v.values()) {
      const sub = filter.get(x);
      if (sub !== undefined) out.add(filterValue(x, sub));
    }
    return out;
  }
  return v;
}

/** OPA's jsonRemove: drops what the tree selects; undefined when the value itself is removed. */
export function removeValue(a: Value, b: Value | undefined): Value | undefined {
  if (b === undefined) return a;
  if (b === null) return undefined;
  if (!(b instanceof RObject)) return a;
  if (a instanceof RObject) {
    const out = new RObject();
    for (const [k, v] of a.entries()) {
      const kept = removeValue(v, b.get(k));
      if (kept !== undefined) out.set(k, kept);
    }
    return out;
  }
  if (a instanceof RSet) {
    const out = new RSet();
    for (const v of a.values()) {
      const kept = removeValue(v, b.get(v));
      if (kept !== undefined) out.add(kept);
    }
    return out;
  }
  if (Array.isArray(a)) {
    const out: Value[] = [];
    a.forEach((v, i) => {
      const kept = removeValue(v, b.get(String(i)));
      if (kept !== undefined) out.push(kept);
    });
    return out;
  }
  return a;
}

// --- json.patch -------------------------------------------------------------------------------

class PatchError extends Error {}

/** edittree's toIndex: numbers, "-" (one past the end) or decimal strings without leading zeros. */
function toIndex(length: number, key: Value): number {
  if (typeof key === 'number' && Number.isInteger(key)) return key;
  if (typeof key === 'string') {
    if (key === '-') return length;
    if (!/^[+-]?\d+$/.test(key)) throw new PatchError('invalid string for indexing');
    if (key !== '0' && key.startsWith('0')) throw new PatchError('leading zeros are not allowed in JSON paths');
    return Number(key);
  }
  throw new PatchError('invalid type for indexing');
}

function child(node: Value, key: Value): Value {
  if (node instanceof RObject) {
    const v = node.get(key);
    if (v === undefined) throw new PatchError('path not found');
    return v;
  }
  if (Array.isArray(node)) {
    const i = toIndex(node.length, key);
    if (i < 0 || i >= node.length) throw new PatchError('index out of range');
    return node[i]!;
  }
  if (node instanceof RSet) {
    if (!node.has(key)) throw new PatchError('path not found');
    return key;
  }
  throw new PatchError('path into a scalar');
}

function render(doc: Value, path: Path): Value {
  return path.reduce<Value>((node, key) => child(node, key), doc);
}

/** Rebuilds doc with `edit` applied to the parent of the last segment (copy on write). */
function update(doc: Value, path: Path, edit: (parent: Value, key: Value) => Value): Value {
  const [head, ...rest] = path;
  if (rest.length === 0) return edit(doc, head!);
  const next = update(child(doc, head!), rest, edit);
  if (doc instanceof RObject) {
    const o = doc.clone();
    o.set(head!, next);
    return o;
  }
  if (Array.isArray(doc)) {
    const a = [...doc];
    a[toIndex(doc.length, head!)] = next;
    return a;
  }
  const s = (doc as RSet).clone();
  s.delete(head!);
  s.add(next);
  return s;
}

function insert(doc: Value, path: Path, value: Value): Value {
  if (path.length === 0) return value;
  return update(doc, path, (parent, key) => {
    if (parent instanceof RObject) {
      const o = parent.clone();
      o.set(key, value);
      return o;
    }
    if (Array.isArray(parent)) {
      const i = toIndex(parent.length, key);
      if (i < 0 || i > parent.length) throw new PatchError('index out of range');
      return [...parent.slice(0, i), value, ...parent.slice(i)];
    }
    if (parent instanceof RSet) {
      if (!equals(key, value)) throw new PatchError('set key must equal the value');
      const s = parent.clone();
      s.add(value);
      return s;
    }
    throw new PatchError('cannot insert into a scalar');
  });
}

function remove(doc: Value, path: Path): Value {
  if (path.length === 0) throw new PatchError('cannot remove the root');
  return update(doc, path, (parent, key) => {
    child(parent, key); // must exist
    if (parent instanceof RObject) {
      const o = parent.clone();
      o.delete(key);
      return o;
    }
    if (Array.isArray(parent)) {
      const i = toIndex(parent.length, key);
      return [...parent.slice(0, i), ...parent.slice(i + 1)];
    }
    const s = (parent as RSet).clone();
    s.delete(key);
    return s;
  });
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

function attribute(op: RObject, name: string): Value {
  const v = op.get(name);
  if (v === undefined) throw new PatchError(`missing '${name}' attribute`);
  return v;
}

/** Applies JSON-Patch operations; undefined when any operation fails (OPA's json.patch). */
export function applyPatch(doc: Value, operations: Value[]): Value | undefined {
  try {
    let result = doc;
    for (const raw of operations) {
      if (!(raw instanceof RObject)) throw new PatchError('not an object');
      const op = attribute(raw, 'op');
      if (typeof op !== 'string' || !OPS.has(op)) throw new PatchError(`unrecognized op`);
      const path = parsePatchPath(attribute(raw, 'path'));
      const from = op === 'move' || op === 'copy' ? parsePatchPath(attribute(raw, 'from')) : [];
      const value = op === 'add' || op === 'replace' || op === 'test' ? attribute(raw, 'value') : null;
      switch (op) {
        case 'add':
          result = insert(result, path, value);
          break;
        case 'remove':
          result = remove(result, path);
          break;
        case 'replace':
          result = insert(path.length === 0 ? result : remove(result, path), path, value);
          break;
        case 'move': {
          const chunk = render(result, from);
          result = insert(remove(result, from), path, chunk);
          break;
        }
        case 'copy':
          result = insert(result, path, render(result, from));
          break;
        default:
          if (!equals(render(result, path), value)) throw new PatchError('test failed');
      }
    }
    return result;
  } catch (e) {
    if (e instanceof PatchError || e instanceof TypeErrorText) return undefined;
    throw e;
  }
}

function parsePatchPath(p: Value): Path {
  if (typeof p !== 'string' && !Array.isArray(p)) throw new PatchError('invalid path');
  return parsePath(p);
}
