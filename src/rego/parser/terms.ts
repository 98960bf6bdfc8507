// Terms: scalars, vars, refs and calls (collections are in collections.ts), and the infix
// operators with OPA's precedence (v1/ast/parser.go), from loosest to tightest:
//   in (`x in xs`, `k, v in xs`) < relations (== != < > <= >=) < | < & < + - < * / %
// All binary operators associate to the left.
import type { Body, CallTerm, Expr, Location, RefTerm, Term, VarTerm } from '../ast/types.js';
import { refOf, refTerm, stringTerm, valueName, varTerm } from '../ast/util.js';
import { isKeywordToken, Tok, tokenName, type Token } from '../lexer/tokens.js';
import { numberFromText } from '../value/types.js';
import { ParserBase, type ParseIssue, type ParserState } from './base.js';

interface CachedTerm {
  pos: number;
  term: Term | undefined;
  post: ParserState;
  errors: ParseIssue[];
}

const OPERATOR_NAMES: Partial<Record<Tok, string>> = {
  [Tok.Equal]: 'equal',
  [Tok.Neq]: 'neq',
  [Tok.Lt]: 'lt',
  [Tok.Gt]: 'gt',
  [Tok.Lte]: 'lte',
  [Tok.Gte]: 'gte',
  [Tok.Or]: 'or',
  [Tok.And]: 'and',
  [Tok.Add]: 'plus',
  [Tok.Sub]: 'minus',
  [Tok.Mul]: 'mul',
  [Tok.Quo]: 'div',
  [Tok.Rem]: 'rem',
  [Tok.Unify]: 'eq',
  [Tok.Assign]: 'assign',
};

/** Binding strength of the binary operators inside terms (0: not one). */
const PRECEDENCE: number[] = [];
for (const k of [Tok.Equal, Tok.Neq, Tok.Lt, Tok.Gt, Tok.Lte, Tok.Gte]) PRECEDENCE[k] = 1;
PRECEDENCE[Tok.Or] = 2;
PRECEDENCE[Tok.And] = 3;
PRECEDENCE[Tok.Add] = 4;
PRECEDENCE[Tok.Sub] = 4;
PRECEDENCE[Tok.Mul] = 5;
PRECEDENCE[Tok.Quo] = 5;
PRECEDENCE[Tok.Rem] = 5;

/** Decimal exponent beyond which OPA reports "number too big" (its limit is 2^±100000). */
const MAX_DECIMAL_EXPONENT = 30000;

export abstract class TermParser extends ParserBase {
  /**
   * Recently parsed terms by start position, so that backtracking right after a term does not parse
   * it again. As in OPA, a stack ordered by position: caching a term drops the entries it encloses.
   */
  private termCache: CachedTerm[] = [];

  protected abstract parseBody(end: Tok): Body | undefined;
  protected abstract parseLiteral(): Expr | undefined;

  protected clearTermCache(): void {
    this.termCache.length = 0;
  }

  private cachedTerm(pos: number): CachedTerm | undefined {
    const cache = this.termCache;
    for (let i = cache.length - 1; i >= 0 && cache[i]!.pos >= pos; i--) {
      if (cache[i]!.pos === pos) return cache[i];
    }
    return undefined;
  }

  private cacheTerm(entry: CachedTerm): void {
    const cache = this.termCache;
    while (cache.length > 0 && cache[cache.length - 1]!.pos >= entry.pos) cache.pop();
    cache.push(entry);
  }

  /** The function ref of an operator token, e.g. `plus` for `+`. */
  protected operatorRef(t: Token): RefTerm {
    const loc = this.loc(t);
    return refTerm([varTerm(OPERATOR_NAMES[t.kind] ?? tokenName(t.kind), loc)], loc);
  }

  private call(fn: RefTerm, args: Term[], loc: Location): CallTerm {
    return { type: 'call', fn, args, loc };
  }

  parseTermInfixCall(): Term | undefined {
    return this.parseTermIn(true);
  }

  /** Inside lists a comma separates items, so `k, v in xs` is not read there. */
  protected parseTermInfixCallInList(): Term | undefined {
    return this.parseTermIn(false);
  }

