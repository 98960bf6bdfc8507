// End to end: the built CLI (`node bin/run.js`) on the demo estate and on log fixtures; exit codes,
// report files and the JSON report's contents.
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/core/model.js';
import { githubIngestionProblems, multitoolPath, runMultitool, sarifSchemaAvailable, validateSarifSchema } from '../unit/reporters/sarif-validators.js';
import { keywarden } from './cli.js';
import { ensureBuilt, ROOT } from './global-setup.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kw-e2e-'));
const schema = JSON.parse(readFileSync(join(ROOT, 'reports', 'schemas', 'report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'keywarden.json'), 'utf8')) as RunReport;

beforeAll(ensureBuilt, 600_000);

describe('keywarden scan --demo', () => {
  it('writes SARIF, JSON and HTML, exits 1 on high findings, and reports the injected anomalies', () => {
    const cwd = tmp();
    const r = keywarden(['scan', '--demo', '--out', 'out', '--state', 'state.db'], cwd);
    expect(r.stderr).not.toContain('keywarden:');
    expect(r.code).toBe(1);
    for (const f of ['keywarden.sarif', 'keywarden.json', 'keywarden.html']) expect(existsSync(join(cwd, 'out', f)), f).toBe(true);
    expect(existsSync(join(cwd, 'state.db'))).toBe(true);
    const report = readReport(join(cwd, 'out'));
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // Every anomaly injected by the generator (examples/demo/expectations.json) is reported for its principal.
    const { anomalies } = JSON.parse(readFileSync(join(ROOT, 'examples', 'demo', 'expectations.json'), 'utf8')) as { anomalies: { rule: string; principal: string }[] };
    for (const a of anomalies) {
      expect(report.findings.some((f) => f.ruleId === a.rule && (f.principal === a.principal || f.message.includes(a.principal))), `${a.rule} ${a.principal}`).toBe(true);
    }
    const cross = report.findings.find((f) => f.ruleId === 'anomaly/new-principal')!;
    expect(cross).toMatchObject({ kind: 'anomaly', status: 'fail', principal: '999988887777:AROAZ4PARTNERSYNC0001', resource: { provider: 'aws', account: '111122223333' } });
    expect(cross.window?.start).toMatch(/^2026-10-31T/);
    expect(report.run.startedAt).toBe('2026-11-01T00:00:00.000Z');
    expect(report.coverage.keys).toBe(59);
    expect(report.gaps.map((g) => g.code)).toEqual(expect.arrayContaining(['Unreachable', 'AccessDenied']));
    expect(report.inputs.filter((i) => i.kind === 'logs').length).toBeGreaterThan(20);
    expect(report.findings.every((f) => f.lifecycle?.state === 'new')).toBe(true);
    expect(r.stdout).toContain('Findings:');
    expect(r.stdout).toContain('out/keywarden.sarif');
    const sarifText = readFileSync(join(cwd, 'out', 'keywarden.sarif'), 'utf8');
    const sarif = JSON.parse(sarifText) as Parameters<typeof githubIngestionProblems>[0] & { version: string };
    expect(sarif.version).toBe('2.1.0');
    if (sarifSchemaAvailable) expect(validateSarifSchema(sarif)).toEqual([]);
    expect(githubIngestionProblems(sarif)).toEqual([]);
    if (multitoolPath) expect(runMultitool(sarifText).filter((i) => i.level === 'error')).toEqual([]);
  });

  it('exits 0 with --fail-on none and writes only the formats asked for', () => {
    const cwd = tmp();
    const r = keywarden(['scan', '--demo', '--fail-on', 'none', '--format', 'json,md', '--out', 'r'], cwd);
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'r', 'keywarden.json'))).toBe(true);
    expect(existsSync(join(cwd, 'r', 'keywarden.md'))).toBe(true);
    expect(existsSync(join(cwd, 'r', 'keywarden.sarif'))).toBe(false);
    // The demo keeps no history unless --state is given.
    expect(existsSync(join(cwd, '.keywarden'))).toBe(false);
  });
});

