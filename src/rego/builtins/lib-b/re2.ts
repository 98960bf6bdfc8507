// Go RE2 syntax (regexp/syntax with Perl flags, as regexp.Compile uses) translated to an
// equivalent JavaScript RegExp with the `u` flag. Patterns RE2 rejects (look-around,
// back-references, \Z, possessive quantifiers, ...) are rejected with Go's error text:
// "error parsing regexp: <reason>: `<expr>`".
import {
  type ClassSet,
  PERL_CLASSES,
  POSIX_CLASSES,
  emptyClass,
  foldOrbit,
  foldRanges,
  negate,
  normalize,
  rangesToJS,
  unicodeProperty,
} from './re2-classes.js';

export class RE2SyntaxError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

export interface TranslatedRE2 {
  source: string;
  flags: string;
  /** Capture group names by group number (index 0 is the whole match). */
  names: (string | undefined)[];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/** A translated piece of one sequence; `quantifiable` false for `|` markers. */
interface Item {
  js: string;
  /** Needs (?:..) before a quantifier is applied. */
  wrap: boolean;
}

interface Frame {
  alternatives: Item[][];
  items: Item[];
  flags: Flags;
  open: string;
}

const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

/** How case folding is realised: by the JS `i` flag, by expanding classes, or not at all. */
type FoldMode = 'flag' | 'expand';

class Translator {
  private pos = 0;
  private readonly names: (string | undefined)[] = [undefined];
  sawFold = false;
  sawNoFold = false;

  constructor(
    private readonly src: string,
    private readonly fold: FoldMode,
  ) {}

  translate(): string {
    let flags: Flags = { i: false, m: false, s: false, U: false };
    const stack: Frame[] = [];
    let frame: Frame = { alternatives: [], items: [], flags, open: '' };
    let lastWasRepeat = '';
    const s = this.src;
    while (this.pos < s.length) {
      const start = this.pos;
      const c = s[this.pos]!;
      let repeat = '';
      switch (c) {
        case '(': {
          const opened = this.openGroup(flags);
          if (opened === undefined) break; // a flags-only group such as (?i)
          if ('flags' in opened) {
            flags = opened.flags;
            break;
          }
          stack.push(frame);
          frame = { alternatives: [], items: [], flags, open: opened.open };
          flags = opened.inner;
          break;
        }
        case ')': {
          const parent = stack.pop();
          if (!parent) throw new RE2SyntaxError('unexpected )', s);
          this.pos++;
          const body = joinAlternatives(frame);
          flags = frame.flags;
          const js = frame.open + body + ')';
          frame = parent;
          frame.items.push({ js, wrap: false });
          break;
        }
        case '|':
          this.pos++;
          frame.alternatives.push(frame.items);
          frame.items = [];
          break;
        case '^':
          this.pos++;
          frame.items.push({ js: flags.m ? '(?<![^\\n])' : '^', wrap: true });
          break;
        case '$':
          this.pos++;
          frame.items.push({ js: flags.m ? '(?![^\\n])' : '$', wrap: true });
          break;
        case '.':
          this.pos++;
          frame.items.push({ js: flags.s ? '[\\s\\S]' : '[^\\n]', wrap: false });
          break;
        case '[':
          frame.items.push({ js: this.parseClass(flags), wrap: false });
          break;
        case '*':
        case '+':
        case '?':
        case '{': {
          const q = this.parseQuantifier(flags);
          if (q === undefined) {
            // `{` that does not start a valid repeat is a literal
            this.pos++;
            frame.items.push(this.literal('{', flags));
            break;
          }
          const text = s.slice(start, this.pos);
          if (lastWasRepeat) throw new RE2SyntaxError('invalid nested repetition operator', lastWasRepeat + text);
          const last = frame.items[frame.items.length - 1];
          if (!last) throw new RE2SyntaxError('missing argument to repetition operator', text);
          frame.items[frame.items.length - 1] = { js: (last.wrap ? `(?:${last.js})` : last.js) + q, wrap: true };
          repeat = text;
          break;
        }
        case '\\':
          frame.items.push(...this.parseBackslash(flags));
          break;
        default: {
          const cp = s.codePointAt(this.pos)!;
          this.pos += cp > 0xffff ? 2 : 1;
          frame.items.push(this.literal(String.fromCodePoint(cp), flags));
        }
      }
      lastWasRepeat = repeat;
    }
    if (stack.length > 0) throw new RE2SyntaxError('missing closing )', s);
    return joinAlternatives(frame);
  }

