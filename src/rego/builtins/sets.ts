// Sets: the `&` and `|` operators and n-ary intersection/union (`minus` lives in numbers.ts).
import { RSet, type Value } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { builtin, set, T, typeErr } from './lib-a/util.js';

function intersect(a: RSet, b: RSet): RSet {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return RSet.from(small.values().filter((v) => large.has(v)));
}

/** The operand of intersection/union: a set of sets. */
function setOfSets(v: Value | undefined): RSet[] {
  const outer = set(v, 1);
  return outer.values().map((inner) => {
    if (!(inner instanceof RSet)) throw typeErr(1, inner, 'set');
    return inner;
  });
}

export const setsBuiltins: BuiltinDecl[] = [
  builtin('and', 'sets', [['x', T.set()], ['y', T.set()]], T.set(), ([a, b]) => intersect(set(a, 1), set(b, 2)), {
    infix: '&',
  }),
  builtin(
    'or',
    'sets',
    [['x', T.set()], ['y', T.set()]],
    T.set(),
    ([a, b]) => {
      const x = set(a, 1);
      const y = set(b, 2);
      return RSet.from([...x.values(), ...y.values()]);
    },
    { infix: '|' },
  ),
  builtin('intersection', 'sets', [['xs', T.set(T.set())]], T.set(), ([a]) => {
    const sets = setOfSets(a);
    if (sets.length === 0) return new RSet();
    return sets.slice(1).reduce(intersect, sets[0]!);
  }),
  builtin('union', 'sets', [['xs', T.set(T.set())]], T.set(), ([a]) =>
    RSet.from(setOfSets(a).flatMap((s) => s.values())),
  ),
];
