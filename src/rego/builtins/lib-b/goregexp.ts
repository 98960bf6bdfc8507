// Go's regexp package operations (FindAll, ReplaceAllString with $-expansion, Split) on top of
// the RE2 -> JavaScript translation, including Go's rules for empty matches.
import { type TranslatedRE2, translateRE2 } from './re2.js';

export interface GoRegexp {
  re: RegExp; // global + unicode, used with lastIndex
  names: (string | undefined)[];
}

const CACHE_LIMIT = 500;
const cache = new Map<string, GoRegexp | Error>();

/** regexp.Compile with a bounded cache of compiled patterns and of syntax errors. */
export function compileGo(pattern: string): GoRegexp {
  let hit = cache.get(pattern);
  if (!hit) {
    try {
      const t: TranslatedRE2 = translateRE2(pattern);
      hit = { re: new RegExp(t.source, 'g' + t.flags), names: t.names };
    } catch (e) {
      hit = e instanceof Error ? e : new Error(String(e));
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, hit);
  }
  if (hit instanceof Error) throw hit;
  return hit;
}

function execAt(g: GoRegexp, s: string, pos: number): RegExpExecArray | null {
  g.re.lastIndex = pos;
  return g.re.exec(s);
}

function runeWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/** Go's allMatches: at most n matches (n < 0: all); no empty match right after a previous match. */
export function findAll(g: GoRegexp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let prevEnd = -1;
  for (let pos = 0; (n < 0 || out.length < n) && pos <= s.length; ) {
    const m = execAt(g, s, pos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      // an empty match at pos: never directly after the previous match; then move on one rune
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

export function matches(g: GoRegexp, s: string): boolean {
  return execAt(g, s, 0) !== null;
}

/** Go's Regexp.Expand of a template ($1, ${1}, $name, ${name}, $$). */
export function expand(g: GoRegexp, template: string, mm: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; ) {
    const d = template.indexOf('$', i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    // Go's extract: a name of letters, digits and _, optionally in braces
    const m = /^(\{?)([\p{L}\p{Nd}_]+)/u.exec(template.slice(i));
    const brace = m?.[1] === '{';
    const name = m?.[2];
    if (!m || !name || (brace && template[i + m[0].length] !== '}')) {
      out += '$'; // malformed: the $ is kept literally
      continue;
    }
    i += m[0].length + (brace ? 1 : 0);
    const num = /^(0|[1-9]\d{0,7})$/.test(name) ? Number(name) : -1;
    const idx = num >= 0 ? num : g.names.indexOf(name);
    if (idx >= 0 && idx < mm.length) out += mm[idx] ?? '';
  }
  return out;
}

/** Go's ReplaceAllString. */
export function replaceAll(g: GoRegexp, src: string, template: string): string {
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    const m = execAt(g, src, searchPos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += src.slice(lastEnd, start);
    // no replacement for an empty match right after another match
    if (end > lastEnd || start === 0) out += expand(g, template, m);
    lastEnd = end;
    const width = searchPos < src.length ? runeWidth(src, searchPos) : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastEnd);
}

/** Go's Split(s, -1). */
export function split(g: GoRegexp, pattern: string, s: string): string[] {
  if (pattern.length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(g, s, -1)) {
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