  private openGroup(flags: Flags): { open: string; inner: Flags } | { flags: Flags } | undefined {
    const s = this.src;
    const t = s.slice(this.pos);
    if (t.length > 4 && ((t[2] === 'P' && t[3] === '<') || t[2] === '<') && t[1] === '?') {
      const begin = t[2] === 'P' ? 4 : 3;
      const end = t.indexOf('>');
      if (end < 0) throw new RE2SyntaxError('invalid named capture', t);
      const name = t.slice(begin, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new RE2SyntaxError('invalid named capture', t.slice(0, end + 1));
      if (this.names.includes(name)) throw new RE2SyntaxError('duplicate capture group name', t.slice(0, end + 1));
      this.pos += end + 1;
      this.names.push(name);
      return { open: '(', inner: flags };
    }
    if (t[1] !== '?') {
      this.pos++;
      this.names.push(undefined);
      return { open: '(', inner: flags };
    }
    // (?flags) or (?flags:re)
    const next: Flags = { ...flags };
    let sign = 1;
    let sawFlag = false;
    for (let i = 2; i < t.length; i++) {
      const c = t[i];
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        next[c] = sign > 0;
        sawFlag = true;
      } else if (c === '-' && sign > 0) {
        sign = -1;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && (sign > 0 || sawFlag)) {
        this.pos += i + 1;
        return c === ':' ? { open: '(?:', inner: next } : { flags: next };
      } else {
        throw new RE2SyntaxError('invalid or unsupported Perl syntax', [...t.slice(0, i)].join('') + String.fromCodePoint(t.codePointAt(i)!));
      }
    }
    throw new RE2SyntaxError('invalid or unsupported Perl syntax', t);
  }

