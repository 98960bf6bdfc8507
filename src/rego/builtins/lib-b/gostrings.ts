// Go `strings` package semantics that JavaScript's String methods do not share: rune-based
// trimming, unicode.IsSpace, simple (one rune to one rune) case mapping and strings.Replacer.

/** unicode.IsSpace: the Latin-1 spaces plus the White_Space property outside Latin-1 (no BOM). */
export function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return (
    cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000
  );
}

export function trimLeftFunc(s: string, drop: (cp: number) => boolean): string {
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    if (!drop(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return s.slice(i);
}

export function trimRightFunc(s: string, drop: (cp: number) => boolean): string {
  let end = s.length;
  while (end > 0) {
    let start = end - 1;
    const lo = s.charCodeAt(start);
    if (lo >= 0xdc00 && lo <= 0xdfff && start > 0) {
      const hi = s.charCodeAt(start - 1);
      if (hi >= 0xd800 && hi <= 0xdbff) start--;
    }
    if (!drop(s.codePointAt(start)!)) break;
    end = start;
  }
  return s.slice(0, end);
}

export function cutsetFn(cutset: string): (cp: number) => boolean {
  const set = new Set<number>();
  for (const ch of cutset) set.add(ch.codePointAt(0)!);
  return (cp) => set.has(cp);
}

const NON_ASCII = /[^ -~\t\n\r]/u; // printable ASCII and common whitespace; anything else takes the general path

/** unicode.ToLower/ToUpper rune by rune: multi-rune (full) mappings are not applied. */
export function goCase(s: string, upper: boolean): string {
  // ASCII (nearly every key name, action and tag): JavaScript's mapping is Go's there.
  if (!NON_ASCII.test(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out += upper ? ch.toUpperCase() : ch.toLowerCase();
      continue;
    }
    if (!upper && ch === '\u0130') {
      out += 'i'; // the simple lower-case mapping of İ
      continue;
    }
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

/**
 * strings.NewReplacer(old1, new1, ...).Replace(s): scanning left to right, at each position the
 * first pair (in argument order) whose old string matches there is replaced; output is not
 * re-scanned; an empty old string matches between runes, but never twice in a row.
 */
export function goReplace(s: string, pairs: [string, string][]): string {
  if (pairs.length === 0) return s;
  let out = '';
  let last = 0;
  let prevMatchEmpty = false;
  let i = 0;
  while (i <= s.length) {
    let matched: [string, string] | undefined;
    for (const p of pairs) {
      if (p[0] === '' && prevMatchEmpty) continue;
      if (s.startsWith(p[0], i)) {
        matched = p;
        break;
      }
    }
    prevMatchEmpty = matched !== undefined && matched[0] === '';
    if (matched) {
      out += s.slice(last, i) + matched[1];
      i += matched[0].length;
      last = i;
      continue;
    }
    if (i === s.length) break;
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
  }
  return out + s.slice(last);
}

/** strings.Count: non-overlapping occurrences; an empty needle counts rune boundaries. */
export function goCount(s: string, sub: string): number {
  if (sub === '') return [...s].length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** Code-point indexes of every (possibly overlapping) occurrence of `sub` in `s`. */
export function runeIndexes(s: string, sub: string): number[] {
  const hay = [...s];
  const needle = [...sub];
  const out: number[] = [];
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    out.push(i);
  }
  return out;
}
