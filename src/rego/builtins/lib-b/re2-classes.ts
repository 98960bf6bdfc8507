// Character classes for the RE2 translator: code-point range sets (so negation and case folding
// work as in Go's regexp/syntax), the ASCII Perl and POSIX classes, and Unicode simple case folding.

/** A class under construction: sorted, merged ranges plus JS property escapes (\p{L}, \P{Greek}). */
export interface ClassSet {
  ranges: [number, number][];
  props: string[];
}

export const MAX_RUNE = 0x10ffff;

export function emptyClass(): ClassSet {
  return { ranges: [], props: [] };
}

export function addRange(c: ClassSet, lo: number, hi: number): void {
  c.ranges.push([lo, hi]);
}

export function normalize(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function negate(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

const r = (s: string): [number, number][] =>
  s.split(' ').map((p) => {
    const [a = '', b = a] = p.split('-');
    return [parseInt(a, 16), parseInt(b, 16)];
  });

/** Go's Perl classes (ASCII only). */
export const PERL_CLASSES: Record<string, [number, number][]> = {
  d: r('30-39'),
  s: r('9-a c-d 20'),
  w: r('30-39 41-5a 5f 61-7a'),
};

/** Go's POSIX classes, [:name:]. */
export const POSIX_CLASSES: Record<string, [number, number][]> = {
  alnum: r('30-39 41-5a 61-7a'),
  alpha: r('41-5a 61-7a'),
  ascii: r('0-7f'),
  blank: r('9 20'),
  cntrl: r('0-1f 7f'),
  digit: r('30-39'),
  graph: r('21-7e'),
  lower: r('61-7a'),
  print: r('20-7e'),
  punct: r('21-2f 3a-40 5b-60 7b-7e'),
  space: r('9-d 20'),
  upper: r('41-5a'),
  word: r('30-39 41-5a 5f 61-7a'),
  xdigit: r('30-39 41-46 61-66'),
};

/** Unicode general categories Go's regexp accepts in \p{..}. */
export const UNICODE_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

/** The JS property escape for a Go \p name, or undefined when Go would not know the name. */
export function unicodeProperty(name: string, negated: boolean): string | undefined {
  const p = negated ? '\\P' : '\\p';
  if (name === 'Any') return negated ? '\\P{Any}' : '\\p{Any}';
  if (UNICODE_CATEGORIES.has(name)) return `${p}{${name}}`;
  if (!/^[A-Z][A-Za-z_]+$/.test(name)) return undefined;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
    return `${p}{Script=${name}}`;
  } catch {
    return undefined;
  }
}

let orbits: Map<number, number[]> | undefined;

/** Unicode blocks that hold characters with case (scanning only these keeps the table cheap). */
const CASED_BLOCKS: [number, number][] = [
  [0x41, 0x24f],
  [0x300, 0x58f],
  [0x10a0, 0x10ff],
  [0x13a0, 0x13ff],
  [0x1c80, 0x1cbf],
  [0x1d00, 0x1fff],
  [0x2100, 0x218f],
  [0x24b0, 0x24ff],
  [0x2c00, 0x2dff],
  [0xa640, 0xa7ff],
  [0xab30, 0xabbf],
  [0xff00, 0xff5f],
  [0x10400, 0x104ff],
  [0x10570, 0x105bf],
  [0x10c80, 0x10cff],
  [0x118a0, 0x118ff],
  [0x16e40, 0x16e9f],
  [0x1e900, 0x1e95f],
];

/** Code points equal to cp under Unicode simple case folding (including cp), as Go's SimpleFold orbit. */
export function foldOrbit(cp: number): number[] {
  if (cp < 0x80) {
    // ASCII fast path; k and s also fold to KELVIN SIGN and LATIN SMALL LETTER LONG S
    const lower = cp | 0x20;
    if (lower < 0x61 || lower > 0x7a) return [cp];
    if (lower === 0x6b) return [0x4b, 0x6b, 0x212a];
    if (lower === 0x73) return [0x53, 0x73, 0x17f];
    return [lower - 0x20, lower];
  }
  if (!orbits) orbits = buildOrbits();
  return orbits.get(cp) ?? [cp];
}

function buildOrbits(): Map<number, number[]> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let p = parent.get(x) ?? x;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    return p;
  };
  const sameFold = (a: number, b: number): boolean => {
    try {
      return new RegExp(`^\\u{${a.toString(16)}}$`, 'iu').test(String.fromCodePoint(b));
    } catch {
      return false;
    }
  };
  for (const [lo, hi] of CASED_BLOCKS) {
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      for (const m of [ch.toLowerCase(), ch.toUpperCase()]) {
        if (m === ch || [...m].length !== 1) continue;
        const other = m.codePointAt(0)!;
        if (!sameFold(cp, other)) continue;
        const a = find(cp);
        const b = find(other);
        if (a !== b) parent.set(a, b);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const root = find(cp);
    const g = groups.get(root) ?? [root];
    if (cp !== root) g.push(cp);
    groups.set(root, g);
  }
  const out = new Map<number, number[]>();
  for (const g of groups.values()) for (const cp of g) out.set(cp, g);
  return out;
}

/** Adds the case-fold closure of [lo, hi] (Go's appendFoldedRange). */
export function foldRanges(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [...ranges];
  for (const [lo, hi] of ranges) {
    if (lo <= 0x41 && hi >= 0x1e943) continue; // folding cannot add anything to a full range
    const a = Math.max(lo, 0x41);
    const b = Math.min(hi, 0x1e943);
    for (let cp = a; cp <= b; cp++) for (const o of foldOrbit(cp)) if (o < lo || o > hi) out.push([o, o]);
  }
  return normalize(out);
}

/** JS class text (without brackets) for ranges, every bound written as \u{..}. */
export function rangesToJS(ranges: [number, number][]): string {
  return normalize(ranges)
    .map(([lo, hi]) => (lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`))
    .join('');
}

function esc(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}