  private parseTermIn(keyVal: boolean): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      const start = this.tok;
      let lhs = this.parseBinary(1);
      if (!lhs) return undefined;
      for (;;) {
        // As OPA: a keyword directly followed by `.` or `[` starts a ref (`in.foo` on the next line).
        if (this.keywordStartsRef()) this.asIdent();
        if (keyVal && this.kind() === Tok.Comma) {
          const s = this.save();
          this.scan();
          const mhs = this.parseBinary(1);
          if (mhs && this.kind() === Tok.In) {
            const opTok = this.tok;
            this.scan();
            const rhs = this.parseBinary(1);
            if (rhs) {
              lhs = this.call(this.memberRef(opTok, 'member_3'), [lhs, mhs, rhs], this.span(start));
              if (this.kind() === Tok.In) continue;
              return lhs;
            }
          }
          this.restore(s);
        }
        if (this.kind() !== Tok.In) return lhs;
        const opTok = this.tok;
        this.scan();
        const rhs = this.parseBinary(1);
        if (!rhs) return lhs;
        lhs = this.call(this.memberRef(opTok, 'member_2'), [lhs, rhs], this.span(start));
        if (this.kind() !== Tok.In) return lhs;
      }
    } finally {
      this.leave();
    }
  }

  private memberRef(t: Token, name: string): RefTerm {
    const loc = this.loc(t);
    const ref = refOf('internal', name);
    ref.loc = loc;
    for (const x of ref.terms) x.loc = loc;
    return ref;
  }

  /** Binary operators by precedence climbing (PRECEDENCE), left-associative at every level. */
  private parseBinary(minPrec: number): Term | undefined {
    const start = this.tok;
    let lhs = this.parseTerm();
    if (!lhs) return undefined;
    for (;;) {
      const prec = PRECEDENCE[this.tok.kind] ?? 0;
      if (prec < minPrec || prec === 0) return lhs;
      const opTok = this.tok;
      this.scan();
      const rhs = this.parseBinary(prec + 1);
      if (!rhs) return lhs;
      lhs = this.call(this.operatorRef(opTok), [lhs, rhs], this.span(start));
    }
  }

  /** One term with its ref/call suffixes; leaves the cursor on the token after it. */
  parseTerm(): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      const startPos = this.pos;
      const cached = this.cachedTerm(startPos);
      if (cached) {
        this.restore({ ...cached.post, errors: this.errors.length });
        this.errors.push(...cached.errors);
        return cached.term;
      }
      const errorsBefore = this.errors.length;
      const start = this.tok;
      const term = this.parseTermFinish(this.parseTermHead(), start);
      this.cacheTerm({ pos: startPos, term, post: this.save(), errors: this.errors.slice(errorsBefore) });
      return term;
    } finally {
      this.leave();
    }
  }

  /** The term itself; the cursor stays on its last token. */
  private parseTermHead(): Term | undefined {
    const t = this.tok;
    switch (t.kind) {
      case Tok.Null:
        return { type: 'null', loc: this.loc() };
      case Tok.True:
        return { type: 'boolean', value: true, loc: this.loc() };
      case Tok.False:
        return { type: 'boolean', value: false, loc: this.loc() };
      case Tok.Sub:
      case Tok.Dot:
      case Tok.Number:
        return this.parseNumber();
      case Tok.String: {
        const s = stringTerm(t.value ?? '', this.loc());
        if (t.raw) s.raw = true;
        return s;
      }
      case Tok.TemplatePart:
      case Tok.TemplateEnd:
        return this.parseTemplateString();
      case Tok.Ident:
      case Tok.Contains: // `contains(s, x)` outside rule heads is the builtin
        return this.parseVar();
      case Tok.LBrack:
        return this.parseArray();
      case Tok.LBrace:
        return this.parseSetOrObject();
      case Tok.LParen: {
        this.scan();
        const inner = this.parseTermInfixCall();
        if (!inner) return undefined;
        if (this.kind() !== Tok.RParen) {
          this.error(this.loc(), 'non-terminated expression');
          return undefined;
        }
        if (inner.loc) inner.loc = { ...inner.loc, text: this.src.slice(t.start, this.tok.end) };
        return inner;
      }
      default:
        this.illegal();
        return undefined;
    }
  }

  private parseTermFinish(head: Term | undefined, start: Token): Term | undefined {
    if (!head) return undefined;
    this.scan();
    const k = this.kind();
    if (!this.tok.ws && (k === Tok.LParen || k === Tok.Dot || k === Tok.LBrack)) return this.parseRef(head, start);
    return rootRef(head);
  }

  protected parseVar(): VarTerm {
    const t = this.tok;
    const name = t.text === '_' ? `$_${this.wildcard++}` : t.text;
    return varTerm(name, this.loc());
  }

  private parseNumber(): Term | undefined {
    const start = this.tok;
    let prefix = '';
    if (this.kind() === Tok.Sub) {
      prefix = '-';
      this.scan();
      if (this.kind() !== Tok.Number && this.kind() !== Tok.Dot) {
        this.illegal('expected number');
        return undefined;
      }
    }
    if (this.kind() === Tok.Dot) {
      prefix += '.';
      this.scan();
      if (this.kind() !== Tok.Number) {
        this.illegal('expected number');
        return undefined;
      }
    }
    const lit = this.tok.text;
    if (!prefix.endsWith('.') && lit.length > 1 && lit.charCodeAt(0) === 48) {
      const isDecimal = lit[1] === '.';
      const isScientific = lit.length > 2 && (lit[1] === 'e' || lit[1] === 'E');
      if (!isDecimal && !isScientific) {
        this.illegal('expected number without leading zero');
        return undefined;
      }
    }
    const text = prefix + lit;
    if (prefix === '' && lit.length < 16 && /^\d+$/.test(lit)) {
      // Fast path: small integers are exact doubles.
      return { type: 'number', value: Number(lit), text, loc: this.loc(start) };
    }
    const normalized = prefix.endsWith('.') ? prefix.slice(0, -1) + '0.' + lit : text;
    if (decimalExponent(normalized) > MAX_DECIMAL_EXPONENT) {
      this.error(this.loc(), 'number too big');
      return undefined;
    }
    const value = numberFromText(normalized);
    if (value === undefined) {
      this.illegal('invalid float');
      return undefined;
    }
    return { type: 'number', value, text, loc: this.span(start) };
  }

  protected parseRef(head: Term, start: Token): Term | undefined {
    if (!this.enter()) return undefined;
    try {
      switch (head.type) {
        case 'var':
        case 'array':
        case 'object':
        case 'set':
        case 'arraycomp':
        case 'objectcomp':
        case 'setcomp':
        case 'call':
          break;
        default:
          this.error(head.loc ?? this.loc(start), `illegal ref (head cannot be ${valueName(head)})`);
      }
      const terms: Term[] = [head];
      for (;;) {
        switch (this.kind()) {
          case Tok.Dot: {
            this.scan();
            if (this.tok.ws || (this.kind() !== Tok.Ident && !isKeywordToken(this.kind()))) {
              this.illegal('expected identifier');
              return undefined;
            }
            terms.push(stringTerm(this.tok.text, this.loc()));
            this.scan();
            break;
          }
          case Tok.LParen: {
            const fn = refTerm(terms, this.span(start, this.tok.start));
            const call = this.parseCall(fn, start);
            if (call && !this.tok.ws && (this.kind() === Tok.Dot || this.kind() === Tok.LBrack)) {
              return this.parseRef(call, start);
            }
            return call;
          }
          case Tok.LBrack: {
            this.scan();
            const key = this.parseTermInfixCall();
            if (!key) return undefined;
            if (this.kind() !== Tok.RBrack) {
              this.illegal('expected [');
              return undefined;
            }
            terms.push(key);
            this.scan();
            break;
          }
          default:
            return refTerm(terms, this.span(start));
        }
        if (this.tok.ws) return refTerm(terms, this.span(start));
      }
    } finally {
      this.leave();
    }
  }

  /** `f(args)`; the cursor is on `(` and ends after `)`. `set()` is the empty set. */
  private parseCall(fn: RefTerm, start: Token): Term | undefined {
    this.scan();
    let args: Term[] | undefined = [];
    if (this.kind() !== Tok.RParen) args = this.parseTermList(Tok.RParen, []);
    if (!args) return undefined;
    this.scan();
    const loc = this.span(start);
    if (args.length === 0 && fn.terms.length === 1 && fn.terms[0]!.type === 'var' && fn.terms[0].name === 'set') {
      return { type: 'set', items: [], loc };
    }
    return { type: 'call', fn, args, loc };
  }

  /** Comma-separated terms up to `end` (a trailing comma is allowed); the cursor stays on `end`. */
  protected parseTermList(end: Tok, acc: Term[]): Term[] | undefined {
    if (this.kind() === end) return acc;
    for (;;) {
      const t = this.parseTermInfixCallInList();
      if (!t) return undefined;
      acc.push(t);
      if (this.kind() === end) return acc;
      if (this.kind() !== Tok.Comma) {
        this.illegal(`expected "," or "${tokenName(end)}"`);
        return undefined;
      }
      this.scan();
      if (this.kind() === end) return acc;
    }
  }

  protected abstract parseArray(): Term | undefined;
  protected abstract parseSetOrObject(): Term | undefined;
  protected abstract parseTemplateString(): Term | undefined;
}

/** `data` and `input` alone are refs, as in OPA. */
function rootRef(t: Term): Term {
  if (t.type === 'var' && (t.name === 'data' || t.name === 'input')) return refTerm([t], t.loc);
  return t;
}

/** The decimal exponent of a number's magnitude, for the size limit. */
function decimalExponent(text: string): number {
  const e = text.search(/[eE]/);
  const exp = e < 0 ? 0 : Number(text.slice(e + 1));
  const mantissa = e < 0 ? text : text.slice(0, e);
  const intDigits = mantissa.replace(/^-/, '').split('.')[0]!.replace(/^0+/, '').length;
  return Math.abs(exp + intDigits);
}
