// runScan in process: the same pipeline `keywarden scan` runs, on small fixtures and the demo.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, manualClock } from '../../../src/core/clock.js';
import { ToolError } from '../../../src/core/errors.js';
import type { RunReport } from '../../../src/core/model.js';
import { PACKAGE_ROOT } from '../../../src/pipeline/paths.js';
import { runScan, type ScanOptions } from '../../../src/pipeline/scan.js';

const FIX = join(PACKAGE_ROOT, 'test', 'fixtures', 'scan');
const tmp = () => mkdtempSync(join(tmpdir(), 'kw-scan-'));

function fixtureScan(cwd: string, extra: Partial<ScanOptions> = {}) {
  return runScan({
    cwd,
    inventories: [join(FIX, 'inventory.json')],
    logs: [join(FIX, 'cloudtrail.json')],
    policies: [join(FIX, 'policies')],
    builtinPolicies: false,
    outDir: 'out',
    formats: ['json'],
    state: 'state.db',
    clock: fixedClock('2026-11-01T00:00:00Z'),
    ...extra,
  });
}

async function toolError(p: Promise<unknown>): Promise<ToolError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (e instanceof ToolError) return e;
  throw new Error(`expected a ToolError, got ${String(e)}`);
}

describe('runScan on fixtures', () => {
  it('evaluates user policies with log usage, writes the JSON report and fails at the threshold', async () => {
    const cwd = tmp();
    const r = await fixtureScan(cwd);
    expect(r.exitCode).toBe(1);
    const denies = r.report.findings.filter((f) => f.ruleId === 'fixture-owner-tag');
    expect(denies.map((f) => [f.status, f.severity, f.resource.name, f.lifecycle?.state, f.remediation])).toEqual([['fail', 'high', 'alias/no-owner', 'new', 'Tag the key with owner=<team>.']]);
    // The unused-key warning names only the key without log events (usage comes from the logs read).
    const warns = r.report.findings.filter((f) => f.evidence.ruleKind === 'warn');
    expect(warns.map((f) => f.resource.name)).toEqual(['alias/no-owner']);
    const json = JSON.parse(readFileSync(join(cwd, 'out', 'keywarden.json'), 'utf8')) as RunReport;
    expect(json.run.thresholdProfile).toBe('cis');
    expect(json.coverage).toMatchObject({ keys: 2, events: 2, policiesEvaluated: 2 });
    expect(json.inputs.map((i) => [i.kind, i.path.split('/').pop()])).toEqual([
      ['inventory', 'inventory.json'],
      ['logs', 'cloudtrail.json'],
      ['policy', 'owner.rego'],
      ['policy', 'unused.rego'],
    ]);
    expect(json.inputs.every((i) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
    expect(r.summary).toContain('Findings:');
  });

  it('exits 0 with --fail-on none and below the threshold', async () => {
    expect((await fixtureScan(tmp(), { failOn: 'none' })).exitCode).toBe(0);
    expect((await fixtureScan(tmp(), { failOn: 'critical' })).exitCode).toBe(0);
  });

  it('tracks lifecycle across runs: recurring, then fixed', async () => {
    const cwd = tmp();
    const clock = manualClock('2026-11-01T00:00:00Z');
    await fixtureScan(cwd, { clock });
    clock.set('2026-11-02T00:00:00Z');
    const second = await fixtureScan(cwd, { clock });
    const owner = second.report.findings.find((f) => f.ruleId === 'fixture-owner-tag');
    expect(owner?.lifecycle).toEqual({ state: 'recurring', firstSeen: '2026-11-01T00:00:00.000Z', lastSeen: '2026-11-02T00:00:00.000Z' });
    // The key gets its owner tag: the finding is listed as fixed in the next report.
    const inv = JSON.parse(readFileSync(join(FIX, 'inventory.json'), 'utf8')) as { keys: { tags: Record<string, string> }[] };
    inv.keys[0]!.tags = { owner: 'team-b' };
    writeFileSync(join(cwd, 'fixed.json'), JSON.stringify(inv));
    clock.set('2026-11-03T00:00:00Z');
    const third = await fixtureScan(cwd, { clock, inventories: [join(cwd, 'fixed.json')] });
    expect(third.report.fixed?.map((f) => f.ruleId)).toEqual(['fixture-owner-tag']);
    expect(third.report.findings.some((f) => f.ruleId === 'fixture-owner-tag')).toBe(false);
  });

  it('applies waivers: active ones suppress, expired ones fail again and are reported', async () => {
    const cwd = tmp();
    const id = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-*';
    writeFileSync(join(cwd, 'keywarden.config.yaml'), `waivers:\n  - {rule: fixture-owner-tag, resource: "${id}", reason: migration ticket SEC-12, owner: platform, expires: 2026-12-31}\n`);
    const active = await fixtureScan(cwd);
    const f = active.report.findings.find((x) => x.ruleId === 'fixture-owner-tag');
    expect(f).toMatchObject({ status: 'suppressed', waiver: { owner: 'platform', expires: '2026-12-31' } });
    expect(active.exitCode).toBe(0);
    expect(active.report.inputs.some((i) => i.kind === 'config')).toBe(true);

    writeFileSync(join(cwd, 'keywarden.config.yaml'), `waivers:\n  - {rule: fixture-owner-tag, resource: "${id}", reason: migration ticket SEC-12, owner: platform, expires: 2026-10-01}\n`);
    const expired = await fixtureScan(cwd);
    expect(expired.report.findings.find((x) => x.ruleId === 'fixture-owner-tag')?.status).toBe('fail');
    expect(expired.exitCode).toBe(1);
    expect(expired.notes.join('\n')).toContain('Waiver expired on 2026-10-01');
    expect((expired.report.run.parameters.waivers as { expired: unknown[] }).expired).toHaveLength(1);
  });

  it('stops with exit-2 errors that say what to do', async () => {
    const cwd = tmp();
    expect((await toolError(runScan({ cwd, state: false }))).message).toContain('nothing to scan');
    expect((await toolError(fixtureScan(cwd, { inventories: ['missing.json'] }))).code).toBe('input-not-found');
    expect((await toolError(fixtureScan(cwd, { since: 'yesterday' }))).code).toBe('usage');
    writeFileSync(join(cwd, 'bad.db'), 'not a database '.repeat(100));
    const corrupt = await toolError(fixtureScan(cwd, { state: 'bad.db' }));
    expect(corrupt.code).toBe('state-corrupt');
    expect(readFileSync(join(cwd, 'bad.db'), 'utf8')).toContain('not a database');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
    expect((await toolError(fixtureScan(cwd, { engine: 'wasm' }))).message).toContain('--bundle');
  });

  it('bounds the log window with --since/--until', async () => {
    const r = await fixtureScan(tmp(), { since: '2026-10-31T10:30:00Z', until: '1h' });
    expect(r.report.coverage.events).toBe(1);
    expect(r.report.run.window).toEqual({ start: '2026-10-31T10:30:00.000Z', end: '2026-10-31T23:00:00.000Z' });
  });
});

describe('runScan --demo', () => {
  it('finds the injected anomalies reproducibly; a run on the same state does not re-alert processed events', async () => {
    const cwd = tmp();
    const first = await runScan({ cwd, demo: true, builtinPolicies: false, outDir: 'out', state: 'state.db' });
    const { anomalies } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'examples', 'demo', 'expectations.json'), 'utf8')) as { anomalies: { rule: string; principal: string }[] };
    expect(anomalies.length).toBeGreaterThanOrEqual(6);
    for (const a of anomalies) {
      const hit = first.report.findings.some((f) => f.ruleId === a.rule && (f.principal === a.principal || f.message.includes(a.principal)));
      expect(hit, `${a.rule} ${a.principal}`).toBe(true);
    }
    expect(first.report.run.startedAt).toBe('2026-11-01T00:00:00.000Z');
    expect(first.report.coverage.keys).toBe(59);
    expect(first.report.gaps.map((g) => g.code).sort()).toEqual(['AccessDenied', 'AuthorizationFailed', 'Unreachable']);
    expect(first.exitCode).toBe(1);
    // Without history the demo is byte-for-byte reproducible.
    await runScan({ cwd, demo: true, builtinPolicies: false, outDir: 'out2', state: false });
    const comparable = (dir: string) => {
      const r = JSON.parse(readFileSync(join(cwd, dir, 'keywarden.json'), 'utf8')) as RunReport;
      delete r.run.parameters.state;
      r.run.id = r.run.id.replace(/-[0-9a-f]{8}$/, '');
      for (const f of r.findings) delete f.lifecycle;
      delete r.trend; // history, like lifecycle: only the run with a state file has it
      return r;
    };
    expect(comparable('out2')).toEqual(comparable('out'));
    // The detectors' baseline in the state remembers what it has processed.
    const again = await runScan({ cwd, demo: true, builtinPolicies: false, outDir: 'out3', state: 'state.db' });
    expect(again.report.findings.filter((f) => f.kind === 'anomaly')).toEqual([]);
  });
});