describe('keywarden scan on inventories and log fixtures', () => {
  it('reads every log format with malformed, truncated, empty and huge-line files as gaps, and applies config waivers', () => {
    const cwd = tmp();
    const logs = join(cwd, 'logs');
    mkdirSync(logs);
    const fixture = readFileSync(join(ROOT, 'test', 'fixtures', 'scan', 'cloudtrail.json'), 'utf8');
    writeFileSync(join(logs, 'a.json'), fixture);
    writeFileSync(join(logs, 'b.json.gz'), gzipSync(fixture).subarray(0, 200));
    writeFileSync(join(logs, 'c.ndjson'), `${JSON.stringify((JSON.parse(fixture) as { Records: unknown[] }).Records[0])}\n{"eventSource": "kms.amazonaws.com", broken\n`);
    writeFileSync(join(logs, 'empty.json'), '');
    writeFileSync(join(logs, 'huge.ndjson'), `{"eventSource":"kms.amazonaws.com","x":"${'a'.repeat(2_000_000)}"}\n`);
    writeFileSync(
      join(cwd, 'keywarden.config.yaml'),
      'policies: [pol]\nwaivers:\n  - {rule: fixture-owner-tag, resource: "*11111111-*", reason: tagging in SEC-1, owner: platform, expires: 2026-01-31}\n',
    );
    mkdirSync(join(cwd, 'pol'));
    writeFileSync(join(cwd, 'pol', 'owner.rego'), readFileSync(join(ROOT, 'test', 'fixtures', 'scan', 'policies', 'owner.rego')));
    const r = keywarden(['scan', '--inventory', join(ROOT, 'test', 'fixtures', 'scan', 'inventory.json'), '--logs', 'logs', '--out', 'out', '--state', 'st/state.db', '--fail-on', 'critical'], cwd);
    expect(r.stderr).not.toContain('keywarden:');
    expect(r.code).toBe(0);
    const report = readReport(join(cwd, 'out'));
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const codes = new Set(report.gaps.map((g) => g.code));
    expect(codes.size).toBeGreaterThanOrEqual(2);
    expect(report.gaps.some((g) => g.file?.endsWith('b.json.gz') || g.scope.includes('b.json.gz'))).toBe(true);
    expect(report.gaps.some((g) => (g.file ?? g.scope).includes('c.ndjson') && g.line === 2)).toBe(true);
    // The expired waiver no longer applies: the finding is a failure again and the note says so.
    const owner = report.findings.find((f) => f.ruleId === 'fixture-owner-tag')!;
    expect(owner.status).toBe('fail');
    expect(owner.severity).toBe('high');
    expect(r.stdout).toContain('Waiver expired on 2026-01-31');
    // High finding, threshold high: exit 1.
    expect(keywarden(['scan', '--inventory', join(ROOT, 'test', 'fixtures', 'scan', 'inventory.json'), '--out', 'out2', '--state', 'st/state.db'], cwd).code).toBe(1);
  });

  it('collect merges snapshots into one that scan accepts', () => {
    const cwd = tmp();
    const c = keywarden(['collect', '--demo', '--inventory', join(ROOT, 'test', 'fixtures', 'scan', 'inventory.json'), '--output', 'estate.json'], cwd);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('61 keys');
    const s = keywarden(['scan', '--inventory', 'estate.json', '--fail-on', 'none', '--format', 'json', '--out', 'o', '--state', 's.db'], cwd);
    expect(s.code).toBe(0);
    expect(readReport(join(cwd, 'o')).coverage.keys).toBe(61);
  });
});

describe('exit code 2: usage and tool errors say how to fix them', () => {
  const cases: [string, string[], RegExp][] = [
    ['nothing to scan', ['scan'], /nothing to scan.*\n.*--demo/],
    ['collector scope flag without its provider', ['scan', '--demo', '--aws-regions', 'eu-west-1'], /--aws-regions needs --provider aws.*\n.*Add --provider aws/],
    ['gcp without projects', ['scan', '--provider', 'gcp'], /--gcp-projects/],
    ['missing inventory', ['scan', '--inventory', 'missing.json'], /input-not-found: --inventory missing\.json/],
    ['bad format', ['scan', '--demo', '--format', 'pdf'], /unknown report format "pdf"/],
    ['bad time', ['scan', '--demo', '--since', 'last tuesday'], /--since "last tuesday".*\n.*--since 7d/],
    ['wasm without bundle', ['scan', '--demo', '--engine', 'wasm'], /--bundle/],
    ['bad fail-on', ['scan', '--demo', '--fail-on', 'severe'], /fail-on/],
    ['missing config', ['scan', '--demo', '--config', 'nope.yaml'], /config-not-found/],
    ['collect without input', ['collect'], /nothing to collect/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const r = keywarden(args, tmp());
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }

  it('invalid config, corrupt state and an invalid inventory', () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'keywarden.config.yaml'), 'profile: cis\nwaivers:\n  - {rule: x, resource: "*"}\n');
    const bad = keywarden(['scan', '--demo'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is missing the field "reason"');
    const cwd2 = tmp();
    writeFileSync(join(cwd2, 'state.db'), 'garbage '.repeat(200));
    const corrupt = keywarden(['scan', '--demo', '--state', 'state.db'], cwd2);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain('state-corrupt');
    expect(corrupt.stderr).toContain('mv ');
    expect(readFileSync(join(cwd2, 'state.db'), 'utf8')).toContain('garbage');
    writeFileSync(join(cwd2, 'inv.json'), JSON.stringify({ schemaVersion: 1, keys: [{ id: 'x' }] }));
    const invalid = keywarden(['scan', '--inventory', 'inv.json', '--state', 'fresh.db'], cwd2);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('input-invalid');
  });
});
