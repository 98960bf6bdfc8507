// JSON as Go's encoding/json reads and writes it for OPA: exact numbers on input (UseNumber),
// Go's escaping (<, >, & and U+2028/2029 as \u escapes) and MarshalIndent's layout on output.
import { BigNum, parseDecimal } from '../../value/bignum.js';
import { normalizeNumber, numberKey, RObject, RSet, toJSONText, type Value } from '../../value/types.js';

export class JSONSyntaxError extends Error {}

/** Parses JSON text into a Rego value, keeping every number exact. Throws JSONSyntaxError. */
export function parseJSON(text: string): Value {
  let i = 0;
  const fail = (what: string): never => {
    if (i >= text.length) throw new JSONSyntaxError('unexpected end of JSON input');
    throw new JSONSyntaxError(`invalid character ${quoteChar(text[i]!)} ${what}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = new RObject();
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        const k = string();
        ws();
        if (text[i] !== ':') fail('after object key');
        i++;
        o.set(k, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const a: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        fail('after array element');
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 4096));
    if (m && m[0] !== '-') {
      i += m[0].length;
      return normalizeNumber(parseDecimal(m[0]) as BigNum);
    }
    return fail('looking for beginning of value');
  };
  const string = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('in string literal');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c < ' ') fail('in string literal');
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          i++;
          fail('in string escape code');
        }
        continue;
      }
      out += c;
      i++;
    }
  };
  const v = value();
  ws();
  if (i < text.length) fail('after top-level value');
  return v;
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  return `'${c}'`;
}

/** Go's encoding/json string escaping (HTML-safe, \b and \f as in Go >= 1.22). */
export function goQuote(s: string): string {
  let out = '"';
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    const code = c.charCodeAt(0);
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || c === '<' || c === '>' || c === '&' || code === 0x2028 || code === 0x2029)
      out += '\\u' + code.toString(16).padStart(4, '0');
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = s.charCodeAt(k + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += c + s[k + 1];
        k++;
      } else out += '\\ufffd'; // a lone surrogate is invalid UTF-8 in Go
    } else out += c;
  }
  return out + '"';
}

/** Object key text: strings as they are, other keys as their JSON text (OPA's ast.JSON). */
function keyText(k: Value): string {
  return typeof k === 'string' ? k : toJSONText(k);
}

/** Sorted entries by key text, as Go marshals a map[string]any. */
function entries(o: RObject): [string, Value][] {
  return o
    .entries()
    .map(([k, v]): [string, Value] => [keyText(k), v])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** json.Marshal of a Rego value. */
export function marshal(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || v instanceof BigNum) return numberKey(v);
  if (Array.isArray(v)) return '[' + v.map(marshal).join(',') + ']';
  if (v instanceof RSet) return '[' + v.values().map(marshal).join(',') + ']';
  return '{' + entries(v).map(([k, x]) => goQuote(k) + ':' + marshal(x)).join(',') + '}';
}

/** json.MarshalIndent(v, prefix, indent); like Go, the first line carries no prefix. */
export function marshalIndent(v: Value, prefix: string, indent: string, depth = 0): string {
  const nl = (d: number): string => '\n' + prefix + indent.repeat(d);
  const items: string[] | undefined = Array.isArray(v)
    ? v.map((x) => marshalIndent(x, prefix, indent, depth + 1))
    : v instanceof RSet
      ? v.values().map((x) => marshalIndent(x, prefix, indent, depth + 1))
      : undefined;
  if (items) return items.length === 0 ? '[]' : '[' + items.map((x) => nl(depth + 1) + x).join(',') + nl(depth) + ']';
  if (v instanceof RObject) {
    const e = entries(v);
    if (e.length === 0) return '{}';
    return (
      '{' +
      e.map(([k, x]) => nl(depth + 1) + goQuote(k) + ': ' + marshalIndent(x, prefix, indent, depth + 1)).join(',') +
      nl(depth) +
      '}'
    );
  }
  return marshal(v);
}
