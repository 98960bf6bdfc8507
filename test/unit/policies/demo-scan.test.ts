// The demo expectations through the whole scan pipeline (`scan --demo`: inventory, usage logs,
// config thresholds, waivers), not just the engine: every listed violation is a failing policy
// finding, every listed unknown is unknown, and trap keys get no other failing finding.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/model.js';
import { runScan } from '../../../src/pipeline/scan.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const expectations = JSON.parse(readFileSync(join(ROOT, 'examples', 'demo', 'expectations.json'), 'utf8')) as {
  keys: { id: string; name: string; violations: string[]; unknown?: string[]; traps: string[] }[];
};

let out: string;
let findings: Finding[] = [];
let ruleIds = new Set<string>();

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'kw-demo-'));
  const r = await runScan({ demo: true, cwd: out, outDir: join(out, 'reports'), formats: ['json'], state: false, color: false });
  findings = r.report.findings.filter((f) => f.kind === 'policy');
  ruleIds = new Set(r.report.rules.filter((m) => m.kind === 'policy').map((m) => m.id));
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('scan --demo: policy findings', () => {
  it('reports what the demo expects, and nothing else on its keys', () => {
    const problems: string[] = [];
    for (const k of expectations.keys) {
      const on = findings.filter((f) => f.resource.id === k.id);
      const failing = new Set(on.filter((f) => f.status === 'fail' && f.severity !== 'info').map((f) => f.ruleId));
      const unknown = new Set(on.filter((f) => f.status === 'unknown').map((f) => f.ruleId));
      for (const v of k.violations) if (ruleIds.has(v) && !failing.has(v)) problems.push(`${k.name}: ${v} did not fire`);
      for (const u of k.unknown ?? []) if (ruleIds.has(u) && !unknown.has(u)) problems.push(`${k.name}: ${u} is not unknown`);
      for (const f of failing) if (!k.violations.includes(f)) problems.push(`${k.name}: unexpected ${f}${k.traps.length ? ` (trap: ${k.traps.join('; ')})` : ''}`);
    }
    expect(problems).toEqual([]);
    expect(ruleIds.size).toBeGreaterThan(20);
  });
});
