// Per-category pass table for the conformance runner (markdown).
import type { CaseOutcome } from './runner.js';

interface Row {
  category: string;
  scope: string;
  cases: number;
  passed: number;
}

function rows(outcomes: CaseOutcome[], scopes: Map<string, string>): Row[] {
  const m = new Map<string, Row>();
  for (const o of outcomes) {
    let r = m.get(o.category);
    if (!r) m.set(o.category, (r = { category: o.category, scope: scopes.get(o.category) ?? 'core', cases: 0, passed: 0 }));
    r.cases++;
    if (o.pass) r.passed++;
  }
  return [...m.values()].sort((a, b) => (a.category < b.category ? -1 : 1));
}

const pct = (p: number, n: number): string => (n === 0 ? '-' : `${((100 * p) / n).toFixed(1)}%`);

export function categoryTable(outcomes: CaseOutcome[], scopes: Map<string, string>): string {
  const lines = ['| category | scope | cases | passed | % |', '|---|---|---:|---:|---:|'];
  for (const r of rows(outcomes, scopes)) lines.push(`| ${r.category} | ${r.scope} | ${r.cases} | ${r.passed} | ${pct(r.passed, r.cases)} |`);
  return lines.join('\n');
}

export function summaryLines(outcomes: CaseOutcome[], scopes: Map<string, string>): string[] {
  const rs = rows(outcomes, scopes);
  const sum = (f: (r: Row) => boolean): [number, number] => rs.filter(f).reduce(([p, n], r) => [p + r.passed, n + r.cases], [0, 0]);
  const [cp, cn] = sum((r) => r.scope === 'core');
  const [op, on] = sum((r) => r.scope === 'optional');
  const [xp, xn] = sum((r) => r.scope !== 'core' && r.scope !== 'optional');
  const [ip, inn] = [cp + op, cn + on];
  const low = rs.filter((r) => r.scope === 'core' && r.passed / r.cases < 0.6).map((r) => `${r.category} ${pct(r.passed, r.cases)}`);
  return [
    `core: ${cp}/${cn} (${pct(cp, cn)})`,
    `optional: ${op}/${on} (${pct(op, on)})`,
    `in scope (core + optional): ${ip}/${inn} (${pct(ip, inn)})`,
    `out of scope (reported apart): ${xp}/${xn} (${pct(xp, xn)})`,
    `core categories below 60%: ${low.length === 0 ? 'none' : low.join(', ')}`,
  ];
}
