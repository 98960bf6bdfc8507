// Token kinds of Rego v1, named as OPA names them (v1/ast/internal/tokens) so that parse errors
// read the same: "unexpected } token", "unexpected eof token", "unexpected if keyword".

export const enum Tok {
  Illegal,
  EOF,
  Ident,
  Package,
  Import,
  As,
  Default,
  Else,
  Not,
  Some,
  With,
  Null,
  True,
  False,
  Number,
  String,
  /** A piece of a template string that ends at `{` (an expression follows). */
  TemplatePart,
  /** The last piece of a template string, up to the closing quote or backtick. */
  TemplateEnd,
  LBrack,
  RBrack,
  LBrace,
  RBrace,
  LParen,
  RParen,
  Comma,
  Colon,
  Add,
  Sub,
  Mul,
  Quo,
  Rem,
  And,
  Or,
  Unify,
  Equal,
  Assign,
  In,
  Neq,
  Gt,
  Lt,
  Gte,
  Lte,
  Dot,
  Semicolon,
  Every,
  Contains,
  If,
}

/** OPA's display names of tokens, used in error messages. */
export const TOKEN_NAMES: readonly string[] = [
  'illegal',
  'eof',
  'identifier',
  'package',
  'import',
  'as',
  'default',
  'else',
  'not',
  'some',
  'with',
  'null',
  'true',
  'false',
  'number',
  'string',
  'template-string-part',
  'template-string-end',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  ',',
  ':',
  'plus',
  'minus',
  'mul',
  'div',
  'rem',
  'and',
  'or',
  'eq',
  'equal',
  'assign',
  'in',
  'neq',
  'gt',
  'lt',
  'gte',
  'lte',
  '.',
  ';',
  'every',
  'contains',
  'if',
];

/** Every keyword of Rego v1 (the v0 future keywords if/contains/in/every are always on). */
export const KEYWORDS: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  ['package', Tok.Package],
  ['import', Tok.Import],
  ['as', Tok.As],
  ['default', Tok.Default],
  ['else', Tok.Else],
  ['not', Tok.Not],
  ['some', Tok.Some],
  ['with', Tok.With],
  ['null', Tok.Null],
  ['true', Tok.True],
  ['false', Tok.False],
  ['every', Tok.Every],
  ['contains', Tok.Contains],
  ['if', Tok.If],
  ['in', Tok.In],
]);

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

export function isKeywordToken(kind: Tok): boolean {
  return (kind >= Tok.Package && kind <= Tok.False) || kind === Tok.In || kind >= Tok.Every;
}

export function tokenName(kind: Tok): string {
  return TOKEN_NAMES[kind] ?? 'unknown';
}

export interface Token {
  kind: Tok;
  /** Source text of the token (for template parts: the decoded text is in `value`). */
  text: string;
  /** Decoded value of strings and template parts. */
  value: string | undefined;
  /** true for backtick strings and backtick template parts. */
  raw: boolean | undefined;
  /** Offsets into the source: [start, end). */
  start: number;
  end: number;
  row: number;
  col: number;
  /** Whitespace or a comment separates this token from the previous one. */
  ws: boolean;
  /** A newline separates this token from the previous one. */
  nl: boolean;
  /** Lexical error message, when kind is Illegal. */
  error: string | undefined;
}
