// Collections and the other bracketed terms: arrays, sets, objects, their comprehensions, and
// template strings. As in OPA, `{a | b}` and `[a | b]` are comprehensions, not `|` calls.
import type { Expr, ObjectTerm, TemplateStringTerm, Term } from '../ast/types.js';
import { Tok, tokenName } from '../lexer/tokens.js';
import type { ParserState } from './base.js';
import { TermParser } from './terms.js';

export abstract class CollectionParser extends TermParser {
  private parseTermPairList(end: Tok, acc: [Term, Term][]): [Term, Term][] | undefined {
    if (this.kind() === end) return acc;
    for (;;) {
      const key = this.parseTermInfixCallInList();
      if (!key) return undefined;
      if (this.kind() !== Tok.Colon) {
        this.illegal('expected ":"');
        return undefined;
      }
      this.scan();
      const value = this.parseTermInfixCallInList();
      if (!value) return undefined;
      acc.push([key, value]);
      if (this.kind() === end) return acc;
      if (this.kind() !== Tok.Comma) {
        this.illegal(`expected "," or "${tokenName(end)}"`);
        return undefined;
      }
      this.scan();
      if (this.kind() === end) return acc;
    }
  }

  /** `[...]` or `[x | body]`; the cursor ends on `]`. Comprehensions win over `|` (or) calls. */
  protected parseArray(): Term | undefined {
    const open = this.tok;
    const done = (t: Term): Term => {
      t.loc = this.span(open, this.tok.end);
      return t;
    };
    this.scan();
    if (this.kind() === Tok.RBrack) return done({ type: 'array', items: [] });
    let maybeComprehension = true;
    if (this.kind() === Tok.Comma) {
      maybeComprehension = false;
      this.scan();
    }
    const s = this.save();
    const head = this.parseTerm();
    if (!head) return undefined;
    switch (this.kind()) {
      case Tok.RBrack:
        return done({ type: 'array', items: [head] });
      case Tok.Comma: {
        this.scan();
        const items = this.parseTermList(Tok.RBrack, [head]);
        return items && done({ type: 'array', items });
      }
      case Tok.Or:
        if (maybeComprehension) {
          this.scan();
          const body = this.parseBody(Tok.RBrack);
          if (body) return done({ type: 'arraycomp', term: head, body });
          if (this.kind() !== Tok.Comma) return undefined;
        }
    }
    this.restore(s);
    const items = this.parseTermList(Tok.RBrack, []);
    return items && done({ type: 'array', items });
  }

  /** `{}` (empty object), sets, objects and their comprehensions; the cursor ends on `}`. */
  protected parseSetOrObject(): Term | undefined {
    const open = this.tok;
    const done = (t: Term | undefined): Term | undefined => {
      if (t) t.loc = this.span(open, this.tok.end);
      return t;
    };
    this.scan();
    if (this.kind() === Tok.RBrace) return done({ type: 'object', items: [] });
    let maybeComprehension = true;
    if (this.kind() === Tok.Comma) {
      maybeComprehension = false;
      this.scan();
    }
    const s = this.save();
    let head = this.parseTerm();
    if (!head) return undefined;
    switch (this.kind()) {
      case Tok.Or:
        if (maybeComprehension) return done(this.parseSet(s, head, true));
        break;
      case Tok.RBrace:
      case Tok.Comma:
        return done(this.parseSet(s, head, maybeComprehension));
      case Tok.Colon:
        return done(this.parseObject(head, maybeComprehension));
    }
    this.restore(s);
    head = this.parseTermInfixCallInList();
    if (!head) return undefined;
    switch (this.kind()) {
      case Tok.RBrace:
      case Tok.Comma:
        return done(this.parseSet(s, head, false));
      case Tok.Colon:
        return done(this.parseObject(head, maybeComprehension));
    }
    this.illegal('non-terminated set');
    return undefined;
  }

