// Rego values. Scalars are plain JS values; numbers are a JS `number` when exact, else a BigNum.
// Arrays are JS arrays; objects and sets are keyed by a canonical string so that structurally
// equal values (including 1 and 1.0) collide, and iterate in Rego's sorted order, as OPA does.
import { BigNum, bigFromNumber, parseDecimal } from './bignum.js';
import { ValueStore, hashValue, mix } from './store.js';

export type RNumber = number | BigNum;
export type Value = null | boolean | string | RNumber | Value[] | RObject | RSet;

export function isNumber(v: Value | undefined): v is RNumber {
  return typeof v === 'number' || v instanceof BigNum;
}
export function isObject(v: Value | undefined): v is RObject {
  return v instanceof RObject;
}
export function isSet(v: Value | undefined): v is RSet {
  return v instanceof RSet;
}
export function isArray(v: Value | undefined): v is Value[] {
  return Array.isArray(v);
}

/** OPA's type names, as `type_name` returns them. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
  }
  if (v instanceof BigNum) return 'number';
  if (Array.isArray(v)) return 'array';
  if (v instanceof RObject) return 'object';
  return 'set';
}

/** Canonical text of a number: equal numbers give equal text (1, 1.0 and 1e0 all give "1"). */
export function numberKey(n: RNumber): string {
  if (typeof n === 'number') {
    if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return String(n);
    return bigFromNumber(n).toString();
  }
  return n.toString();
}

/** A canonical string identifying a value up to Rego equality. Strings map to themselves (fast path). */
export function valueKey(v: Value): string {
  if (typeof v === 'string') return v.length > 0 && v.charCodeAt(0) === 0 ? '\u0000s' + v : v;
  return '\u0000' + canonical(v);
}

function canonical(v: Value): string {
  if (v === null) return 'n';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'string') return JSON.stringify(v);
  if (isNumber(v)) return '#' + numberKey(v);
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v instanceof RObject) return '{' + v.entries().map(([k, x]) => canonical(k) + ':' + canonical(x)).join(',') + '}';
  return '<' + v.values().map(canonical).join(',') + '>';
}

/** Rank of a value's type in OPA's order: null < boolean < number < string < array < object < set. */
function typeRank(v: Value): number {
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'string':
      return 3;
  }
  if (v instanceof BigNum) return 2;
  if (Array.isArray(v)) return 4;
  return v instanceof RObject ? 5 : 6;
}

export function compareNumbers(a: RNumber, b: RNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = typeof a === 'number' ? bigFromNumber(a) : a;
  const y = typeof b === 'number' ? bigFromNumber(b) : b;
  const e = Math.min(x.exp, y.exp);
  const cx = x.coef * 10n ** BigInt(x.exp - e);
  const cy = y.coef * 10n ** BigInt(y.exp - e);
  return cx < cy ? -1 : cx > cy ? 1 : 0;
}

/** Total order over values, following OPA's ast.Compare. */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  const ta = typeRank(a);
  const tb = typeRank(b);
  if (ta !== tb) return ta - tb;
  switch (ta) {
    case 0:
      return 0;
    case 1:
      return a ? 1 : -1;
    case 2:
      return compareNumbers(a as RNumber, b as RNumber);
    case 3:
      return (a as string) < (b as string) ? -1 : 1;
    case 4:
      return compareSeq(a as Value[], b as Value[]);
    case 5: {
      const ea = (a as RObject).entries();
      const eb = (b as RObject).entries();
      const n = Math.min(ea.length, eb.length);
      for (let i = 0; i < n; i++) {
        const c = compare(ea[i]![0], eb[i]![0]);
        if (c !== 0) return c;
        const d = compare(ea[i]![1], eb[i]![1]);
        if (d !== 0) return d;
      }
      return ea.length - eb.length;
    }
    default:
      return compareSeq((a as RSet).values(), (b as RSet).values());
  }
}

function compareSeq(a: Value[], b: Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  return compare(a, b) === 0;
}

/**
 * Sorts in Rego order. All-string arrays (deny messages, ids) use the engine's default sort, which
 * orders by UTF-16 code units exactly as `compare` does, without a comparator call per step.
 */
function sortValues(items: Value[]): Value[] {
  for (const v of items) if (typeof v !== 'string') return items.sort(compare);
  return items.sort();
}

const entryKey = (e: [Value, Value]): Value => e[0];
const identity = (v: Value): Value => v;

const OBJECT_PROTOTYPE: unknown = Object.prototype;

