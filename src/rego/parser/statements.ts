// Statements: package, import, and (from rules.ts) rules; as OPA does, a statement that is none of
// these is read as a body, which module.ts turns into a rule or an error. After a syntax error the
// parser resumes at the next line that starts a statement, so one parse reports several errors.
import type { Body, Import, Location, Package, RefTerm, Rule, Term } from '../ast/types.js';
import { refName, refTerm, stringTerm, valueName, varTerm } from '../ast/util.js';
import { isKeyword, isKeywordToken, Tok } from '../lexer/tokens.js';
import { RuleParser } from './rules.js';

export type Statement =
  | { kind: 'package'; node: Package; loc: Location }
  | { kind: 'import'; node: Import; loc: Location }
  | { kind: 'rule'; node: Rule; loc: Location }
  | { kind: 'body'; node: Body; loc: Location };


/** Stop collecting after this many errors, as OPA's compiler does. */
const MAX_ERRORS = 10;

export class StatementParser extends RuleParser {
  /** Every statement of the source; after a syntax error, resumes at the next line starting a statement. */
  parseStatements(): Statement[] {
    const out: Statement[] = [];
    while (this.kind() !== Tok.EOF) {
      this.clearTermCache();
      this.statementErrors = this.errors.length;
      const startPos = this.pos;
      if (this.parseStatement(out)) continue;
      if (this.errors.length === this.statementErrors) this.illegal();
      if (this.errors.length >= MAX_ERRORS) break;
      this.recover(startPos);
    }
    return out;
  }

  private recover(startPos: number): void {
    this.restore({ pos: startPos, errors: this.errors.length, wildcard: this.wildcard });
    this.scan();
    while (this.kind() !== Tok.EOF) {
      const t = this.tok;
      if (t.nl && t.col === 1 && (t.kind === Tok.Ident || t.kind === Tok.Package || t.kind === Tok.Import || t.kind === Tok.Default)) return;
      this.scan();
    }
  }

  private parseStatement(out: Statement[]): boolean {
    const start = this.tok;
    const s = this.save();
    if (this.kind() === Tok.Package) {
      const node = this.parsePackage();
      if (node) {
        out.push({ kind: 'package', node, loc: this.loc(start) });
        return true;
      }
      if (this.errors.length > this.statementErrors) return false;
      this.restore(s);
    }
    if (this.kind() === Tok.Import) {
      const node = this.parseImport();
      if (node) {
        this.checkKeywordImport(node);
        out.push({ kind: 'import', node, loc: this.loc(start) });
        return true;
      }
      if (this.errors.length > this.statementErrors) return false;
      this.restore(s);
    }
    const rules = this.parseRules();
    if (rules) {
      for (const node of rules) out.push({ kind: 'rule', node, loc: node.loc ?? this.loc(start) });
      return true;
    }
    if (this.errors.length > this.statementErrors) return false;
    this.restore(s);
    const body = this.parseQuery(true, Tok.EOF);
    if (!body) return false;
    out.push({ kind: 'body', node: body, loc: body[0]?.loc ?? this.loc(start) });
    return true;
  }

  /** Accepts an identifier or any keyword (names such as `package foo.if`). */
  private identOrKeyword(): boolean {
    if (this.kind() === Tok.Ident) return true;
    if (!isKeywordToken(this.kind())) return false;
    this.asIdent();
    return true;
  }

  private startsRefNotStatement(): boolean {
    const next = this.peek();
    return !next.ws && (next.kind === Tok.Dot || next.kind === Tok.LBrack);
  }

  /** `package` and `import`: past the keyword to the path's first name, or false (reported if illegal). */
  private enterPathStatement(): boolean {
    if (this.startsRefNotStatement()) return false;
    this.scan();
    if (!this.identOrKeyword()) {
      this.illegal();
      return false;
    }
    return true;
  }

