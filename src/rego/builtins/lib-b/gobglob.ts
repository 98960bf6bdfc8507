// glob.match patterns as OPA compiles them (github.com/gobwas/glob): `*` (no separator), `**`
// (anything), `?`, `[abc]`, `[!abc]`, `[a-z]`, `[!a-z]`, `{a,b}` and `\` escapes. The pattern is
// lexed as gobwas does (same error texts) and compiled to an anchored JavaScript RegExp.

const SPECIALS = new Set(['*', '?', '\\', '[', ']', '{', '}']);

export class GlobSyntaxError extends Error {}

function escapeJS(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

function classChar(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

class GlobLexer {
  private readonly runes: string[];
  private pos = 0;
  private termsLevel = 0;

  constructor(pattern: string) {
    this.runes = [...pattern];
  }

  /** Compiles the whole pattern to a regex source (without anchors). */
  compile(any: string, single: string): string {
    // alternatives: stack of [finished alternatives, current pieces]
    const stack: { alts: string[]; cur: string }[] = [{ alts: [], cur: '' }];
    for (;;) {
      const r = this.runes[this.pos];
      if (r === undefined) break;
      const top = stack[stack.length - 1]!;
      if (r === '{') {
        this.pos++;
        this.termsLevel++;
        stack.push({ alts: [], cur: '' });
      } else if (r === ',' && this.termsLevel > 0) {
        this.pos++;
        top.alts.push(top.cur);
        top.cur = '';
      } else if (r === '}' && this.termsLevel > 0) {
        this.pos++;
        this.termsLevel--;
        stack.pop();
        stack[stack.length - 1]!.cur += '(?:' + [...top.alts, top.cur].join('|') + ')';
      } else if (r === '[') {
        this.pos++;
        top.cur += this.range();
      } else if (r === '?') {
        this.pos++;
        top.cur += single;
      } else if (r === '*') {
        this.pos++;
        if (this.runes[this.pos] === '*') {
          this.pos++;
          top.cur += '[\\s\\S]*';
        } else top.cur += any;
      } else top.cur += this.text(this.termsLevel > 0 ? ['?', '*', '[', '{', '}', ','] : ['?', '*', '[', '{']).map(escapeJS).join('');
    }
    // an unclosed { ends with the pattern (gobwas does not reject it)
    while (stack.length > 1) {
      const top = stack.pop()!;
      stack[stack.length - 1]!.cur += '(?:' + [...top.alts, top.cur].join('|') + ')';
    }
    return stack[0]!.cur;
  }

  /** Literal runes up to a breaker; `\` escapes the next rune. */
  private text(breakers: string[]): string[] {
    const data: string[] = [];
    let escaped = false;
    for (;;) {
      const r = this.runes[this.pos];
      if (r === undefined) break;
      if (!escaped) {
        if (r === '\\') {
          escaped = true;
          this.pos++;
          continue;
        }
        if (breakers.includes(r)) break;
      }
      this.pos++;
      escaped = false;
      data.push(r);
    }
    return data;
  }

  /** After `[`: `!`? then lo-hi or a list of characters, then `]`. */
  private range(): string {
    let not = false;
    let lo: string | undefined;
    let hi: string | undefined;
    let chars: string[] = [];
    let wantHi = false;
    let wantClose = false;
    for (;;) {
      const r = this.runes[this.pos++];
      if (r === undefined) throw new GlobSyntaxError('unexpected end of input');
      if (wantClose) {
        if (r !== ']') throw new GlobSyntaxError('expected close range character');
        break;
      }
      if (wantHi) {
        hi = r;
        wantClose = true;
        continue;
      }
      if (!not && r === '!' && lo === undefined && chars.length === 0) {
        not = true;
        continue;
      }
      if (this.runes[this.pos] === '-') {
        this.pos++;
        lo = r;
        wantHi = true;
        continue;
      }
      this.pos--;
      chars = this.text([']']);
      wantClose = true;
    }
    const isRange = lo !== undefined && hi !== undefined;
    if (isRange === chars.length > 0) throw new GlobSyntaxError('could not parse range');
    if (isRange) {
      if (hi!.codePointAt(0)! < lo!.codePointAt(0)!) throw new GlobSyntaxError(`hi character '${hi}' should be greater than lo '${lo}'`);
      return `[${not ? '^' : ''}${classChar(lo!)}-${classChar(hi!)}]`;
    }
    return `[${not ? '^' : ''}${chars.map(classChar).join('')}]`;
  }
}

const CACHE_LIMIT = 500;
const cache = new Map<string, RegExp | GlobSyntaxError>();

/** glob.Compile(pattern, separators...) as an anchored RegExp (cached). */
export function compileGlob(pattern: string, separators: string[]): RegExp {
  const key = pattern + '\u0000' + separators.join('');
  let hit = cache.get(key);
  if (!hit) {
    const notSep = separators.length ? `[^${separators.map(classChar).join('')}]` : '[\\s\\S]';
    try {
      hit = new RegExp('^(?:' + new GlobLexer(pattern).compile(notSep + '*', notSep) + ')$', 'u');
    } catch (e) {
      hit = e instanceof GlobSyntaxError ? e : new GlobSyntaxError(String(e));
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, hit);
  }
  if (hit instanceof Error) throw hit;
  return hit;
}

/** glob.QuoteMeta: a backslash before each of * ? \ [ ] { }. */
export function globQuoteMeta(s: string): string {
  let out = '';
  for (const ch of s) out += SPECIALS.has(ch) ? '\\' + ch : ch;
  return out;
}