  private parseSet(s: ParserState, head: Term, maybeComprehension: boolean): Term | undefined {
    switch (this.kind()) {
      case Tok.RBrace:
        return { type: 'set', items: [head] };
      case Tok.Comma: {
        this.scan();
        const items = this.parseTermList(Tok.RBrace, [head]);
        return items && { type: 'set', items };
      }
      case Tok.Or: {
        if (maybeComprehension) {
          this.scan();
          const body = this.parseBody(Tok.RBrace);
          if (body) return { type: 'setcomp', term: head, body };
          if (this.kind() !== Tok.Comma) return undefined;
        }
        this.restore(s);
        const items = this.parseTermList(Tok.RBrace, []);
        return items && { type: 'set', items };
      }
    }
    return undefined;
  }

  private parseObject(key: Term, maybeComprehension: boolean): Term | undefined {
    this.scan(); // the colon
    const s = this.save();
    const value = this.parseTerm();
    if (!value) return undefined;
    let maybeRelation = true;
    if (maybeComprehension) {
      const k = this.kind();
      if (k === Tok.RBrace || k === Tok.Comma || k === Tok.Or) {
        if (k !== Tok.Or) maybeRelation = false;
        const term = this.parseObjectFinish(key, value, true);
        if (term) return term;
      }
    }
    this.restore(s);
    if (maybeRelation) {
      const v = this.parseTermInfixCallInList();
      if (!v) return undefined;
      if (this.kind() === Tok.RBrace || this.kind() === Tok.Comma) return this.parseObjectFinish(key, v, false);
    }
    this.illegal('non-terminated object');
    return undefined;
  }

  private parseObjectFinish(key: Term, value: Term, maybeComprehension: boolean): Term | undefined {
    switch (this.kind()) {
      case Tok.RBrace:
        return { type: 'object', items: [[key, value]] } satisfies ObjectTerm;
      case Tok.Or:
        if (maybeComprehension) {
          this.scan();
          const body = this.parseBody(Tok.RBrace);
          if (body) return { type: 'objectcomp', key, value, body };
        } else {
          this.illegal('non-terminated object');
        }
        return undefined;
      case Tok.Comma: {
        this.scan();
        const items = this.parseTermPairList(Tok.RBrace, [[key, value]]);
        return items && { type: 'object', items };
      }
    }
    return undefined;
  }

  /** `$"a {x} b"`: literal parts are strings, embedded expressions terms; the cursor ends on the last part. */
  protected parseTemplateString(): Term | undefined {
    const first = this.tok;
    const parts: (string | Term)[] = [];
    let partExprs: (Expr | undefined)[] | undefined;
    for (;;) {
      const value = this.tok.value ?? '';
      if (value.length > 0) parts.push(value);
      if (this.kind() === Tok.TemplateEnd) break;
      this.scan();
      const expr = this.parseLiteral();
      if (!expr) {
        this.error(this.loc(), 'invalid template-string expression');
        return undefined;
      }
      const term = this.templateTerm(expr);
      if (!term) return undefined;
      if (expr.with.length > 0) (partExprs ??= [])[parts.length] = expr;
      parts.push(term);
      if (this.kind() !== Tok.RBrace) {
        this.error(this.loc(), 'expected } to end template string expression');
        return undefined;
      }
      this.scan();
      if (this.kind() !== Tok.TemplatePart && this.kind() !== Tok.TemplateEnd) {
        this.illegal();
        return undefined;
      }
    }
    const loc = this.span(first, this.tok.end);
    const term: TemplateStringTerm = { type: 'template', parts, loc };
    if (first.raw) term.raw = true;
    if (partExprs) {
      partExprs.length = parts.length;
      term.partExprs = partExprs;
    }
    return term;
  }

  /** The term an embedded template expression stands for (calls become call terms). */
  private templateTerm(expr: Expr): Term | undefined {
    const loc = expr.loc ?? this.loc();
    const reject = (what: string): undefined => {
      this.error(loc, `unexpected ${what} in template-string expression`);
      return undefined;
    };
    if (expr.negated) return reject("negation ('not')");
    const b = expr.body;
    switch (b.kind) {
      case 'term':
        return b.term;
      case 'call': {
        const op = b.fn.terms.length === 1 && b.fn.terms[0]!.type === 'var' ? b.fn.terms[0].name : '';
        if (op === 'eq') return reject("unification ('=')");
        if (op === 'assign') return reject("assignment (':=')");
        return { type: 'call', fn: b.fn, args: b.args, loc };
      }
      case 'every':
        return reject("'every'");
      default:
        return reject("'some'");
    }
  }
}
