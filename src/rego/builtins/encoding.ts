// Encodings (v1/topdown/encoding.go, casts.go): base64, base64url, hex, JSON, YAML, URL queries,
// and to_number. Byte strings decode as UTF-8 (invalid bytes become U+FFFD).
import YAML from 'yaml';
import { isNumber, RObject, RSet, fromJS, toJSONText, typeName, type Value } from '../value/types.js';
import { BigNum } from '../value/bignum.js';
import { parseDecimal } from '../value/bignum.js';
import { normalizeNumber } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { BuiltinFailure, TypeErrorText } from './types.js';
import { builtin, obj, str, T, typeErr } from './lib-a/util.js';
import * as B from './lib-a/bytes.js';
import { JSONSyntaxError, marshal, marshalIndent, parseJSON } from './lib-a/gojson.js';

function stringFn(name: string, f: (s: string) => Value, category = 'encoding'): BuiltinDecl {
  return builtin(name, category, [['x', T.str]], T.str, ([x]) => f(str(x, 1)));
}

/** is_valid builtins answer false (never an error) for non-strings. */
function validFn(name: string, valid: (s: string) => boolean): BuiltinDecl {
  return builtin(name, 'encoding', [['x', T.str]], T.bool, ([x]) => typeof x === 'string' && valid(x));
}

