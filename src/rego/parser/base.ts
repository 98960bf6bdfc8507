// Parser state shared by every layer: the token cursor, backtracking (save/restore by index),
// error collection with OPA's wording, and locations.
import { RegoError } from '../errors.js';
import type { Location } from '../ast/types.js';
import { tokenize, type LexComment } from '../lexer/lexer.js';
import { isKeywordToken, Tok, tokenName, type Token } from '../lexer/tokens.js';

/** A parse error before it becomes a RegoError (errors found while backtracking are dropped, so keep them cheap). */
export interface ParseIssue {
  message: string;
  loc: Location;
}

export interface ParserState {
  pos: number;
  errors: number;
  wildcard: number;
}

/** Deep enough for any real policy, shallow enough that the JS stack never overflows. */
const MAX_DEPTH = 600;

export class ParserBase {
  protected readonly toks: Token[];
  protected pos = 0;
  protected tok: Token;
  readonly errors: ParseIssue[] = [];
  readonly comments: LexComment[];
  /** Counter for wildcard names `$_0`, `$_1`, ... */
  protected wildcard = 0;
  private depth = 0;

  constructor(
    protected readonly src: string,
    protected readonly file: string,
  ) {
    const lexed = tokenize(src);
    this.toks = lexed.tokens;
    this.comments = lexed.comments;
    this.tok = this.toks[0]!;
  }

  /** Moves to the next token (the last token, EOF, repeats). */
  protected scan(): void {
    if (this.pos < this.toks.length - 1) this.pos++;
    this.tok = this.toks[this.pos]!;
  }

  /** The current token's kind (a method, so that TypeScript does not narrow it across scans). */
  protected kind(): Tok {
    return this.tok.kind;
  }

  protected peek(): Token {
    return this.toks[Math.min(this.pos + 1, this.toks.length - 1)]!;
  }

  protected save(): ParserState {
    return { pos: this.pos, errors: this.errors.length, wildcard: this.wildcard };
  }

  protected restore(s: ParserState): void {
    this.pos = s.pos;
    this.tok = this.toks[s.pos]!;
    this.errors.length = s.errors;
    this.wildcard = s.wildcard;
  }

  /** End offset of the last consumed token. */
  protected lastEnd(): number {
    return this.pos > 0 ? this.toks[this.pos - 1]!.end : 0;
  }

  /** Location of one token. */
  protected loc(t: Token = this.tok): Location {
    return { file: this.file, row: t.row, col: t.col, text: t.text };
  }

  /** Location from a start token to the end of the last consumed token. */
  protected span(start: Token, end: number = this.lastEnd()): Location {
    return { file: this.file, row: start.row, col: start.col, text: this.src.slice(start.start, Math.max(start.start, end)) };
  }

  /** Keywords directly followed by `.` or `[` are names in refs (`if.foo`, `data.x.else[1]`). */
  protected keywordStartsRef(): boolean {
    if (!isKeywordToken(this.tok.kind)) return false;
    const next = this.peek();
    return !next.ws && (next.kind === Tok.Dot || next.kind === Tok.LBrack);
  }

  /** Turns the current keyword token into an identifier (OPA's keywords_in_refs feature). */
  protected asIdent(): void {
    this.tok.kind = Tok.Ident;
  }

  protected enter(): boolean {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.error(this.loc(), 'max parsing recursion depth exceeded');
      return false;
    }
    return true;
  }

  protected leave(): void {
    this.depth--;
  }

  protected error(loc: Location, message: string): void {
    this.errors.push({ message, loc: { file: loc.file, row: loc.row, col: loc.col } });
  }

  /** OPA's "unexpected <token> token|keyword[: note]". */
  /** The errors found, as RegoErrors. */
  regoErrors(): RegoError[] {
    const seen = new Set<string>();
    const out: RegoError[] = [];
    for (const e of this.errors) {
      // A malformed token is reported once, however many rules trip over it.
      const key = `${e.loc.row}:${e.loc.col}:${e.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(new RegoError('rego_parse_error', e.message, e.loc));
    }
    return out;
  }

  protected illegal(note?: string): void {
    const t = this.tok;
    if (t.kind === Tok.Illegal) {
      this.error(this.loc(), t.error ?? 'illegal token');
      return;
    }
    const what = `${tokenName(t.kind)} ${isKeywordToken(t.kind) ? 'keyword' : 'token'}`;
    this.error(this.loc(), note ? `unexpected ${what}: ${note}` : `unexpected ${what}`);
  }
}
