// A single-pass Rego tokenizer over char codes. It produces the whole token array up front (the
// parser backtracks by index), records comments separately, and tracks rows and columns (columns
// count code points, as OPA's scanner counts runes).
//
// Template strings (`$"a {x} b"`, `` $`a {x} b` ``) are split into parts: a TemplatePart token for
// text ending at `{`, the tokens of the embedded expression, its closing `}` (an RBrace), and then
// either another TemplatePart or a TemplateEnd. A stack of brace depths tells which `}` closes an
// embedded expression.
import { KEYWORDS, Tok, type Token } from './tokens.js';

export interface LexComment {
  /** Text after the `#`, without a trailing carriage return. */
  text: string;
  row: number;
  col: number;
  start: number;
}

export interface LexResult {
  tokens: Token[];
  comments: LexComment[];
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_DQUOTE = 34;
const CH_HASH = 35;
const CH_DOLLAR = 36;
const CH_PERCENT = 37;
const CH_AMP = 38;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_0 = 48;
const CH_9 = 57;
const CH_COLON = 58;
const CH_SEMI = 59;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_LBRACK = 91;
const CH_BACKSLASH = 92;
const CH_RBRACK = 93;
const CH_UNDERSCORE = 95;
const CH_BACKTICK = 96;
const CH_LBRACE = 123;
const CH_PIPE = 124;
const CH_RBRACE = 125;
const CH_BOM = 0xfeff;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === CH_UNDERSCORE;
}
function isDecimal(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}


class Lexer {
  private pos = 0;
  private row = 1;
  /** Offset of the first character of the current line. */
  private lineStart = 0;
  /** Surrogate pairs seen on the current line before pos (columns count code points). */
  private lineSurrogates = 0;
  private ws = false;
  private nl = false;
  readonly tokens: Token[] = [];
  readonly comments: LexComment[] = [];
  /** For each open template expression, the brace depth at which its closing `}` appears. */
  private readonly templates: { depth: number; raw: boolean }[] = [];
  private braceDepth = 0;

  constructor(private readonly src: string) {
    if (src.charCodeAt(0) === CH_BOM) this.pos = 1;
    this.lineStart = this.pos;
  }

  private col(at: number): number {
    return at - this.lineStart + 1 - this.lineSurrogates;
  }

  private newline(at: number): void {
    this.row++;
    this.lineStart = at + 1;
    this.lineSurrogates = 0;
  }

  run(): LexResult {
    const src = this.src;
    const n = src.length;
    while (this.pos < n) {
      const c = src.charCodeAt(this.pos);
      if (c === CH_SPACE || c === CH_TAB || c === CH_CR) {
        this.pos++;
        this.ws = true;
        continue;
      }
      if (c === CH_LF) {
        this.newline(this.pos);
        this.pos++;
        this.ws = true;
        this.nl = true;
        continue;
      }
      if (c === CH_HASH) {
        this.comment();
        continue;
      }
      this.token(c);
    }
    this.push(Tok.EOF, n, n, this.row, this.col(n));
    return { tokens: this.tokens, comments: this.comments };
  }

  /** Every token has the same shape (fast property access in the parser). */
  private push(kind: Tok, start: number, end: number, row: number, col: number, extra?: { value?: string; raw?: boolean; error?: string }): Token {
    const tok: Token = {
      kind,
      text: this.src.slice(start, end),
      value: extra?.value,
      raw: extra?.raw,
      start,
      end,
      row,
      col,
      ws: this.ws,
      nl: this.nl,
      error: extra?.error,
    };
    this.tokens.push(tok);
    this.ws = false;
    this.nl = false;
    return tok;
  }

  private comment(): void {
    const src = this.src;
    const start = this.pos;
    const col = this.col(start);
    let end = src.indexOf('\n', start);
    if (end < 0) end = src.length;
    this.pos = end;
    let textEnd = end;
    if (textEnd > start + 1 && src.charCodeAt(textEnd - 1) === CH_CR) textEnd--;
    this.comments.push({ text: src.slice(start + 1, textEnd), row: this.row, col, start });
    this.countSurrogates(start, end);
    this.ws = true;
  }

