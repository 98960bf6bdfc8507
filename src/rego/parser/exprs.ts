// Expressions and bodies: literals (`not`, `some`, `every`, `with`), `=`/`:=` statements and
// bodies separated by newlines or `;`.
import type { Body, Expr, ExprBody, Term, VarTerm, With } from '../ast/types.js';
import { booleanTerm, refName, refTerm } from '../ast/util.js';
import { Tok, tokenName, type Token } from '../lexer/tokens.js';
import { CollectionParser } from './collections.js';

export abstract class ExprParser extends CollectionParser {
  /** Errors before the current statement: a body reports "expected \n or ;" only as a first error. */
  protected statementErrors = 0;
  /** `not { ... }` bodies are on (experimental; see parseNotBody). */
  protected notBodies = false;

  protected parseBody(end: Tok): Body | undefined {
    if (!this.enter()) return undefined;
    try {
      return this.parseQuery(false, end);
    } finally {
      this.leave();
    }
  }

  /** Expressions up to `end` (not consumed). With `requireSemi`, a newline ends the body. */
  protected parseQuery(requireSemi: boolean, end: Tok): Body | undefined {
    const body: Body = [];
    if (this.kind() === end) {
      this.error(this.loc(), 'found empty body');
      return undefined;
    }
    for (;;) {
      const expr = this.parseLiteral();
      if (!expr) return undefined;
      expr.index = body.length;
      body.push(expr);
      if (this.kind() === Tok.Semicolon) {
        this.scan();
        continue;
      }
      if (this.kind() === end || requireSemi) return body;
      if (!this.tok.nl) {
        if (this.errors.length === this.statementErrors) this.illegal(`expected \\n or ; or ${tokenName(end)}`);
        return undefined;
      }
    }
  }

  protected parseLiteral(): Expr | undefined {
    const start = this.tok;
    let expr: Expr | undefined;
    if (this.keywordStartsRef()) {
      this.asIdent();
      expr = this.parseLiteralExpr(false);
    } else {
      let negated = false;
      if (this.kind() === Tok.Not) {
        this.scan();
        negated = true;
        if (this.notBodies && this.kind() === Tok.LBrace) {
          const expr = this.parseNotBody(start);
          if (expr) expr.loc = this.span(start);
          return expr;
        }
      }
      switch (this.kind()) {
        case Tok.Some:
          if (negated) {
            this.illegal("illegal negation of 'some'");
            return undefined;
          }
          expr = this.parseSome();
          break;
        case Tok.Every:
          if (negated) {
            this.illegal("illegal negation of 'every'");
            return undefined;
          }
          expr = this.parseEvery();
          break;
        default:
          expr = this.parseLiteralExpr(negated);
      }
    }
    if (expr) expr.loc = this.span(start);
    return expr;
  }

  /**
   * Experimental `not { a; b }` (with `import future.keywords.not` or `import rego.v2`): true when
   * the body has no solution. Written in the AST as `not [true | a; b][0]`, which means the same
   * (the body's new variables stay local, as in a comprehension) and needs nothing new downstream.
   */
  private parseNotBody(start: Token): Expr | undefined {
    const open = this.tok;
    this.scan();
    const body = this.parseBody(Tok.RBrace);
    if (!body) return undefined;
    this.scan();
    const loc = this.span(open);
    const comp: Term = { type: 'arraycomp', term: booleanTerm(true, loc), body, loc };
    const first: Term = { type: 'ref', terms: [comp, { type: 'number', value: 0, text: '0', loc }], loc };
    const expr = this.newExpr({ kind: 'term', term: first }, start);
    expr.negated = true;
    return this.withModifiers(expr);
  }

  private newExpr(body: ExprBody, start: Token): Expr {
    return { negated: false, body, with: [], index: 0, loc: this.span(start) };
  }

  private parseLiteralExpr(negated: boolean): Expr | undefined {
    const expr = this.parseExpr();
    if (!expr) return undefined;
    expr.negated = negated;
    if (this.kind() === Tok.With) {
      const withs = this.parseWith();
      if (!withs) return undefined;
      expr.with = withs;
    }
    return expr;
  }

