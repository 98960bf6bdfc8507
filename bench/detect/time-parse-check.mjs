// Checks the engine's fast timestamp parser against Date.parse on canonical, edge and malformed
// inputs (it must agree exactly, NaN included). Needs a build:
//   node bench/detect/time-parse-check.mjs [--dist DIR]
import { join, resolve } from 'node:path';

const i = process.argv.indexOf('--dist');
const dist = resolve(i > 0 ? process.argv[i + 1] : join(new URL('../..', import.meta.url).pathname, 'dist'));
const { parseEventTime } = await import(join(dist, 'detectors/engine/time.js'));

let seed = 7;
const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
const pad = (v, w) => String(v).padStart(w, '0');
const cases = ['2024-05-01T12:34:56Z', '2024-05-01T12:34:56.789Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z',
  '2024-00-10T00:00:00Z', '2024-05-00T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T23:60:00Z', '2024-05-01T23:59:60Z', '1969-12-31T23:59:59Z', '0000-01-01T00:00:00Z',
  '2024-05-01T12:34:56.78Z', '2024-05-01T12:34:56.7891Z', '2024-05-01T12:34:56+02:00', '2024-05-01 12:34:56Z', '2024-05-01T12:34:5xZ', '2024-05-01T1-:34:56Z',
  '2024-05-01T12:34:56,789Z', '2024-05-01T12:34:56.78xZ', '', 'not a date', '2024-05-01', 'Wed, 01 May 2024 12:34:56 GMT'];
for (let n = 0; n < 200_000; n++) {
  const s = `${pad(1960 + rand(100), 4)}-${pad(rand(14), 2)}-${pad(rand(33), 2)}T${pad(rand(26), 2)}:${pad(rand(62), 2)}:${pad(rand(62), 2)}${rand(2) ? `.${pad(rand(1000), 3)}` : ''}Z`;
  cases.push(s);
}
let bad = 0;
for (const s of cases) {
  const a = parseEventTime(s);
  const b = Date.parse(s);
  if (!Object.is(a, b)) {
    if (bad++ < 10) console.error(`mismatch ${JSON.stringify(s)}: ${a} vs ${b}`);
  }
}
console.log(`${cases.length} timestamps, ${bad} mismatches`);
process.exitCode = bad > 0 ? 1 : 0;
