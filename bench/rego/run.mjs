// bench/rego: evaluation throughput of a ~20-rule deny policy over 1k/10k/100k keys, and parse time of
// every conformance module. Needs `npm run build` first. Usage: node bench/rego/run.mjs [--sizes 1000,10000,100000] [--repeat N] [--no-parse] [--dist DIR]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { pathToFileURL } from 'node:url';
import { generateKeys } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
// --dist DIR: another build of the interpreter (e.g. an older commit's) for A/B runs on one machine.
const dist = arg('--dist', join(here, '..', '..', 'dist'));
const { compile } = await import(pathToFileURL(join(dist, 'rego', 'index.js')).href);
const { parseModule } = await import(pathToFileURL(join(dist, 'rego', 'parser', 'index.js')).href);
const sizes = arg('--sizes', '1000,10000,100000').split(',').map(Number);
const source = readFileSync(join(here, 'policy.rego'), 'utf8');

const repeat = Number(arg('--repeat', '1'));
const policy = await compile({ modules: { 'policy.rego': source } });
// Wall-clock suffers on a shared machine; CPU time (this process, all threads, GC included) less so.
console.log(`size\tdeny\twall s (best/median of ${repeat})\tcpu s (best/median)\tkeys/s (best wall)\tevaluations/s`);
const rows = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
for (const n of sizes) {
  const input = generateKeys(n);
  const walls = [];
  const cpus = [];
  let deny = 0;
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const res = await policy.query('x = data.bench.keys.deny', { input, timeoutMs: 600_000 });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
    deny = res[0]?.x?.length ?? 0;
  }
  const best = Math.min(...walls);
  rows.push({ n, secs: best, cpu: Math.min(...cpus) });
  console.log(
    `${n}\t${deny}\t${best.toFixed(3)} / ${median(walls).toFixed(3)}\t${Math.min(...cpus).toFixed(3)} / ${median(cpus).toFixed(3)}\t${Math.round(n / best)}\t${(1 / best).toFixed(2)}`,
  );
}
if (rows.length > 1) {
  const a = rows[0];
  const b = rows[rows.length - 1];
  console.log(`growth: x${(b.n / a.n).toFixed(0)} keys -> x${(b.secs / a.secs).toFixed(1)} wall time, x${(b.cpu / a.cpu).toFixed(1)} cpu time`);
}

// Parse time for all conformance modules (when ../shared is present).
const shared = join(here, '..', '..', '..', 'shared', 'rego-conformance');
if (process.argv.includes('--no-parse')) console.log('parse: skipped (--no-parse)');
else if (existsSync(shared)) {
  const mods = [];
  const walk = (d) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.yaml')) {
        for (const c of parse(readFileSync(p, 'utf8'), { intAsBigInt: true })?.cases ?? []) mods.push(...(c.modules ?? []));
      }
    }
  };
  walk(join(shared, 'cases'));
  walk(join(shared, 'cases-later'));
  let failed = 0;
  const bytes = mods.reduce((s, m) => s + m.length, 0);
  const t0 = process.hrtime.bigint();
  for (const [i, m] of mods.entries()) {
    try {
      parseModule(m, `m${i}.rego`);
    } catch {
      failed++;
    }
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`parse: ${mods.length} conformance modules (${(bytes / 1024).toFixed(0)} KiB) in ${secs.toFixed(3)} s (${failed} failed to parse)`);
} else console.log('parse: skipped (../shared/rego-conformance not found)');
