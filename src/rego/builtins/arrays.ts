// Arrays (v1/topdown/array.go).
import type { Value } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { arr, builtin, int, T } from './lib-a/util.js';

function slice([a, s, e]: Value[]): Value {
  const items = arr(a, 1);
  let start = Number(int(s, 2));
  let stop = Number(int(e, 3));
  // Clamp like OPA: stop into [0, len], start into [0, stop].
  stop = Math.max(0, Math.min(stop, items.length));
  start = Math.max(0, Math.min(start, stop));
  return items.slice(start, stop);
}

export const arraysBuiltins: BuiltinDecl[] = [
  builtin('array.concat', 'array', [['x', T.arr()], ['y', T.arr()]], T.arr(), ([a, b]) => {
    const x = arr(a, 1);
    const y = arr(b, 2);
    return [...x, ...y];
  }),
  builtin('array.reverse', 'array', [['arr', T.arr()]], T.arr(), ([a]) => [...arr(a, 1)].reverse()),
  builtin(
    'array.slice',
    'array',
    [
      ['arr', T.arr()],
      ['start', T.num],
      ['stop', T.num],
    ],
    T.arr(),
    slice,
  ),
  // One level only: [[1], [[2]]] becomes [1, [2]].
  builtin('array.flatten', 'array', [['arr', T.arr()]], T.arr(), ([a]) =>
    arr(a, 1).flatMap((x) => (Array.isArray(x) ? x : [x])),
  ),
];