/**
 * An object with Value keys. String keys (nearly all of them) live in a plain JS object: one
 * converted from JSON is a spread copy of the source, which keeps V8's shared hidden class, so a
 * lookup is a property load (about twice as fast as a Map, and far cheaper to build). Inherited
 * members of Object.prototype are functions or the prototype itself, never Rego values, so lookups
 * filter them out; a `__proto__` key is written as an own property. Other keys live in a
 * ValueStore by Rego equality. Iteration is in sorted key order (sorted lazily, cached).
 */
export class RObject {
  private strs: Record<string, Value> = {};
  private strCount = 0;
  private others: ValueStore<[Value, Value]> | undefined;
  private sorted: [Value, Value][] | undefined;
  private unsorted: [Value, Value][] | undefined;
  private hashCache: number | undefined;

  static from(entries: Iterable<[Value, Value]>): RObject {
    const o = new RObject();
    for (const [k, v] of entries) o.set(k, v);
    return o;
  }

  get size(): number {
    return this.others ? this.strCount + this.others.size : this.strCount;
  }
  get(k: Value): Value | undefined {
    if (typeof k === 'string') {
      const v = this.strs[k] as unknown;
      return typeof v === 'function' || v === OBJECT_PROTOTYPE ? undefined : (v as Value | undefined);
    }
    return this.others?.get(k)?.[1];
  }
  has(k: Value): boolean {
    return this.get(k) !== undefined;
  }
  /** Mutates; only for objects under construction (values are immutable once shared). */
  set(k: Value, v: Value): void {
    if (typeof k === 'string') {
      if (this.get(k) === undefined) this.strCount++;
      if (k === '__proto__') Object.defineProperty(this.strs, k, { value: v, writable: true, enumerable: true, configurable: true });
      else this.strs[k] = v;
    } else (this.others ??= new ValueStore<[Value, Value]>(entryKey)).put(k, [k, v], true);
    this.sorted = undefined;
    this.unsorted = undefined;
    this.hashCache = undefined;
  }
  delete(k: Value): void {
    if (typeof k === 'string' ? this.deleteString(k) : this.others?.remove(k) === true) {
      this.sorted = undefined;
      this.unsorted = undefined;
      this.hashCache = undefined;
    }
  }
  entries(): [Value, Value][] {
    if (!this.sorted) this.sorted = this.items().sort((x, y) => compare(x[0], y[0]));
    return this.sorted;
  }
  /** The entries in a fixed but unspecified order (sorted when already sorted): no sorting cost. */
  unorderedEntries(): [Value, Value][] {
    return this.sorted ?? (this.unsorted ??= this.items());
  }
  keys(): Value[] {
    return this.entries().map((e) => e[0]);
  }
  values(): Value[] {
    return this.entries().map((e) => e[1]);
  }
  clone(): RObject {
    const o = new RObject();
    o.strs = { ...this.strs };
    o.strCount = this.strCount;
    if (this.others) (o.others = new ValueStore<[Value, Value]>(entryKey)).copyFrom(this.others);
    return o;
  }
  /** Order-independent structural hash, cached (cleared by mutation). */
  hash(): number {
    if (this.hashCache === undefined) {
      let h = 0x6f626a;
      const strs = this.strs;
      for (const k in strs) h = (h + mix(Math.imul(hashValue(k), 31) ^ hashValue(strs[k]!))) | 0;
      if (this.others) for (const [k, v] of this.others.items()) h = (h + mix(Math.imul(hashValue(k), 31) ^ hashValue(v))) | 0;
      this.hashCache = mix(h ^ this.size);
    }
    return this.hashCache;
  }

  /**
   * Adopts a plain object whose own enumerable string keys are the entries (values already Rego
   * values). Internal to fromJS, which hands over a fresh spread copy.
   */
  static adopt(strs: Record<string, Value>, count: number): RObject {
    const o = new RObject();
    o.strs = strs;
    o.strCount = count;
    return o;
  }

  private deleteString(k: string): boolean {
    if (this.get(k) === undefined) return false;
    delete this.strs[k];
    this.strCount--;
    return true;
  }

  /** All entries, unordered, in a fresh array. */
  private items(): [Value, Value][] {
    const out: [Value, Value][] = [];
    const strs = this.strs;
    for (const k in strs) out.push([k, strs[k]!]);
    if (this.others) for (const e of this.others.items()) out.push(e);
    return out;
  }
}

/** A set of values. Iteration is in sorted order (sorted lazily, cached). */
export class RSet {
  private readonly store = new ValueStore<Value>(identity);
  private sorted: Value[] | undefined;
  private unsorted: Value[] | undefined;
  private hashCache: number | undefined;

