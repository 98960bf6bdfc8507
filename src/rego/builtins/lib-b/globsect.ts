// regex.globs_match: whether two "globs" (a regex subset: literals, `.`, [sets], with `*` and `+`
// flags) have a non-empty intersection. Same algorithm and error texts as the Go module
// github.com/yashtewari/glob-intersection v0.2.0 that OPA uses.

type Flag = 'none' | 'plus' | 'star';
type Token = { kind: 'char'; r: number; flag: Flag } | { kind: 'dot'; flag: Flag } | { kind: 'set'; runes: Set<number>; flag: Flag };

const INVALID = 'the input provided is invalid';

class GlobError extends Error {}

function fail(input: number[], index: number, message: string): never {
  throw new GlobError(`input:${String.fromCodePoint(...input)}, pos:${index}, ${message}: ${INVALID}`);
}

interface RuneAt {
  next: number;
  r: number;
  escaped: boolean;
}

function nextRune(index: number, input: number[]): RuneAt | undefined {
  if (index >= input.length) return undefined;
  if (input[index] === 0x5c) {
    if (index === input.length - 1) fail(input, index, 'input ends with a \\ (escape) character');
    return { next: index + 2, r: input[index + 1]!, escaped: true };
  }
  return { next: index + 1, r: input[index]!, escaped: false };
}

function tokenize(input: number[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    const at = nextRune(i, input);
    if (!at) return tokens;
    i = at.next;
    let token: Token;
    const c = String.fromCodePoint(at.r);
    if (!at.escaped && c === '.') token = { kind: 'dot', flag: 'none' };
    else if (!at.escaped && c === ']') fail(input, i, "set-close ']' with no preceding '['");
    else if (!at.escaped && c === '[') {
      const set = tokenizeSet(i, input);
      token = set.token;
      i = set.next;
    } else if (!at.escaped && (c === '+' || c === '*')) fail(input, i, `flag '${c}' must be preceded by a non-flag`);
    else token = { kind: 'char', r: at.r, flag: 'none' };
    const flagAt = nextRune(i, input);
    if (flagAt && !flagAt.escaped && (flagAt.r === 0x2b || flagAt.r === 0x2a)) {
      token.flag = flagAt.r === 0x2b ? 'plus' : 'star';
      i = flagAt.next;
    }
    tokens.push(token);
  }
}

function tokenizeSet(index: number, input: number[]): { token: Token; next: number } {
  const runes = new Set<number>();
  let prev = 0;
  let prevExists = false;
  let i = index;
  for (;;) {
    const at = nextRune(i, input);
    if (!at) fail(input, i, 'found [ without matching ]');
    i = at.next;
    if (at.escaped) {
      runes.add(at.r);
      prev = at.r;
      prevExists = true;
      continue;
    }
    if (at.r === 0x5d) return { token: { kind: 'set', runes, flag: 'none' }, next: i };
    if (at.r !== 0x2d) {
      runes.add(at.r);
      prev = at.r;
      prevExists = true;
      continue;
    }
    if (!prevExists) fail(input, i, "range character '-' must be preceded by a Unicode character");
    if (i >= input.length - 1) fail(input, i, "range character '-' must be followed by a Unicode character");
    const hi = nextRune(i, input)!;
    i = hi.next;
    if (!hi.escaped && (hi.r === 0x5d || hi.r === 0x2d)) fail(input, i, "range character '-' cannot be followed by a special symbol");
    if (hi.r < prev)
      fail(input, i, `range is out of order: '${String.fromCodePoint(hi.r)}' comes before '${String.fromCodePoint(prev)}' in Unicode`);
    for (let x = prev; x <= hi.r; x++) runes.add(x);
    prevExists = false;
  }
}

function equalTokens(a: Token, b: Token): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'char') return a.r === (b as typeof a).r;
  if (a.kind === 'dot') return true;
  const o = (b as typeof a).runes;
  return a.runes.size === o.size && [...a.runes].every((r) => o.has(r));
}