function succeeds(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

function jsonUnmarshal(s: string): Value {
  try {
    return parseJSON(s);
  } catch (e) {
    if (e instanceof JSONSyntaxError) throw new BuiltinFailure(e.message);
    throw e;
  }
}

function marshalWithOptions([v, o]: Value[]): Value {
  const opts = obj(o, 2);
  let indent = '\t';
  let prefix = '';
  let implicitPretty = false;
  let explicit: boolean | undefined;
  for (const [idx, [k, val]] of opts.entries().entries()) {
    if (typeof k !== 'string')
      throw new TypeErrorText(
        `operand 2 failed to stringify key ${toJSONText(k)} at index ${idx}: operand ${idx} must be string but got ${typeName(k)}`,
      );
    const quoted = JSON.stringify(k);
    if (k === 'prefix' || k === 'indent') {
      if (typeof val !== 'string')
        throw new TypeErrorText(`operand 2 key ${quoted} failed cast to string: operand must be string but got ${typeName(val)}`);
      if (k === 'prefix') prefix = val;
      else indent = val;
      implicitPretty = true;
    } else if (k === 'pretty') {
      if (typeof val !== 'boolean') throw new TypeErrorText(`operand 2 key ${quoted} failed cast to bool`);
      explicit = val;
    } else throw new TypeErrorText(`operand 2 object contained unknown key ${quoted}`);
  }
  const pretty = explicit ?? implicitPretty;
  const value = v ?? null;
  return pretty ? prefix + marshalIndent(value, prefix, indent) : marshal(value);
}

/** go-yaml's wording for the most common syntax error; other errors keep the parser's text. */
function yamlError(e: unknown): BuiltinFailure {
  const err = e as { code?: string; message?: string; linePos?: { line: number }[] };
  const line = err.linePos?.[0]?.line ?? 1;
  const msg = err.message ?? String(e);
  if (err.code === 'MISSING_CHAR' && /Flow sequence/.test(msg))
    return new BuiltinFailure(`yaml: line ${line}: did not find expected ',' or ']'`);
  if (err.code === 'MISSING_CHAR' && /Flow map/.test(msg))
    return new BuiltinFailure(`yaml: line ${line}: did not find expected ',' or '}'`);
  return new BuiltinFailure(`yaml: line ${line}: ${msg.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
}

/** YAML 1.1 as go-yaml v2 reads it (yes/no are booleans); big integers stay exact. */
function yamlParse(s: string): unknown {
  const docs = YAML.parseAllDocuments(s, { version: '1.1', intAsBigInt: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const first = list[0];
  if (!first) return null;
  for (const d of list) {
    const err = d.errors[0];
    if (err) throw err;
  }
  return first.toJS({ maxAliasCount: 1000 });
}

/**
 * The JSON document OPA hands to YAMLToJSON, as JS for the yaml package: sets become arrays,
 * non-string keys their JSON text, big integers bigints.
 */
function yamlDocument(v: Value): unknown {
  if (v instanceof BigNum) return v.isInteger() ? v.toBigInt() : v.toNumber();
  if (Array.isArray(v)) return v.map(yamlDocument);
  if (v instanceof RSet) return v.values().map(yamlDocument);
  if (v instanceof RObject) {
    const entries = v.entries().map(([k, x]): [string, unknown] => [typeof k === 'string' ? k : toJSONText(k), yamlDocument(x)]);
    return Object.fromEntries(entries);
  }
  return v;
}

function yamlMarshal(v: Value): string {
  const js = yamlDocument(v);
  // Keys sorted as strings like Go's maps ("10" before "2"; JS objects would list "2" first).
  const byKey = (a: { key: unknown }, b: { key: unknown }): number => {
    const x = String((a.key as { value?: unknown })?.value ?? a.key);
    const y = String((b.key as { value?: unknown })?.value ?? b.key);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return YAML.stringify(js, { version: '1.1', indentSeq: false, lineWidth: 0, sortMapEntries: byKey });
}

/** url.Values.Encode of an object whose values are strings or arrays/sets of strings. */
function encodeObject([o]: Value[]): Value {
  const object = obj(o, 1);
  const bad = new TypeErrorText('operand 1 values must be string, array[string], or set[string]');
  const pairs: [string, string][] = [];
  const keyed = object.entries().map(([k, v]): [string, Value] => [typeof k === 'string' ? k : marshal(k), v]);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, v] of keyed) {
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : v instanceof RSet ? v.values() : undefined;
    if (!values) throw bad;
    for (const x of values) {
      if (typeof x !== 'string') throw bad;
      pairs.push([k, x]);
    }
  }
  return pairs.map(([k, x]) => B.queryEscape(k) + '=' + B.queryEscape(x)).join('&');
}

/** url.ParseQuery: '&'-separated pairs, repeated keys collect into arrays; ';' is rejected. */
function decodeObject([q]: Value[]): Value {
  const query = str(q, 1);
  const out = new Map<string, string[]>();
  let firstError: Error | undefined;
  for (const part of query.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) {
      firstError ??= new BuiltinFailure('invalid semicolon separator in query');
      continue;
    }
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      const key = B.queryUnescape(rawKey);
      const value = B.queryUnescape(rawValue);
      out.set(key, [...(out.get(key) ?? []), value]);
    } catch (e) {
      firstError ??= e as Error;
    }
  }
  if (firstError) throw firstError;
  return RObject.from([...out].map(([k, v]): [Value, Value] => [k, v]));
}

/** to_number: Go's strconv.ParseFloat decides validity, the text itself becomes the number. */
function toNumber([v]: Value[]): Value {
  const x = v ?? null;
  if (x === null) return 0;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (isNumber(x)) return x;
  if (typeof x !== 'string') throw typeErr(1, x, 'null', 'boolean', 'number', 'string');
  const lower = x.replace(/^[+-]+/, '').toLowerCase();
  if (lower === 'inf' || lower === 'infinity' || lower === 'nan') throw typeErr(1, x, 'valid number string');
  const m = /^([+-]?)(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.exec(x);
  if (!m) throw new BuiltinFailure(`strconv.ParseFloat: parsing ${JSON.stringify(x)}: invalid syntax`);
  let text = (m[1] === '-' ? '-' : '') + m[2]! + (m[3] ?? '');
  text = text.replace(/^(-?)\./, '$10.').replace(/\.(?=[eE]|$)/, '');
  const n = parseDecimal(text)!;
  if (!Number.isFinite(n.toNumber()))
    throw new BuiltinFailure(`strconv.ParseFloat: parsing ${JSON.stringify(x)}: value out of range`);
  return normalizeNumber(n);
}

export const encodingBuiltins: BuiltinDecl[] = [
  stringFn('base64.encode', (s) => B.base64Encode(s, false, true)),
  stringFn('base64.decode', (s) => B.bytesToString(B.base64Decode(s, false))),
  validFn('base64.is_valid', (s) => succeeds(() => B.base64Decode(s, false))),
  stringFn('base64url.encode', (s) => B.base64Encode(s, true, true)),
  stringFn('base64url.encode_no_pad', (s) => B.base64Encode(s, true, false)),
  stringFn('base64url.decode', (s) => {
    let padded = s;
    if (!s.endsWith('=')) {
      const r = s.length % 4;
      if (r === 1) throw new BuiltinFailure(`illegal base64url string: ${s}`);
      padded += r === 2 ? '==' : r === 3 ? '=' : '';
    }
    return B.bytesToString(B.base64Decode(padded, true));
  }),
  stringFn('hex.encode', B.hexEncode),
  stringFn('hex.decode', (s) => B.bytesToString(B.hexDecode(s))),
  builtin('json.marshal', 'encoding', [['x', T.any]], T.str, ([x]) => marshal(x ?? null)),
  builtin('json.marshal_with_options', 'encoding', [['x', T.any], ['opts', T.obj(T.str, T.any)]], T.str, marshalWithOptions),
  builtin('json.unmarshal', 'encoding', [['x', T.str]], T.any, ([x]) => jsonUnmarshal(str(x, 1))),
  validFn('json.is_valid', (s) => succeeds(() => parseJSON(s))),
  builtin('yaml.marshal', 'encoding', [['x', T.any]], T.str, ([x]) => yamlMarshal(x ?? null)),
  builtin('yaml.unmarshal', 'encoding', [['x', T.str]], T.any, ([x]) => {
    const s = str(x, 1);
    try {
      return fromJS(yamlParse(s));
    } catch (e) {
      throw yamlError(e);
    }
  }),
  validFn('yaml.is_valid', (s) => succeeds(() => yamlParse(s))),
  stringFn('urlquery.encode', B.queryEscape),
  stringFn('urlquery.decode', B.queryUnescape),
  builtin('urlquery.encode_object', 'encoding', [['object', T.obj(T.str, T.anyOf(T.str, T.arr(T.str), T.set(T.str)))]], T.str, encodeObject),
  builtin('urlquery.decode_object', 'encoding', [['x', T.str]], T.obj(T.str, T.arr(T.str)), decodeObject),
  builtin('to_number', 'conversions', [['x', T.anyOf(T.null, T.bool, T.num, T.str)]], T.num, toNumber),
];