  private parsePackage(): Package | undefined {
    const start = this.tok;
    if (!this.enterPathStatement()) return undefined;
    const term = this.parseTerm();
    if (!term) return undefined;
    let path: Term[];
    if (term.type === 'var') {
      path = [varTerm('data', term.loc), stringTerm(term.name, term.loc)];
    } else if (term.type === 'ref') {
      const head = term.terms[0]!;
      if (head.type !== 'var') {
        this.error(head.loc ?? this.loc(), `unexpected ${valueName(head)} token: expecting var`);
        return undefined;
      }
      path = [varTerm('data', head.loc), stringTerm(head.name, head.loc)];
      for (const t of term.terms.slice(1)) {
        if (t.type !== 'string') {
          this.error(t.loc ?? this.loc(), `unexpected ${valueName(t)} token: expecting string`);
          return undefined;
        }
        path.push(t);
      }
    } else {
      this.illegal();
      return undefined;
    }
    return { path, loc: this.span(start) };
  }

  private parseImport(): Import | undefined {
    const start = this.tok;
    if (!this.enterPathStatement()) return undefined;
    const term = this.parseTerm();
    let path: RefTerm | undefined;
    if (term?.type === 'var') path = refTerm([term], term.loc);
    else if (term?.type === 'ref') {
      for (const t of term.terms.slice(1)) {
        if (t.type !== 'string') {
          this.error(t.loc ?? this.loc(), `unexpected ${valueName(t)} token: expecting string`);
          return undefined;
        }
      }
      path = term;
    }
    if (!path) {
      this.error(this.loc(), 'expected path');
      return undefined;
    }
    const head = path.terms[0]!;
    const root = head.type === 'var' ? head.name : '';
    if (root !== 'data' && root !== 'input' && root !== 'future' && root !== 'rego') {
      this.error(path.loc ?? this.loc(), `unexpected import path, must begin with one of: {data, future, input, rego}, got: ${refName(refTerm([head]))}`);
      return undefined;
    }
    const imp: Import = { path, loc: this.loc(start) };
    if (this.kind() === Tok.As) {
      this.scan();
      if (this.kind() !== Tok.Ident) {
        this.illegal('expected var');
        return undefined;
      }
      const alias = this.parseTerm();
      if (alias?.type !== 'var') {
        this.illegal('expected var');
        return undefined;
      }
      imp.alias = alias.name;
      imp.loc = this.span(start);
      return imp;
    }
    const last = path.terms[path.terms.length - 1]!;
    const lastName = last.type === 'var' ? last.name : last.type === 'string' ? last.value : '';
    if (root !== 'future' && isKeyword(lastName)) {
      this.error(last.loc ?? this.loc(), `unexpected import path, must not end with a keyword, got: ${lastName}`);
    }
    imp.loc = this.span(start);
    return imp;
  }

  /** `import future.keywords[.kw]` and `import rego.v1` are accepted no-ops in Rego v1, when well formed. */
  private checkKeywordImport(imp: Import): void {
    const terms = imp.path.terms;
    const head = terms[0]!;
    const loc = imp.path.loc ?? imp.loc ?? this.loc();
    const elem = (i: number): string | undefined => {
      const t = terms[i];
      return t?.type === 'string' ? t.value : undefined;
    };
    if (head.type !== 'var') return;
    if (head.name === 'future') {
      if (terms.length === 1 || elem(1) !== 'keywords') this.error(loc, 'invalid import, must be `future.keywords`');
      else if (imp.alias) this.error(loc, '`future` imports cannot be aliased');
      else if (terms.length === 3 && elem(2) === 'not') this.notBodies = true; // experimental
      else if (terms.length === 3 && !['contains', 'every', 'if', 'in'].includes(elem(2) ?? '')) {
        this.error(loc, 'unexpected keyword, must be one of [contains every if in]');
      }
    } else if (head.name === 'rego') {
      if (terms.length === 2 && elem(1) === 'v2') this.notBodies = true; // experimental
      else if (terms.length !== 2 || elem(1) !== 'v1') this.error(loc, `invalid import \`${refName(imp.path)}\`, must be \`rego.v1\``);
    }
  }
}