  static from(values: Iterable<Value>): RSet {
    const s = new RSet();
    for (const v of values) s.add(v);
    return s;
  }

  get size(): number {
    return this.store.size;
  }
  has(v: Value): boolean {
    return this.store.get(v) !== undefined;
  }
  /** Mutates; only for sets under construction. */
  add(v: Value): void {
    if (this.store.put(v, v, false)) {
      this.sorted = undefined;
      this.unsorted = undefined;
      this.hashCache = undefined;
    }
  }
  delete(v: Value): void {
    if (this.store.remove(v)) {
      this.sorted = undefined;
      this.unsorted = undefined;
      this.hashCache = undefined;
    }
  }
  values(): Value[] {
    if (!this.sorted) this.sorted = sortValues(this.store.items());
    return this.sorted;
  }
  /** The members in a fixed but unspecified order (sorted when already sorted): no sorting cost. */
  unorderedValues(): Value[] {
    return this.sorted ?? (this.unsorted ??= this.store.items());
  }
  clone(): RSet {
    const s = new RSet();
    s.store.copyFrom(this.store);
    return s;
  }
  /** Order-independent structural hash, cached (cleared by mutation). */
  hash(): number {
    if (this.hashCache === undefined) {
      let h = 0x736574;
      for (const v of this.store.items()) h = (h + mix(hashValue(v))) | 0;
      this.hashCache = mix(h ^ this.store.size);
    }
    return this.hashCache;
  }
}

export type JSONValue = null | boolean | number | string | JSONValue[] | { [k: string]: JSONValue };

/** From parsed JSON (or YAML). Plain JS objects become RObjects; bigint becomes an exact number. */
export function fromJS(x: unknown): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'string':
      return x;
    case 'number':
      return x;
    case 'bigint':
      return normalizeNumber(new BigNum(x, 0));
  }
  if (x instanceof BigNum) return normalizeNumber(x);
  if (Array.isArray(x)) return x.map(fromJS);
  if (x instanceof RObject || x instanceof RSet) return x;
  if (x instanceof Set) return RSet.from([...x].map(fromJS));
  // A spread copy keeps the source's hidden class; values are converted in place.
  const copy: Record<string, unknown> = { ...(x as Record<string, unknown>) };
  let count = 0;
  for (const k in copy) {
    count++;
    const v = copy[k];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') copy[k] = fromJS(v);
  }
  return RObject.adopt(copy as Record<string, Value>, count);
}

/** Prefers a JS number when it holds the value exactly. */
export function normalizeNumber(b: BigNum): RNumber {
  if (b.isInteger()) {
    const i = b.toBigInt();
    if (i >= BigInt(Number.MIN_SAFE_INTEGER) && i <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(i);
    return b;
  }
  const n = b.toNumber();
  if (Number.isFinite(n) && bigFromNumber(n).toString() === b.toString()) return n;
  return b;
}

/** Number from source text, exact. */
export function numberFromText(text: string): RNumber | undefined {
  const b = parseDecimal(text);
  return b ? normalizeNumber(b) : undefined;
}

/**
 * To plain JSON-able JS: sets become sorted arrays, non-string object keys are serialised as JSON
 * text (as OPA does), exact big numbers become JS numbers unless `bigAsString`.
 */
export function toJS(v: Value): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (v instanceof BigNum) return v.isInteger() ? v.toBigInt() : v.toNumber();
  if (Array.isArray(v)) return v.map(toJS);
  if (v instanceof RSet) return v.values().map(toJS);
  const out: Record<string, unknown> = {};
  for (const [k, x] of v.entries()) {
    const key = typeof k === 'string' ? k : toJSONText(k);
    // `__proto__` is data here, not the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: toJS(x), writable: true, enumerable: true, configurable: true });
    else out[key] = toJS(x);
  }
  return out;
}

/** Compact JSON text with exact numbers (what `json.marshal` returns). */
export function toJSONText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return numberKey(v);
  if (v instanceof BigNum) return v.toString();
  if (Array.isArray(v)) return '[' + v.map(toJSONText).join(',') + ']';
  if (v instanceof RSet) return '[' + v.values().map(toJSONText).join(',') + ']';
  return (
    '{' +
    v
      .entries()
      .map(([k, x]) => JSON.stringify(typeof k === 'string' ? k : toJSONText(k)) + ':' + toJSONText(x))
      .join(',') +
    '}'
  );
}
