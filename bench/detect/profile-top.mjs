// Summarise a V8 .cpuprofile (from `node --cpu-prof`): the top functions by self time.
//   node bench/detect/profile-top.mjs FILE.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';

const [file, , topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const self = new Map();
let total = 0;
for (const [id, n] of hits) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(dist|src|node:)/, '$1')}:${lineNumber + 1}`;
  self.set(where, (self.get(where) ?? 0) + n);
  total += n;
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [where, n] of rows) console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${where}`);
