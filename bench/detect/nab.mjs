// Runs keywarden's series spike detector over every NAB series and scores it with the shared NAB
// scorer. Usage: node bench/detect/nab.mjs [--nab DIR] [--out DIR] [--lib DIR_OF_COMPILED_DETECTORS]
// Needs `npm run build` first (imports dist/).
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const root = resolve(new URL('../..', import.meta.url).pathname);
const nab = resolve(opt('--nab', join(root, '../shared/datasets/nab')));
const out = resolve(opt('--out', '/tmp/keywarden-nab'));
const lib = resolve(opt('--lib', join(root, 'dist')));
const { parseSeriesCsv, scoreSeries, formatScoredCsv } = await import(join(lib, 'detectors/series/csv.js'));
const { DEFAULT_SERIES_PARAMS } = await import(join(lib, 'detectors/series/spike-series.js'));
const params = { ...DEFAULT_SERIES_PARAMS, ...JSON.parse(opt('--params', '{}')) };

const started = process.hrtime.bigint();
let rows = 0;
for (const category of readdirSync(join(nab, 'data'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  mkdirSync(join(out, category), { recursive: true });
  for (const file of readdirSync(join(nab, 'data', category)).filter((f) => f.endsWith('.csv')).sort()) {
    const series = parseSeriesCsv(readFileSync(join(nab, 'data', category, file), 'utf8'));
    rows += series.length;
    writeFileSync(join(out, category, `keywarden_${file}`), formatScoredCsv(scoreSeries(series, params)));
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const score = (extra) =>
  JSON.parse(
    execFileSync('python3', [join(root, '../shared/tools/nab-score.py'), '--nab', nab, '--results', out, '--json', ...extra], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  );
const all = score([]);
const count = score(['--subset', 'count']);
const pick = (s) => ({ standard: +s.standard.toFixed(2), lowFP: +s.reward_low_FP_rate.toFixed(2), lowFN: +s.reward_low_FN_rate.toFixed(2) });
console.log(JSON.stringify({ rows, seconds: +seconds.toFixed(2), params, corpus: pick(all), countSubset: pick(count) }, null, 2));
