// Prints the AST back to Rego v1 source. Parsing the output gives the same AST (up to locations,
// wildcard numbering and comments): infix calls inside terms are parenthesised, generated bodies
// and values are left out, METADATA blocks are regenerated from the annotations.
import { stringify } from 'yaml';
import type { Annotations, Body, Expr, Import, Module, RefTerm, Rule, RuleHead, Term, With } from './types.js';

const INFIX: Readonly<Record<string, string>> = {
  equal: '==',
  neq: '!=',
  lt: '<',
  gt: '>',
  lte: '<=',
  gte: '>=',
  or: '|',
  and: '&',
  plus: '+',
  minus: '-',
  mul: '*',
  div: '/',
  rem: '%',
  eq: '=',
  assign: ':=',
};

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function printVar(name: string): string {
  return name.startsWith('$_') ? '_' : name;
}

/** The infix form of a call, when it has one: `a + b`, `x in xs`, `k, v in xs`. */
function infix(fn: RefTerm, args: Term[]): string | undefined {
  const t = fn.terms;
  if (t.length === 1 && t[0]!.type === 'var' && args.length === 2) {
    const op = INFIX[t[0].name];
    if (op) return `${printTerm(args[0]!)} ${op} ${printTerm(args[1]!)}`;
  }
  if (t.length === 2 && t[0]!.type === 'var' && t[0].name === 'internal' && t[1]!.type === 'string') {
    if (t[1].value === 'member_2' && args.length === 2) return `${printTerm(args[0]!)} in ${printTerm(args[1]!)}`;
    if (t[1].value === 'member_3' && args.length === 3) {
      return `${printTerm(args[0]!)}, ${printTerm(args[1]!)} in ${printTerm(args[2]!)}`;
    }
  }
  return undefined;
}

/** A ref operand: `.name` for identifiers, `[term]` otherwise. */
function printOperand(t: Term): string {
  if (t.type === 'string' && IDENT.test(t.value)) return '.' + t.value;
  return `[${printTerm(t)}]`;
}

export function printRef(ref: RefTerm | Term[]): string {
  const terms = Array.isArray(ref) ? ref : ref.terms;
  const head = terms[0];
  if (!head) return '';
  let s = head.type === 'var' ? printVar(head.name) : printTerm(head);
  for (let i = 1; i < terms.length; i++) s += printOperand(terms[i]!);
  return s;
}