  /** Parses *, +, ?, {n}, {n,}, {n,m} (and a trailing ? for non-greedy); undefined for a literal `{`. */
  private parseQuantifier(flags: Flags): string | undefined {
    const s = this.src;
    let q: string;
    const c = s[this.pos]!;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.pos));
      if (!m || /^0\d/.test(m[1]!) || /^0\d/.test(m[3] ?? '')) return undefined; // Go: no leading zeros
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      if (min > 1000 || max > 1000 || (max >= 0 && min > max)) throw new RE2SyntaxError('invalid repeat count', m[0]);
      this.pos += m[0].length;
      q = m[2] === undefined ? `{${min}}` : max < 0 ? `{${min},}` : `{${min},${max}}`;
    } else {
      this.pos++;
      q = c;
    }
    let lazy = flags.U;
    if (s[this.pos] === '?') {
      this.pos++;
      lazy = !lazy;
    }
    return lazy ? q + '?' : q;
  }

  private literal(ch: string, flags: Flags): Item {
    const cp = ch.codePointAt(0)!;
    if (hasCase(ch)) {
      if (flags.i) this.sawFold = true;
      else this.sawNoFold = true;
      // the full fold table is only built for patterns that mix case sensitivity
      if (flags.i && this.fold === 'expand') {
        const orbit = foldOrbit(cp);
        if (orbit.length > 1) return { js: '[' + rangesToJS(orbit.map((o) => [o, o])) + ']', wrap: false };
      }
    }
    return { js: jsLiteral(cp), wrap: false };
  }

  private parseBackslash(flags: Flags): Item[] {
    const s = this.src;
    const c = s[this.pos + 1];
    if (c === undefined) throw new RE2SyntaxError('trailing backslash at end of expression', '');
    switch (c) {
      case 'A':
        this.pos += 2;
        return [{ js: '^', wrap: true }];
      case 'z':
        this.pos += 2;
        return [{ js: '$', wrap: true }];
      case 'b':
        this.pos += 2;
        return [{ js: '\\b', wrap: true }];
      case 'B':
        this.pos += 2;
        return [{ js: '\\B', wrap: true }];
      case 'C':
        throw new RE2SyntaxError('invalid escape sequence', '\\C');
      case 'Q': {
        const end = s.indexOf('\\E', this.pos + 2);
        const lit = s.slice(this.pos + 2, end < 0 ? s.length : end);
        this.pos = end < 0 ? s.length : end + 2;
        return [...lit].map((ch) => this.literal(ch, flags));
      }
      case 'E':
        throw new RE2SyntaxError('invalid escape sequence', '\\E');
    }
    const cls = emptyClass();
    if (this.parseClassEscape(cls, flags)) return [{ js: this.classJS(cls, false, flags), wrap: false }];
    return [this.literal(String.fromCodePoint(this.parseEscape()), flags)];
  }

  /** \d \s \w (and negations) or \p{..}/\P{..}: adds to cls and returns true. */
  private parseClassEscape(cls: ClassSet, flags: Flags): boolean {
    const s = this.src;
    const c = s[this.pos + 1];
    if (c === undefined) return false;
    const perl = PERL_CLASSES[c.toLowerCase()];
    if (perl && 'dswDSW'.includes(c)) {
      this.pos += 2;
      let ranges = perl;
      if (flags.i) ranges = this.fold === 'expand' ? foldRanges(ranges) : ranges;
      cls.ranges.push(...(c === c.toUpperCase() ? negate(ranges) : ranges));
      return true;
    }
    if (c !== 'p' && c !== 'P') return false;
    const start = this.pos;
    let name: string;
    if (s[this.pos + 2] === '{') {
      const end = s.indexOf('}', this.pos + 3);
      if (end < 0) throw new RE2SyntaxError('invalid character class range', s.slice(start));
      name = s.slice(this.pos + 3, end);
      this.pos = end + 1;
    } else {
      const cp = s.codePointAt(this.pos + 2);
      if (cp === undefined) throw new RE2SyntaxError('invalid character class range', s.slice(start));
      name = String.fromCodePoint(cp);
      this.pos += 2 + name.length;
    }
    let negated = c === 'P';
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const prop = unicodeProperty(name, negated);
    if (!prop) throw new RE2SyntaxError('invalid character class range', s.slice(start, this.pos));
    cls.props.push(prop);
    return true;
  }

  /** A single-character escape after `\` (Go's parseEscape); returns its code point. */
  private parseEscape(): number {
    const s = this.src;
    const start = this.pos;
    const c = s[this.pos + 1]!;
    this.pos += 2;
    const fail = (): never => {
      throw new RE2SyntaxError('invalid escape sequence', s.slice(start, this.pos));
    };
    if (c >= '1' && c <= '7' && !(s[this.pos]! >= '0' && s[this.pos]! <= '7')) fail();
    if (c >= '0' && c <= '7') {
      let r = c.charCodeAt(0) - 48;
      for (let i = 1; i < 3 && s[this.pos]! >= '0' && s[this.pos]! <= '7'; i++) r = r * 8 + s.charCodeAt(this.pos++) - 48;
      return r;
    }
    if (c === 'x') {
      if (s[this.pos] === '{') {
        const m = /^\{([0-9A-Fa-f]+)\}/.exec(s.slice(this.pos));
        if (!m || parseInt(m[1]!, 16) > 0x10ffff) {
          this.pos = Math.min(s.length, this.pos + (m ? m[0].length : 1));
          fail();
        }
        this.pos += m![0].length;
        return parseInt(m![1]!, 16);
      }
      const m = /^[0-9A-Fa-f]{2}/.exec(s.slice(this.pos));
      if (!m) {
        this.pos = Math.min(s.length, this.pos + 2);
        fail();
      }
      this.pos += 2;
      return parseInt(m![0], 16);
    }
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    const known = simple[c];
    if (known !== undefined) return known;
    const cp = s.codePointAt(start + 1)!;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    if (cp > 0xffff) this.pos++;
    return fail();
  }

  private parseClass(flags: Flags): string {
    const s = this.src;
    const whole = s.slice(this.pos);
    this.pos++;
    const cls = emptyClass();
    let negated = false;
    if (s[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let first = true;
    while (this.pos >= s.length || s[this.pos] !== ']' || first) {
      if (this.pos >= s.length) throw new RE2SyntaxError('missing closing ]', whole);
      first = false;
      const t = s.slice(this.pos);
      const posixEnd = t.length > 2 && t.startsWith('[:') ? t.indexOf(':]', 2) : -1;
      if (posixEnd >= 0) {
        const text = t.slice(0, posixEnd + 2);
        const negatedPosix = text[2] === '^';
        const ranges = POSIX_CLASSES[text.slice(negatedPosix ? 3 : 2, posixEnd)];
        if (!ranges) throw new RE2SyntaxError('invalid character class range', text);
        const folded = flags.i && this.fold === 'expand' ? foldRanges(ranges) : ranges;
        cls.ranges.push(...(negatedPosix ? negate(folded) : folded));
        this.pos += text.length;
        continue;
      }
      if (t[0] === '\\' && this.parseClassEscape(cls, flags)) continue;
      const rangeStart = this.pos;
      const lo = this.classChar(whole);
      let hi = lo;
      if (s[this.pos] === '-' && this.pos + 1 < s.length && s[this.pos + 1] !== ']') {
        this.pos++;
        hi = this.classChar(whole);
        if (hi < lo) throw new RE2SyntaxError('invalid character class range', s.slice(rangeStart, this.pos));
      }
      cls.ranges.push([lo, hi]);
    }
    this.pos++; // ]
    return this.classJS(cls, negated, flags);
  }

  private classChar(whole: string): number {
    const s = this.src;
    if (this.pos >= s.length) throw new RE2SyntaxError('missing closing ]', whole);
    if (s[this.pos] === '\\') {
      if (this.pos + 1 >= s.length) throw new RE2SyntaxError('missing closing ]', whole);
      return this.parseEscape();
    }
    const cp = s.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private classJS(cls: ClassSet, negated: boolean, flags: Flags): string {
    let ranges = normalize(cls.ranges);
    const hasCase = ranges.some(([lo, hi]) => lo <= 0x1e943 && hi >= 0x41);
    if (hasCase) {
      if (flags.i) this.sawFold = true;
      else this.sawNoFold = true;
    }
    if (flags.i && this.fold === 'expand') ranges = foldRanges(ranges);
    if (cls.props.length === 0 && ranges.length === 0) return negated ? '[\\s\\S]' : '[]';
    return (negated ? '[^' : '[') + rangesToJS(ranges) + cls.props.join('') + ']';
  }

  captureNames(): (string | undefined)[] {
    return this.names;
  }
}

function joinAlternatives(frame: Frame): string {
  return [...frame.alternatives, frame.items].map((items) => items.map((x) => x.js).join('')).join('|');
}

function hasCase(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
  return ch.toLowerCase() !== ch || ch.toUpperCase() !== ch;
}

function jsLiteral(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX.has(ch)) return '\\' + ch;
  if (cp >= 0x20 && cp < 0x7f) return ch;
  return `\\u{${cp.toString(16)}}`;
}

/** Translates a Go RE2 pattern; throws RE2SyntaxError where Go's regexp.Compile fails. */
export function translateRE2(pattern: string): TranslatedRE2 {
  const first = new Translator(pattern, 'flag');
  const source = first.translate();
  if (!first.sawFold) return { source, flags: 'u', names: first.captureNames() };
  if (!first.sawNoFold) return { source, flags: 'iu', names: first.captureNames() };
  // Mixed case sensitivity: JS has no scoped (?i:..) in Node 20, so expand folds into classes.
  const second = new Translator(pattern, 'expand');
  return { source: second.translate(), flags: 'u', names: second.captureNames() };
}