  /** Keeps columns in code points when a token or comment holds astral characters. */
  private countSurrogates(from: number, to: number): void {
    const src = this.src;
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) this.lineSurrogates++;
    }
  }

  private token(c: number): void {
    const src = this.src;
    const start = this.pos;
    const row = this.row;
    const col = this.col(start);
    if (isLetter(c)) {
      let i = start + 1;
      while (i < src.length) {
        const d = src.charCodeAt(i);
        if (isLetter(d) || isDecimal(d)) i++;
        else break;
      }
      this.pos = i;
      const text = src.slice(start, i);
      this.push(KEYWORDS.get(text) ?? Tok.Ident, start, i, row, col);
      return;
    }
    if (isDecimal(c)) {
      this.number(start, row, col);
      return;
    }
    const next = src.charCodeAt(start + 1);
    switch (c) {
      case CH_LBRACK:
        return this.op(Tok.LBrack, 1, start, row, col);
      case CH_RBRACK:
        return this.op(Tok.RBrack, 1, start, row, col);
      case CH_LPAREN:
        return this.op(Tok.LParen, 1, start, row, col);
      case CH_RPAREN:
        return this.op(Tok.RParen, 1, start, row, col);
      case CH_COMMA:
        return this.op(Tok.Comma, 1, start, row, col);
      case CH_PLUS:
        return this.op(Tok.Add, 1, start, row, col);
      case CH_MINUS:
        return this.op(Tok.Sub, 1, start, row, col);
      case CH_STAR:
        return this.op(Tok.Mul, 1, start, row, col);
      case CH_SLASH:
        return this.op(Tok.Quo, 1, start, row, col);
      case CH_PERCENT:
        return this.op(Tok.Rem, 1, start, row, col);
      case CH_AMP:
        return this.op(Tok.And, 1, start, row, col);
      case CH_PIPE:
        return this.op(Tok.Or, 1, start, row, col);
      case CH_SEMI:
        return this.op(Tok.Semicolon, 1, start, row, col);
      case CH_DOT:
        return this.op(Tok.Dot, 1, start, row, col);
      case CH_LBRACE:
        this.braceDepth++;
        this.pos++;
        this.push(Tok.LBrace, start, this.pos, row, col);
        return;
      case CH_RBRACE: {
        this.pos++;
        this.push(Tok.RBrace, start, this.pos, row, col);
        const top = this.templates[this.templates.length - 1];
        if (top && top.depth === this.braceDepth) {
          this.templates.pop();
          this.template(this.pos, top.raw, this.pos - 1);
        } else if (this.braceDepth > 0) this.braceDepth--;
        return;
      }
      case CH_COLON:
        return this.op(next === CH_EQ ? Tok.Assign : Tok.Colon, next === CH_EQ ? 2 : 1, start, row, col);
      case CH_EQ:
        return this.op(next === CH_EQ ? Tok.Equal : Tok.Unify, next === CH_EQ ? 2 : 1, start, row, col);
      case CH_GT:
        return this.op(next === CH_EQ ? Tok.Gte : Tok.Gt, next === CH_EQ ? 2 : 1, start, row, col);
      case CH_LT:
        return this.op(next === CH_EQ ? Tok.Lte : Tok.Lt, next === CH_EQ ? 2 : 1, start, row, col);
      case CH_BANG:
        if (next === CH_EQ) return this.op(Tok.Neq, 2, start, row, col);
        this.pos++;
        this.push(Tok.Illegal, start, this.pos, row, col, { error: 'illegal ! character' });
        return;
      case CH_DQUOTE:
        this.string(start, row, col);
        return;
      case CH_BACKTICK:
        this.rawString(start, row, col);
        return;
      case CH_DOLLAR:
        if (next === CH_DQUOTE || next === CH_BACKTICK) {
          this.template(start + 2, next === CH_BACKTICK, start);
          return;
        }
        this.pos++;
        this.push(Tok.Illegal, start, this.pos, row, col, { error: 'illegal $ character' });
        return;
    }
    // Anything else is illegal; take the whole code point.
    this.pos += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    const error = c === 0 ? 'illegal null character' : c === CH_BOM ? 'illegal byte-order mark' : 'illegal token';
    this.push(Tok.Illegal, start, this.pos, row, col, { error });
    if (this.pos - start === 2) this.lineSurrogates++;
  }

  private op(kind: Tok, len: number, start: number, row: number, col: number): void {
    this.pos += len;
    this.push(kind, start, this.pos, row, col);
  }

  private number(start: number, row: number, col: number): void {
    const src = this.src;
    let i = start;
    let error: string | undefined;
    while (isDecimal(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === CH_DOT) {
      i++;
      const from = i;
      while (isDecimal(src.charCodeAt(i))) i++;
      if (i === from) error = 'expected fraction';
    }
    const e = src.charCodeAt(i) | 0x20;
    if (e === 101 /* e */) {
      i++;
      const s = src.charCodeAt(i);
      if (s === CH_PLUS || s === CH_MINUS) i++;
      const from = i;
      while (isDecimal(src.charCodeAt(i))) i++;
      if (i === from) error ??= 'expected exponent';
    }
    if (isLetter(src.charCodeAt(i))) {
      error ??= 'illegal number format';
      while (isLetter(src.charCodeAt(i)) || isDecimal(src.charCodeAt(i))) i++;
    }
    this.pos = i;
    this.push(error ? Tok.Illegal : Tok.Number, start, i, row, col, error ? { error } : undefined);
  }

  /** A double-quoted string; escapes are decoded as JSON does. */
  private string(start: number, row: number, col: number): void {
    const src = this.src;
    let i = start + 1;
    let error: string | undefined;
    let escaped = false;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === CH_LF || i >= src.length) {
        error = 'non-terminated string';
        break;
      }
      i++;
      if (c === CH_DQUOTE) break;
      if (c === CH_BACKSLASH) {
        escaped = true;
        const d = src.charCodeAt(i);
        if (d === 117 /* u */) i += 5;
        else if (isSimpleEscape(d)) i++;
        else error ??= 'illegal escape sequence';
      } else if (c >= 0xd800 && c <= 0xdbff) this.lineSurrogates++;
    }
    this.pos = Math.min(i, src.length);
    const text = src.slice(start, this.pos);
    if (error) {
      this.push(Tok.Illegal, start, this.pos, row, col, { error });
      return;
    }
    const value = escaped ? decodeJSONString(text) : text.slice(1, -1);
    if (value === undefined) {
      this.push(Tok.Illegal, start, this.pos, row, col, { error: `illegal string literal: ${text}` });
      return;
    }
    this.push(Tok.String, start, this.pos, row, col, { value });
  }

  private rawString(start: number, row: number, col: number): void {
    const src = this.src;
    const close = src.indexOf('`', start + 1);
    const end = close < 0 ? src.length : close + 1;
    this.pos = end;
    if (close < 0) this.push(Tok.Illegal, start, end, row, col, { error: 'non-terminated string' });
    else this.push(Tok.String, start, end, row, col, { value: src.slice(start + 1, close), raw: true });
    this.advanceLines(start, end);
  }

  /** Updates row and line start for multi-line tokens (raw strings, raw templates). */
  private advanceLines(from: number, to: number): void {
    const src = this.src;
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c === CH_LF) this.newline(i);
      else if (c >= 0xd800 && c <= 0xdbff) this.lineSurrogates++;
    }
  }

  /**
   * Scans one template-string part starting at `from` (just after `$"`, `` $` `` or a closing `}`).
   * `tokStart` is where the token starts for positions (the `$` or the `}`).
   */
  private template(from: number, raw: boolean, tokStart: number): void {
    const src = this.src;
    const row = this.row;
    const col = this.col(tokStart);
    const quote = raw ? CH_BACKTICK : CH_DQUOTE;
    let i = from;
    let error: string | undefined;
    let end = false;
    let out = '';
    let chunk = from;
    let hasEscape = false;
    for (;;) {
      const c = src.charCodeAt(i);
      if (i >= src.length || (!raw && c === CH_LF)) {
        error = 'non-terminated string';
        break;
      }
      i++;
      if (c === quote) {
        end = true;
        break;
      }
      if (c === CH_LBRACE) break;
      if (c === CH_BACKSLASH) {
        const d = src.charCodeAt(i);
        if (d === CH_LBRACE) {
          // `\{` is a literal brace: drop the backslash.
          out += src.slice(chunk, i - 1);
          chunk = i;
          i++;
        } else if (!raw) {
          hasEscape = true;
          if (d === 117 /* u */) i += 5;
          else if (isSimpleEscape(d)) i++;
          else error ??= 'illegal escape sequence';
        }
      }
    }
    this.pos = Math.min(i, src.length);
    const body = out + src.slice(chunk, error ? this.pos : this.pos - 1);
    this.advanceLines(from, this.pos);
    if (error) {
      this.push(Tok.Illegal, tokStart, this.pos, row, col, { error });
      return;
    }
    const value = raw || !hasEscape ? body : decodeJSONString('"' + body + '"');
    if (value === undefined) {
      this.push(Tok.Illegal, tokStart, this.pos, row, col, { error: `illegal template-string part: ${body}` });
      return;
    }
    this.push(end ? Tok.TemplateEnd : Tok.TemplatePart, tokStart, this.pos, row, col, { value, raw });
    if (!end) this.templates.push({ depth: this.braceDepth, raw });
  }
}

function isSimpleEscape(d: number): boolean {
  // \\ \" \/ \b \f \n \r \t
  return d === CH_BACKSLASH || d === CH_DQUOTE || d === CH_SLASH || d === 98 || d === 102 || d === 110 || d === 114 || d === 116;
}

/** Decodes a JSON string literal (quotes included); undefined when it is not valid JSON. */
export function decodeJSONString(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function tokenize(source: string): LexResult {
  return new Lexer(source).run();
}
