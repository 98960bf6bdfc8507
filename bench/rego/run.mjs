// bench/rego: evaluation throughput of a ~20-rule deny policy over 1k/10k/100k keys, and parse time of
// every conformance module. Needs `npm run build` first. Usage: node bench/rego/run.mjs [--sizes 1000,10000,100000]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compile } from '../../dist/rego/index.js';
import { parseModule } from '../../dist/rego/parser/index.js';
import { generateKeys } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('--sizes', '1000,10000,100000').split(',').map(Number);
const source = readFileSync(join(here, 'policy.rego'), 'utf8');

const policy = await compile({ modules: { 'policy.rego': source } });
console.log('size\tdeny\tseconds\tkeys/s\tevaluations/s');
const rows = [];
for (const n of sizes) {
  const input = generateKeys(n);
  const t0 = process.hrtime.bigint();
  const res = await policy.query('x = data.bench.keys.deny', { input, timeoutMs: 600_000 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const deny = res[0]?.x?.length ?? 0;
  rows.push({ n, secs });
  console.log(`${n}\t${deny}\t${secs.toFixed(3)}\t${Math.round(n / secs)}\t${(1 / secs).toFixed(2)}`);
}
if (rows.length > 1) {
  const a = rows[0];
  const b = rows[rows.length - 1];
  console.log(`growth: x${(b.n / a.n).toFixed(0)} keys -> x${(b.secs / a.secs).toFixed(1)} time`);
}

// Parse time for all conformance modules (when ../shared is present).
const shared = join(here, '..', '..', '..', 'shared', 'rego-conformance');
if (existsSync(shared)) {
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
