// End to end: the built CLI scans and collects real SoftHSM2 tokens (--provider pkcs11) with the PIN
// only in the environment (or a PIN file), and the PIN appears in no output file, stdout or stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/core/model.js';
import { validateInventory } from '../../src/inventory/index.js';
import { createFixtureTokens, PROD_PIN, PROD_TOKEN, SO_PIN, SPARE_PIN, SPARE_TOKEN } from '../support/softhsm/fixture.js';
import { softHsmModule, type SoftHsm } from '../support/softhsm/softhsm.js';
import type { CliRun } from './cli.js';
import { BIN, ensureBuilt } from './global-setup.js';

const module = softHsmModule();
const PINS = [PROD_PIN, SPARE_PIN, SO_PIN];
const tmp = () => mkdtempSync(join(tmpdir(), 'kw-e2e-p11-'));

/** The built CLI with SOFTHSM2_CONF pointing at the fixture tokens and the PIN only where given. */
function run(args: string[], cwd: string, hsm: SoftHsm, pin?: string): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, SOFTHSM2_CONF: hsm.conf, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1' };
  delete env.KEYWARDEN_PKCS11_PIN;
  if (pin !== undefined) env.KEYWARDEN_PKCS11_PIN = pin;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under dir (reports, state database, snapshots), as raw bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((p) => statSync(p).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

function expectNoPin(r: CliRun, dir: string, except: string[] = []): void {
  const files = filesUnder(dir).filter((f) => !except.includes(f.path));
  expect(files.length).toBeGreaterThan(0);
  for (const pin of PINS) {
    expect(r.stdout).not.toContain(pin);
    expect(r.stderr).not.toContain(pin);
    for (const f of files) expect(f.bytes.includes(pin), `${pin} in ${f.path}`).toBe(false);
  }
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'keywarden.json'), 'utf8')) as RunReport;

describe.skipIf(module === undefined)('keywarden with --provider pkcs11 on SoftHSM2 tokens', () => {
  let hsm: SoftHsm;
  beforeAll(async () => {
    await ensureBuilt();
    hsm = createFixtureTokens(module!);
  }, 600_000);
  afterAll(() => hsm?.cleanup());

  it('scans a token with the PIN from the environment: p11 findings, no PIN anywhere', () => {
    const cwd = tmp();
    const r = run(['scan', '--provider', 'pkcs11', '--pkcs11-module', module!, '--pkcs11-token', PROD_TOKEN, '--out', join(cwd, 'out'), '--state', join(cwd, 's.db'), '--fail-on', 'none'], cwd, hsm, PROD_PIN);
    expect(r.stderr).not.toContain('keywarden:');
    expect(r.code).toBe(0);
    const report = readReport(join(cwd, 'out'));
    const fails = (label: string) => [...new Set(report.findings.filter((f) => f.status === 'fail' && f.resource.id.includes(`;object=${label};`)).map((f) => f.ruleId))];
    expect(fails('bad-aes')).toEqual(expect.arrayContaining(['p11-allowed-mechanisms-restricted', 'p11-keys-not-extractable', 'p11-secret-private-keys-sensitive', 'p11-single-purpose-usage']));
    expect(fails('weak-kek')).toContain('p11-wrapping-key-controls');
    expect(fails('ec-k1')).toEqual(expect.arrayContaining(['ec-curve-allowed', 'p11-single-purpose-usage']));
    expect(fails('good-aes').filter((id) => id.startsWith('p11-'))).toEqual([]);
    // only the asked-for token, logged in: no login gap, and the scope records where the PIN came from
    expect(report.findings.some((f) => f.resource.id.includes('spare-aes'))).toBe(false);
    expect(report.gaps.filter((g) => g.source === 'pkcs11')).toEqual([]);
    expect(report.run.scope).toMatchObject({ pkcs11: { modules: [module], tokens: [PROD_TOKEN], pinSource: 'env' } });
    expect(report.coverage.keys).toBeGreaterThan(8);
    expectNoPin(r, cwd);
  });

  it('a wrong PIN is a gap in the report and the scan still completes', () => {
    const cwd = tmp();
    const r = run(['scan', '--provider', 'pkcs11', '--pkcs11-module', module!, '--pkcs11-token', SPARE_TOKEN, '--out', 'out', '--state', 's.db', '--fail-on', 'none', '--format', 'json'], cwd, hsm, 'Wrong-Pin-0000');
    expect(r.code).toBe(0);
    const gaps = readReport(join(cwd, 'out')).gaps;
    expect(gaps).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'PinIncorrect', scope: expect.stringContaining(SPARE_TOKEN) as unknown })]));
    expect(r.stdout).not.toContain('Wrong-Pin-0000');
    expectNoPin(r, cwd);
    for (const f of filesUnder(cwd)) expect(f.bytes.includes('Wrong-Pin-0000'), f.path).toBe(false);
  });

  it('without --pkcs11-module: exit 2 with a message saying what to pass', () => {
    const r = run(['scan', '--provider', 'pkcs11', '--out', 'out'], tmp(), hsm, PROD_PIN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--provider pkcs11 needs --pkcs11-module PATH/);
  });

  it('collect writes a valid inventory from a PIN file that scan then accepts', () => {
    const cwd = tmp();
    const pinFile = join(cwd, 'pin.txt');
    writeFileSync(pinFile, `${PROD_PIN}\n`);
    const c = run(['collect', '--provider', 'pkcs11', '--pkcs11-module', module!, '--pkcs11-module', module!, '--pkcs11-pin-file', pinFile, '--output', 'hsm.json'], cwd, hsm);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/Wrote hsm\.json: \d+ keys, 2 containers/);
    const inventory = validateInventory(JSON.parse(readFileSync(join(cwd, 'hsm.json'), 'utf8')), 'hsm.json');
    expect(inventory.keys.every((k) => k.provider === 'pkcs11')).toBe(true);
    expect(inventory.keys.map((k) => k.name)).toEqual(expect.arrayContaining(['bad-aes', 'good-aes', 'weak-kek']));
    expect(inventory.scope).toMatchObject({ pkcs11: { modules: [module], pinSource: 'file', tokens: [] } });
    // kw-spare has another PIN: a gap, not a failure, and its private spare-aes stays unread
    expect(inventory.gaps).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'PinIncorrect', scope: expect.stringContaining(SPARE_TOKEN) as unknown })]));
    expect(inventory.keys.some((k) => k.name === 'spare-aes')).toBe(false);
    const s = run(['scan', '--inventory', 'hsm.json', '--fail-on', 'none', '--format', 'json', '--out', 'o', '--state', 's.db'], cwd, hsm);
    expect(s.code).toBe(0);
    expect(readReport(join(cwd, 'o')).findings.some((f) => f.ruleId === 'p11-keys-not-extractable')).toBe(true);
    expectNoPin(c, cwd, [pinFile]);
  });
});
