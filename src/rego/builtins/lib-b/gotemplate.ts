// Executes templates parsed by gotemplate-parse.ts on the data OPA hands Go's text/template:
// JSON-like values where numbers are json.Number (printed as their text, always "true" in `if`).
// A missing map key prints "<undefined>" (OPA's behaviour). Functions: and or not len index
// slice print printf println eq ne lt le gt ge html js urlquery.
import { type Arg, type Node, type Pipeline, TemplateError, parseTemplate } from './gotemplate-parse.js';
import { type GoArg, goSprintf } from './gofmt.js';

/** Template values: strings, json.Number, booleans, nil, slices, maps (sorted on print). */
export type TV = string | { num: string } | boolean | null | TV[] | Map<string, TV> | typeof MISSING | number;
export const MISSING = Symbol('missing');

class Break extends Error {}
class Continue extends Error {}

function isNum(v: TV): v is { num: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
}

/** fmt's %v of a template value. */
export function printTV(v: TV): string {
  if (v === MISSING) return '<undefined>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(printTV).join(' ') + ']';
  if (v instanceof Map)
    return (
      'map[' +
      [...v.keys()]
        .sort()
        .map((k) => `${k}:${printTV(v.get(k)!)}`)
        .join(' ') +
      ']'
    );
  return v.num;
}

function truth(v: TV): boolean {
  if (v === MISSING || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v !== '';
  if (typeof v === 'number') return v !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return v.num !== ''; // json.Number is a string kind
}

function fail(at: string, message: string): never {
  throw new TemplateError(` executing "template" at <${at}>: ${message}`);
}

function field(v: TV, name: string, at: string): TV {
  if (v === MISSING) return MISSING;
  if (v instanceof Map) return v.has(name) ? v.get(name)! : MISSING;
  if (v === null) fail(at, `nil pointer evaluating interface {}.${name}`);
  return fail(at, `can't evaluate field ${name} in type ${typeOf(v)}`);
}

function typeOf(v: TV): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  if (v === null || v === MISSING) return 'interface {}';
  return 'json.Number';
}

/** Comparable form: json.Number and strings compare as strings, ints and floats as numbers. */
function basic(v: TV, fn: string): { kind: string; x: string | number | boolean } {
  if (typeof v === 'string') return { kind: 'string', x: v };
  if (isNum(v)) return { kind: 'string', x: v.num };
  if (typeof v === 'number') return { kind: 'number', x: v };
  if (typeof v === 'boolean') return { kind: 'bool', x: v };
  return fail(fn, `error calling ${fn}: invalid type for comparison`);
}

function compareTV(fn: string, a: TV, b: TV): number {
  const x = basic(a, fn);
  const y = basic(b, fn);
  if (x.kind !== y.kind) fail(fn, `error calling ${fn}: incompatible types for comparison`);
  if (x.kind === 'bool' && fn !== 'eq' && fn !== 'ne') fail(fn, `error calling ${fn}: invalid type for comparison`);
  return x.x === y.x ? 0 : x.x < y.x ? -1 : 1;
}

function goArgOf(v: TV): GoArg {
  if (typeof v === 'number') return Number.isInteger(v) ? { t: 'int', v: BigInt(v) } : { t: 'float', v };
  if (isNum(v)) return { t: 'string', v: v.num, goType: 'json.Number' };
  return { t: 'string', v: printTV(v) };
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
function sprint(args: TV[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isStr = typeof a === 'string' || isNum(a);
    if (i > 0 && !isStr && !(typeof args[i - 1] === 'string' || isNum(args[i - 1]!))) out += ' ';
    out += printTV(a);
  });
  return out;
}

const FUNCS: Record<string, (args: TV[], name: string) => TV> = {
  not: (a) => !truth(a[0] ?? null),
  len: (a, n) => {
    const v = a[0] ?? null;
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (Array.isArray(v)) return v.length;
    if (v instanceof Map) return v.size;
    return fail(n, `error calling len: len of type ${typeOf(v)}`);
  },
  index: (a, n) => {
    let v = a[0] ?? null;
    for (const k of a.slice(1)) {
      if (Array.isArray(v)) {
        const i = typeof k === 'number' ? k : isNum(k) ? Number(k.num) : NaN;
        if (!Number.isInteger(i) || i < 0 || i >= v.length) fail(n, `error calling index: index out of range: ${printTV(k)}`);
        v = v[i]!;
      } else if (v instanceof Map) v = v.get(printTV(k)) ?? MISSING;
      else fail(n, `error calling index: can't index item of type ${typeOf(v)}`);
    }
    return v;
  },
  slice: (a, n) => {
    const v = a[0] ?? null;
    const idx = a.slice(1).map((x) => (typeof x === 'number' ? x : Number(printTV(x))));
    if (typeof v === 'string') return v.slice(idx[0] ?? 0, idx[1] ?? v.length);
    if (Array.isArray(v)) return v.slice(idx[0] ?? 0, idx[1] ?? v.length);
    return fail(n, `error calling slice: can't slice item of type ${typeOf(v)}`);
  },
  print: (a) => sprint(a),
  println: (a) => a.map(printTV).join(' ') + '\n',
  printf: (a) => goSprintf(printTV(a[0] ?? ''), a.slice(1).map(goArgOf)),
  eq: (a, n) => a.slice(1).some((b) => compareTV(n, a[0] ?? null, b) === 0),
  ne: (a, n) => compareTV(n, a[0] ?? null, a[1] ?? null) !== 0,
  lt: (a, n) => compareTV(n, a[0] ?? null, a[1] ?? null) < 0,
  le: (a, n) => compareTV(n, a[0] ?? null, a[1] ?? null) <= 0,
  gt: (a, n) => compareTV(n, a[0] ?? null, a[1] ?? null) > 0,
  ge: (a, n) => compareTV(n, a[0] ?? null, a[1] ?? null) >= 0,
  html: (a) => sprint(a).replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!),
  js: (a) =>
    sprint(a).replace(/[\\'"<>&=\n\r\t]/g, (c) =>
      c === '\\' || c === "'" || c === '"' ? '\\' + c : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ),
  urlquery: (a) => encodeURIComponent(sprint(a)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()),
};