  private parseExpr(): Expr | undefined {
    const start = this.tok;
    const lhs = this.parseTermInfixCall();
    if (!lhs) return undefined;
    if (this.kind() === Tok.Assign || this.kind() === Tok.Unify) {
      const fn = this.operatorRef(this.tok);
      this.scan();
      const rhs = this.parseTermInfixCall();
      if (!rhs) return undefined;
      return this.newExpr({ kind: 'call', fn, args: [lhs, rhs] }, start);
    }
    // A call at the top of an expression is a call statement, as in OPA.
    if (lhs.type === 'call') return this.newExpr({ kind: 'call', fn: lhs.fn, args: lhs.args }, start);
    return this.newExpr({ kind: 'term', term: lhs }, start);
  }

  private parseWith(): With[] | undefined {
    const withs: With[] = [];
    for (;;) {
      const start = this.tok;
      this.scan();
      if (this.kind() !== Tok.Ident) {
        this.illegal('expected ident');
        return undefined;
      }
      const target = this.parseTerm();
      if (!target) return undefined;
      if (target.type !== 'ref' && target.type !== 'var') {
        this.illegal('expected with target path');
        return undefined;
      }
      if (this.kind() !== Tok.As) {
        this.illegal('expected as keyword');
        return undefined;
      }
      this.scan();
      const value = this.parseTermInfixCall();
      if (!value) return undefined;
      const ref = target.type === 'ref' ? target : refTerm([target], target.loc);
      withs.push({ target: ref, value, loc: this.span(start) });
      if (this.kind() !== Tok.With) return withs;
    }
  }

  /** `some x, y`, `some x in xs` or `some k, v in xs`. */
  private parseSome(): Expr | undefined {
    const start = this.tok;
    const s = this.save();
    this.scan();
    const term = this.parseTermInfixCall();
    if (term && term.type === 'call') {
      const name = refName(term.fn);
      let body: ExprBody;
      if (name === 'internal.member_2' && term.args.length === 2) {
        body = { kind: 'somein', value: term.args[0]!, collection: term.args[1]! };
      } else if (name === 'internal.member_3' && term.args.length === 3) {
        body = { kind: 'somein', key: term.args[0]!, value: term.args[1]!, collection: term.args[2]! };
      } else {
        this.illegal('expected `x in xs` or `x, y in xs` expression');
        return undefined;
      }
      const expr = this.newExpr(body, start);
      return this.withModifiers(expr);
    }
    this.restore(s);
    const vars: VarTerm[] = [];
    for (;;) {
      this.scan();
      if (this.kind() !== Tok.Ident) {
        this.illegal('expected var');
        return undefined;
      }
      vars.push(this.parseVar());
      this.scan();
      if (this.kind() !== Tok.Comma) break;
    }
    return this.newExpr({ kind: 'some', vars }, start);
  }

  private withModifiers(expr: Expr): Expr | undefined {
    if (this.kind() !== Tok.With) return expr;
    const withs = this.parseWith();
    if (!withs) return undefined;
    expr.with = withs;
    return expr;
  }

  /** `every x in xs { ... }` / `every k, v in xs { ... }`. */
  private parseEvery(): Expr | undefined {
    const start = this.tok;
    this.scan();
    const term = this.parseTermInfixCall();
    if (!term) return undefined;
    const shape = 'expected `x[, y] in xs { ... }` expression';
    if (term.type !== 'call') {
      this.illegal(shape);
      return undefined;
    }
    const name = refName(term.fn);
    let key: Term | undefined;
    let value: Term;
    let domain: Term;
    if (name === 'internal.member_2' && term.args.length === 2) {
      value = term.args[0]!;
      domain = term.args[1]!;
    } else if (name === 'internal.member_3' && term.args.length === 3) {
      key = term.args[0]!;
      value = term.args[1]!;
      domain = term.args[2]!;
      if (key.type !== 'var') {
        this.illegal('expected key to be a variable');
        return undefined;
      }
    } else {
      this.illegal(shape);
      return undefined;
    }
    if (value.type !== 'var') {
      this.illegal('expected value to be a variable');
      return undefined;
    }
    if (this.kind() !== Tok.LBrace) {
      this.illegal('missing body');
      return undefined;
    }
    this.scan();
    const body = this.parseBody(Tok.RBrace);
    if (!body) return undefined;
    this.scan();
    const every: ExprBody = key ? { kind: 'every', key, value, domain, body } : { kind: 'every', value, domain, body };
    return this.withModifiers(this.newExpr(every, start));
  }
}
