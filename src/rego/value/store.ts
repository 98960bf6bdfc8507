// Keyed storage behind RSet and RObject. Scalar keys live in a Map under their canonical string
// (strings are their own key: the fast path). Composite keys (arrays, objects, sets) live in
// buckets under a structural hash computed once per immutable object, and are told apart by
// structural equality, so a set of large objects never builds long canonical strings.
import { BigNum } from './bignum.js';
import { equals, numberKey, valueKey, type Value } from './types.js';

/** murmur3's 32-bit finaliser: spreads the bits of a combined hash. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function stringHash(s: string, seed: number): number {
  let h = seed ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** A structural hash consistent with Rego equality (equal values, e.g. 1 and 1.0, hash alike). */
export function hashValue(v: Value): number {
  if (v === null) return 0x2545f491;
  switch (typeof v) {
    case 'boolean':
      return v ? 0x1b873593 : 0x0cc9e2d5;
    case 'string':
      return stringHash(v, 0x73);
    case 'number':
      return stringHash(numberKey(v), 0x6e);
  }
  if (v instanceof BigNum) return stringHash(numberKey(v), 0x6e);
  if (Array.isArray(v)) {
    // Arrays are plain JS arrays, so their hash is not cached (their members' hashes are).
    let h = 0x617272 ^ v.length;
    for (const x of v) h = mix(Math.imul(h, 31) + hashValue(x));
    return h;
  }
  return v.hash();
}

function isScalar(v: Value): boolean {
  return typeof v !== 'object' || v === null || v instanceof BigNum;
}

/** Entries of type E indexed by a Value key; `keyOf` recovers the key from an entry. */
export class ValueStore<E> {
  private readonly scalars = new Map<string, E>();
  /** Composite keys: the first entry per hash (no bucket array for the usual single entry)... */
  private composites: Map<number, E> | undefined;
  /** ...and any further entries whose hash collided with it. */
  private collisions: Map<number, E[]> | undefined;
  private count = 0;

  constructor(private readonly keyOf: (e: E) => Value) {}

  get size(): number {
    return this.count;
  }

  get(k: Value): E | undefined {
    if (isScalar(k)) return this.scalars.get(valueKey(k));
    if (!this.composites) return undefined;
    const h = hashValue(k);
    const first = this.composites.get(h);
    if (first === undefined) return undefined;
    if (equals(this.keyOf(first), k)) return first;
    const more = this.collisions?.get(h);
    if (more) for (const e of more) if (equals(this.keyOf(e), k)) return e;
    return undefined;
  }

  /** Stores `e` under `k`; an existing entry is kept unless `replace`. True when something changed. */
  put(k: Value, e: E, replace: boolean): boolean {
    if (isScalar(k)) {
      const key = valueKey(k);
      const had = this.scalars.has(key);
      if (had && !replace) return false;
      this.scalars.set(key, e);
      if (!had) this.count++;
      return true;
    }
    const h = hashValue(k);
    this.composites ??= new Map();
    const first = this.composites.get(h);
    if (first === undefined) {
      this.composites.set(h, e);
      this.count++;
      return true;
    }
    if (equals(this.keyOf(first), k)) {
      if (replace) this.composites.set(h, e);
      return replace;
    }
    this.collisions ??= new Map();
    let more = this.collisions.get(h);
    if (!more) this.collisions.set(h, (more = []));
    for (let i = 0; i < more.length; i++) {
      if (equals(this.keyOf(more[i]!), k)) {
        if (!replace) return false;
        more[i] = e;
        return true;
      }
    }
    more.push(e);
    this.count++;
    return true;
  }

  remove(k: Value): boolean {
    if (isScalar(k)) {
      const gone = this.scalars.delete(valueKey(k));
      if (gone) this.count--;
      return gone;
    }
    const h = hashValue(k);
    const first = this.composites?.get(h);
    if (first === undefined) return false;
    const more = this.collisions?.get(h);
    if (equals(this.keyOf(first), k)) {
      // Promote a colliding entry, if any, to first place.
      if (more && more.length > 0) {
        this.composites!.set(h, more.shift()!);
        if (more.length === 0) this.collisions!.delete(h);
      } else this.composites!.delete(h);
      this.count--;
      return true;
    }
    const i = more ? more.findIndex((e) => equals(this.keyOf(e), k)) : -1;
    if (i < 0) return false;
    more!.splice(i, 1);
    if (more!.length === 0) this.collisions!.delete(h);
    this.count--;
    return true;
  }

  /** All entries, unordered, in a fresh array. */
  items(): E[] {
    const out = [...this.scalars.values()];
    if (this.composites) for (const e of this.composites.values()) out.push(e);
    if (this.collisions) for (const more of this.collisions.values()) for (const e of more) out.push(e);
    return out;
  }

  copyFrom(other: ValueStore<E>): void {
    for (const [k, e] of other.scalars) this.scalars.set(k, e);
    if (other.composites) this.composites = new Map(other.composites);
    if (other.collisions) {
      this.collisions = new Map();
      for (const [h, more] of other.collisions) this.collisions.set(h, [...more]);
    }
    this.count = other.count;
  }
}