function escapeTemplate(text: string, raw: boolean): string {
  if (raw) return text.replace(/\{/g, '\\{');
  return JSON.stringify(text).slice(1, -1).replace(/\{/g, '\\{');
}

export function printTerm(t: Term): string {
  switch (t.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return t.value ? 'true' : 'false';
    case 'number':
      return t.text;
    case 'string':
      return t.raw && !t.value.includes('`') ? '`' + t.value + '`' : JSON.stringify(t.value);
    case 'var':
      return printVar(t.name);
    case 'ref':
      return printRef(t);
    case 'array':
      return `[${t.items.map(printTerm).join(', ')}]`;
    case 'set':
      return t.items.length === 0 ? 'set()' : `{${t.items.map(printTerm).join(', ')}}`;
    case 'object':
      return `{${t.items.map(([k, v]) => `${printTerm(k)}: ${printTerm(v)}`).join(', ')}}`;
    case 'arraycomp':
      return `[${printTerm(t.term)} | ${printBody(t.body)}]`;
    case 'setcomp':
      return `{${printTerm(t.term)} | ${printBody(t.body)}}`;
    case 'objectcomp':
      return `{${printTerm(t.key)}: ${printTerm(t.value)} | ${printBody(t.body)}}`;
    case 'call': {
      const op = infix(t.fn, t.args);
      return op ? `(${op})` : `${printRef(t.fn)}(${t.args.map(printTerm).join(', ')})`;
    }
    case 'template': {
      const raw = t.raw === true && t.parts.every((p) => typeof p !== 'string' || !p.includes('`'));
      let s = raw ? '$`' : '$"';
      t.parts.forEach((p, i) => {
        if (typeof p === 'string') s += escapeTemplate(p, raw);
        else {
          const expr = t.partExprs?.[i];
          s += `{${expr ? printExpr(expr, '', true) : printTerm(p)}}`;
        }
      });
      return s + (raw ? '`' : '"');
    }
  }
}

function printWith(w: With): string {
  return `with ${printRef(w.target)} as ${printTerm(w.value)}`;
}

/** One expression; `every` bodies go on their own lines below `indent`, or inline with `oneLine`. */
export function printExpr(e: Expr, indent = '', oneLine = false): string {
  const b = e.body;
  let s: string;
  switch (b.kind) {
    case 'term':
      s = printTerm(b.term);
      break;
    case 'call':
      s = infix(b.fn, b.args) ?? `${printRef(b.fn)}(${b.args.map(printTerm).join(', ')})`;
      break;
    case 'some':
      s = `some ${b.vars.map(printTerm).join(', ')}`;
      break;
    case 'somein':
      s = `some ${b.key ? printTerm(b.key) + ', ' : ''}${printTerm(b.value)} in ${printTerm(b.collection)}`;
      break;
    case 'every': {
      const head = `every ${b.key ? printTerm(b.key) + ', ' : ''}${printTerm(b.value)} in ${printTerm(b.domain)}`;
      s = oneLine ? `${head} { ${printBody(b.body)} }` : `${head} {\n${printBodyLines(b.body, indent + '\t')}\n${indent}}`;
      break;
    }
  }
  if (e.negated) s = 'not ' + s;
  for (const w of e.with) s += ' ' + printWith(w);
  return s;
}

/** A body on one line, expressions separated by `;` (as in comprehensions and queries). */
export function printBody(body: Body): string {
  return body.map((e) => printExpr(e, '', true)).join('; ');
}

function printBodyLines(body: Body, indent: string): string {
  return body.map((e) => indent + printExpr(e, indent)).join('\n');
}

function printHeadRef(head: RuleHead): string {
  const [first, ...rest] = head.ref;
  if (!first) return head.name;
  let s = first.type === 'var' ? first.name : printTerm(first);
  for (const t of rest) s += printOperand(t);
  return s;
}

function printValue(head: RuleHead): string {
  if (!head.value || head.generatedValue) return '';
  return ` ${head.assign ? ':=' : '='} ${printTerm(head.value)}`;
}

function printRuleBody(rule: Rule): string {
  if (rule.generatedBody) return '';
  return ` if {\n${printBodyLines(rule.body, '\t')}\n}`;
}

export function printRule(rule: Rule): string {
  const head = rule.head;
  let s = printHeadRef(head);
  if (head.args) s += `(${head.args.map(printTerm).join(', ')})`;
  if (rule.isDefault) return `default ${s}${printValue(head)}`;
  if (head.kind === 'partialset' && head.key) s += ` contains ${printTerm(head.key)}`;
  else s += printValue(head);
  s += printRuleBody(rule);
  for (let e = rule.else; e; e = e.else) {
    s += ` else${printValue(e.head)}${printRuleBody(e)}`;
  }
  return s;
}

function printImport(imp: Import): string {
  return `import ${printRef(imp.path)}${imp.alias ? ` as ${imp.alias}` : ''}`;
}

/** A METADATA comment block with the annotation's fields (scope always written). */
export function printAnnotations(a: Annotations): string {
  const doc: Record<string, unknown> = { scope: a.scope };
  if (a.title !== undefined) doc.title = a.title;
  if (a.description !== undefined) doc.description = a.description;
  if (a.related_resources) doc.related_resources = a.related_resources.map((r) => (r.description ? { ref: r.ref, description: r.description } : r.ref));
  if (a.authors) doc.authors = a.authors.map((x) => (x.name && x.email ? `${x.name} <${x.email}>` : x.name ? x.name : { email: x.email }));
  if (a.organizations) doc.organizations = a.organizations;
  if (a.schemas) {
    doc.schemas = a.schemas.map((x) => ({
      [x.path.join('.')]: x.definition ?? (Array.isArray(x.schema) ? (x.schema as string[]).join('.') : x.schema),
    }));
  }
  if (a.entrypoint) doc.entrypoint = true;
  if (a.custom) doc.custom = a.custom;
  const yaml = stringify(doc, { lineWidth: 0 }).trimEnd();
  return ['# METADATA', ...yaml.split('\n').map((l) => `# ${l}`)].join('\n');
}

/**
 * The module as source. Annotations are written before the package or the first rule they apply
 * to; comments are not kept.
 */
export function printModule(m: Module): string {
  const pkg = m.package.path.slice(1);
  const lines: string[] = [];
  const printed = new Set<Annotations>();
  const annotate = (list: Annotations[] | undefined) => {
    for (const a of list ?? []) {
      if (printed.has(a)) continue;
      printed.add(a);
      // A blank line ends the block: adjacent comment lines would continue it.
      lines.push(printAnnotations(a), '');
    }
  };
  annotate(m.package.annotations);
  lines.push(`package ${printRef([{ type: 'var', name: pkg[0]?.type === 'string' ? pkg[0].value : '' }, ...pkg.slice(1)])}`, '');
  if (m.imports.length > 0) lines.push(...m.imports.map(printImport), '');
  for (const r of m.rules) {
    annotate(r.annotations);
    lines.push(printRule(r), '');
  }
  return lines.join('\n');
}
