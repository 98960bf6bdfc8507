// The public parser API. Parse errors throw a RegoError('rego_parse_error') whose `errors` holds
// every error found (the parser resumes at the next statement after a syntax error).
import type { Body, Module, RefTerm, Term } from '../ast/types.js';
import { combineErrors, RegoError } from '../errors.js';
import { Tok } from '../lexer/tokens.js';
import { processAnnotations } from './annotations.js';
import { assembleModule } from './module.js';
import { StatementParser } from './statements.js';

export interface ParseOptions {
  /**
   * Whether a name is a builtin function, so that `count(x)` alone is not read as a function
   * definition ("rule name conflicts with built-in function"). Infix operators always are.
   */
  isBuiltin?: (name: string) => boolean;
}

/** Nesting deeper than the parser's depth limit can still exhaust the JS stack: report it as OPA does. */
function guardDepth<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof RangeError) throw new RegoError('rego_parse_error', 'max parsing recursion depth exceeded', { file, row: 1, col: 1 });
    throw e;
  }
}

export function parseModule(source: string, file: string, options: ParseOptions = {}): Module {
  return guardDepth(file, () => parseModuleUnguarded(source, file, options));
}

function parseModuleUnguarded(source: string, file: string, options: ParseOptions): Module {
  const parser = new StatementParser(source, file);
  const statements = parser.parseStatements();
  if (parser.errors.length > 0) throw combineErrors(parser.regoErrors());
  const parts = assembleModule(file, statements, parser.flags, options.isBuiltin ?? (() => false));
  if (parts.errors.length > 0 || !parts.pkg) throw combineErrors(parts.errors);
  const annotated = processAnnotations(parser.comments, parts.statements, parts.pkg, parts.rules, file);
  if (annotated.errors.length > 0) throw combineErrors(annotated.errors);
  const module: Module = {
    file,
    package: parts.pkg,
    imports: parts.imports,
    rules: parts.rules,
    comments: parser.comments.map((c) => ({ text: c.text, loc: { file, row: c.row, col: c.col, text: '#' + c.text } })),
    annotations: annotated.annotations,
    source,
  };
  for (const rule of module.rules) {
    for (let r: typeof rule | undefined = rule; r; r = r.else) r.module = module;
  }
  return module;
}

class QueryParser extends StatementParser {
  /** Bodies separated by newlines or `;`, as one body. */
  parseWholeQuery(): Body {
    const body: Body = [];
    while (this.kind() !== Tok.EOF) {
      this.clearTermCache();
      this.statementErrors = this.errors.length;
      const part = this.parseQuery(true, Tok.EOF);
      if (!part) break;
      for (const e of part) {
        e.index = body.length;
        body.push(e);
      }
    }
    if (this.errors.length > 0) throw combineErrors(this.regoErrors());
    return body;
  }
}

/** A query such as `data.x.p = y; y > 1` (an empty query gives an empty body). */
export function parseQuery(source: string, file = 'query'): Body {
  return guardDepth(file, () => new QueryParser(source, file).parseWholeQuery());
}

/** The same as parseQuery, named after OPA's ParseBody. */
export const parseBody = parseQuery;

/** One term, e.g. `{"a": [1, x]}` or `data.lib.f(x)` (a call term). */
export function parseTerm(source: string, file = 'term'): Term {
  const body = parseQuery(source, file);
  const expr = body[0];
  const fail = (msg: string): never => {
    throw new RegoError('rego_parse_error', msg, { file, row: expr?.loc?.row ?? 1, col: expr?.loc?.col ?? 1 });
  };
  if (!expr || body.length !== 1) return fail(`expected exactly one term but got ${body.length} expressions`);
  if (expr.negated || expr.with.length > 0) return fail('expected term but got an expression');
  if (expr.body.kind === 'term') return expr.body.term;
  if (expr.body.kind === 'call') return { type: 'call', fn: expr.body.fn, args: expr.body.args, loc: expr.loc };
  return fail(`expected term but got ${expr.body.kind}`);
}

/** A reference such as `data.a.b[0]` or `input.x`. */
export function parseRef(source: string, file = 'ref'): RefTerm {
  const t = parseTerm(source, file);
  if (t.type === 'ref') return t;
  if (t.type === 'var') return { type: 'ref', terms: [t], loc: t.loc };
  throw new RegoError('rego_parse_error', `expected ref but got ${t.type}`, { file, row: t.loc?.row ?? 1, col: t.loc?.col ?? 1 });
}