class Exec {
  private out = '';
  private vars: [string, TV][][] = [];

  constructor(private readonly root: TV) {
    this.vars.push([['$', root]]);
  }

  run(nodes: Node[]): string {
    this.walk(nodes, this.root);
    return this.out;
  }

  private lookupVar(name: string): TV {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const hit = [...this.vars[i]!].reverse().find(([n]) => n === name);
      if (hit) return hit[1];
    }
    throw new TemplateError(` undefined variable: ${name}`);
  }

  private setVar(name: string, v: TV, declare: boolean): void {
    if (declare) {
      this.vars[this.vars.length - 1]!.push([name, v]);
      return;
    }
    for (let i = this.vars.length - 1; i >= 0; i--)
      for (const entry of this.vars[i]!)
        if (entry[0] === name) {
          entry[1] = v;
          return;
        }
    throw new TemplateError(` undefined variable: ${name}`);
  }

  private walk(nodes: Node[], dot: TV): void {
    this.vars.push([]);
    try {
      for (const n of nodes) this.node(n, dot);
    } finally {
      this.vars.pop();
    }
  }

  private node(n: Node, dot: TV): void {
    switch (n.t) {
      case 'text':
        this.out += n.s;
        return;
      case 'action': {
        const v = this.pipeline(n.pipe, dot);
        if (n.pipe.decl.length === 0) this.out += printTV(v);
        return;
      }
      case 'if':
      case 'with': {
        const v = this.pipeline(n.pipe, dot);
        if (truth(v)) this.walk(n.list, n.t === 'with' ? v : dot);
        else if (n.elseList) this.walk(n.elseList, dot);
        return;
      }
      case 'range':
        return this.range(n, dot);
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  private range(n: Extract<Node, { list: Node[] }>, dot: TV): void {
    const decl = n.pipe.decl;
    const v = this.pipeline({ ...n.pipe, decl: [] }, dot);
    let items: [TV, TV][];
    if (Array.isArray(v)) items = v.map((x, i) => [i, x]);
    else if (v instanceof Map) items = [...v.keys()].sort().map((k) => [k, v.get(k)!]);
    else if (typeof v === 'number') items = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
    else if (v === null || v === MISSING) items = [];
    else return fail(n.pipe.text, `range can't iterate over ${printTV(v)}`);
    if (items.length === 0) {
      if (n.elseList) this.walk(n.elseList, dot);
      return;
    }
    for (const [k, x] of items) {
      this.vars.push(decl.length === 2 ? [[decl[0]!, k], [decl[1]!, x]] : decl.length === 1 ? [[decl[0]!, x]] : []);
      try {
        this.walk(n.list, x);
      } catch (e) {
        if (e instanceof Break) break;
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.pop();
      }
    }
  }

  private pipeline(p: Pipeline, dot: TV): TV {
    let value: TV | undefined;
    for (const cmd of p.cmds) value = this.command(cmd, dot, value);
    const v = value ?? null;
    for (const name of p.decl) this.setVar(name, v, !p.assign);
    return v;
  }

  private command(cmd: Arg[], dot: TV, piped: TV | undefined): TV {
    const [first, ...rest] = cmd;
    if (first?.k === 'ident') {
      const fn = FUNCS[first.name];
      if (!fn) {
        if (first.name === 'and' || first.name === 'or') return this.andOr(first.name, rest, dot, piped);
        throw new TemplateError(`1: function ${JSON.stringify(first.name)} not defined`);
      }
      const args = rest.map((a) => this.arg(a, dot));
      if (piped !== undefined) args.push(piped);
      return fn(args, first.name);
    }
    if (cmd.length > 1 || piped !== undefined) fail(first ? argText(first) : '', "can't give argument to non-function");
    return this.arg(first!, dot);
  }

  private andOr(name: 'and' | 'or', args: Arg[], dot: TV, piped: TV | undefined): TV {
    const values: (() => TV)[] = args.map((a) => () => this.arg(a, dot));
    if (piped !== undefined) values.push(() => piped);
    let v: TV = null;
    for (const get of values) {
      v = get();
      if (truth(v) === (name === 'or')) return v;
    }
    return v;
  }

  private arg(a: Arg, dot: TV): TV {
    switch (a.k) {
      case 'string':
        return a.v;
      case 'number':
        return a.v;
      case 'bool':
        return a.v;
      case 'nil':
        return null;
      case 'ident':
        if (FUNCS[a.name]) return FUNCS[a.name]!([], a.name);
        throw new TemplateError(`1: function ${JSON.stringify(a.name)} not defined`);
      case 'field': {
        let v = a.base === 'dot' ? dot : a.base === 'var' ? this.lookupVar(a.name!) : this.pipeline(a.pipe!, dot);
        for (const f of a.fields) v = field(v, f, argText(a));
        return v;
      }
    }
  }
}

function argText(a: Arg): string {
  if (a.k === 'field') return (a.base === 'var' ? a.name! : '') + a.fields.map((f) => '.' + f).join('') || '.';
  return a.k === 'ident' ? a.name : '';
}

/** Renders a template with data; throws TemplateError with Go-like text. */
export function renderTemplate(src: string, data: TV): string {
  return new Exec(data).run(parseTemplate(src));
}