/** Merges runs of equal flagged tokens (t*t+ == t+). */
function simplify(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const latest = out[out.length - 1];
    if (latest && t.flag !== 'none' && latest.flag !== 'none' && equalTokens(t, latest)) {
      latest.flag = t.flag === 'plus' || latest.flag === 'plus' ? 'plus' : 'star';
      continue;
    }
    out.push(t);
  }
  return out;
}

function match(a: Token, b: Token): boolean {
  if (a.kind === 'dot' || b.kind === 'dot') return true;
  if (a.kind === 'char' && b.kind === 'char') return a.r === b.r;
  if (a.kind === 'char' && b.kind === 'set') return b.runes.has(a.r);
  if (a.kind === 'set' && b.kind === 'char') return a.runes.has(b.r);
  const x = a as Extract<Token, { kind: 'set' }>;
  const y = b as Extract<Token, { kind: 'set' }>;
  for (const r of x.runes) if (y.runes.has(r)) return true;
  return false;
}

function trimGlobs(g1: Token[], g2: Token[]): [Token[], Token[]] | undefined {
  let l = 0;
  for (; l < g1.length && l < g2.length && g1[l]!.flag === 'none' && g2[l]!.flag === 'none'; l++) if (!match(g1[l]!, g2[l]!)) return undefined;
  if (l > 0) l--;
  let r1 = g1.length - 1;
  let r2 = g2.length - 1;
  for (; r1 >= 0 && r1 >= l && r2 >= 0 && r2 >= l && g1[r1]!.flag === 'none' && g2[r2]!.flag === 'none'; r1--, r2--)
    if (!match(g1[r1]!, g2[r2]!)) return undefined;
  if (r1 < g1.length - 1) {
    r1++;
    r2++;
  }
  return [g1.slice(l, r1 + 1), g2.slice(l, r2 + 1)];
}

function intersectNormal(g1: Token[], g2: Token[]): boolean {
  let i = 0;
  let j = 0;
  for (; i < g1.length && j < g2.length; i++, j++) {
    if (g1[i]!.flag === 'none' && g2[j]!.flag === 'none') {
      if (!match(g1[i]!, g2[j]!)) return false;
    } else return intersectSpecial(g1.slice(i), g2.slice(j));
  }
  return i === g1.length && j === g2.length;
}

function intersectSpecial(g1: Token[], g2: Token[]): boolean {
  if (g1[0]!.flag !== 'none') return g1[0]!.flag === 'plus' ? intersectPlus(g1, g2) : intersectStar(g1, g2);
  return g2[0]!.flag === 'plus' ? intersectPlus(g2, g1) : intersectStar(g2, g1);
}

function intersectPlus(plussed: Token[], other: Token[]): boolean {
  if (other.length === 0 || !match(plussed[0]!, other[0]!)) return false;
  if (intersectStar(plussed, other.slice(1))) return true;
  return other[0]!.flag !== 'none' && intersectNormal(plussed.slice(1), other);
}

function intersectStar(starred: Token[], other: Token[]): boolean {
  const star = starred[0]!;
  const next = starred[1];
  for (let i = 0; i < other.length; i++) {
    const t = other[i]!;
    if (next && match(t, next)) {
      if (intersectNormal(starred.slice(1), other.slice(i))) return true;
      if (!match(t, star)) return false;
    } else if (!match(t, star)) return false;
  }
  return next === undefined;
}

/** gintersect.NonEmpty(lhs, rhs); throws an Error with the module's text for invalid input. */
export function globsIntersect(lhs: string, rhs: string): boolean {
  const g1 = simplify(tokenize([...lhs].map((c) => c.codePointAt(0)!)));
  const g2 = simplify(tokenize([...rhs].map((c) => c.codePointAt(0)!)));
  const trimmed = trimGlobs(g1, g2);
  if (!trimmed) return false;
  return intersectNormal(trimmed[0], trimmed[1]);
}
