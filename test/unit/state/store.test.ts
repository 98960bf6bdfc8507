import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../src/core/errors.js';
import type { Finding } from '../../../src/core/model.js';
import { LATEST_SCHEMA_VERSION } from '../../../src/state/migrations.js';
import { StateStore, type ScanRecord } from '../../../src/state/store.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kw-state-'));

function f(fp: string, account = '111122223333', kind: Finding['kind'] = 'policy'): Finding {
  return {
    ruleId: `rule-${fp}`,
    kind,
    severity: 'high',
    status: 'fail',
    message: 'm',
    resource: { provider: 'aws', account, id: `arn:${fp}` },
    evidence: {},
    fingerprint: fp,
  };
}

const scan = (id: string, at: string): ScanRecord => ({ id, startedAt: at, finishedAt: at, toolVersion: '0.1.0', parameters: {}, exitCode: 0 });
const covered = new Set(['aws:111122223333']);

function openError(file: string): ToolError {
  try {
    StateStore.open(file).close();
  } catch (e) {
    if (e instanceof ToolError) return e;
    throw e;
  }
  throw new Error('expected a ToolError');
}

describe('state store', () => {
  it('creates the folder and applies migrations once', () => {
    const file = join(tmp(), 'nested', 'state.db');
    const s = StateStore.open(file);
    expect(s.version()).toBe(LATEST_SCHEMA_VERSION);
    s.close();
    const again = StateStore.open(file);
    expect(again.version()).toBe(LATEST_SCHEMA_VERSION);
    expect(again.scanCount()).toBe(0);
    again.close();
  });

  it('tracks new, recurring and fixed findings across scans', () => {
    const file = join(tmp(), 'state.db');
    const s = StateStore.open(file);
    const run1 = [f('a'), f('b'), f('z', '999999999999')];
    const a1 = s.assess(run1, covered, '2026-11-01T00:00:00Z');
    expect([...a1.lifecycle.values()].map((l) => l.state)).toEqual(['new', 'new', 'new']);
    s.commit(scan('r1', '2026-11-01T00:00:00Z'), run1, a1);

    const run2 = [f('a'), f('c'), f('anom', '111122223333', 'anomaly')];
    const a2 = s.assess(run2, covered, '2026-11-02T00:00:00Z');
    expect(a2.lifecycle.get('a')).toEqual({ state: 'recurring', firstSeen: '2026-11-01T00:00:00Z', lastSeen: '2026-11-02T00:00:00Z' });
    expect(a2.lifecycle.get('c')?.state).toBe('new');
    // b is gone from a covered account; z's account was not scanned, so it is not "fixed".
    expect(a2.fixed.map((x) => x.fingerprint)).toEqual(['b']);
    s.commit(scan('r2', '2026-11-02T00:00:00Z'), run2, a2);

    const a3 = s.assess([f('a'), f('b')], covered, '2026-11-03T00:00:00Z');
    // Anomalies are never listed as fixed; b came back and keeps its first sighting.
    expect(a3.fixed.map((x) => x.fingerprint)).toEqual(['c']);
    expect(a3.lifecycle.get('b')).toMatchObject({ state: 'recurring', firstSeen: '2026-11-01T00:00:00Z' });
    expect(s.lastScan()?.id).toBe('r2');
    s.close();
  });

  it('round-trips detector baselines', () => {
    const file = join(tmp(), 'state.db');
    const s = StateStore.open(file);
    const baseline = { perPrincipal: { 'arn:aws:iam::1:role/app': { countries: ['DE'], ewma: 12.5 } } };
    s.commit(scan('r1', '2026-11-01T00:00:00Z'), [], { lifecycle: new Map(), fixed: [] }, { detection: baseline });
    s.close();
    const again = StateStore.open(file);
    expect(again.loadBaseline('detection')).toEqual(baseline);
    expect(again.loadBaseline('missing')).toBeUndefined();
    again.close();
  });

  it('refuses a corrupt file and keeps it', () => {
    const file = join(tmp(), 'state.db');
    writeFileSync(file, 'this is not a database, it is a text file with enough bytes to look like a header '.repeat(20));
    const e = openError(file);
    expect(e.code).toBe('state-corrupt');
    expect(e.exitCode).toBe(2);
    expect(e.actions.join(' ')).toContain('mv ');
  });

  it('refuses an SQLite file that is not a keywarden state file', () => {
    const file = join(tmp(), 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    expect(openError(file).message).toContain('not a keywarden state file');
  });

  it('refuses a state file written by a newer keywarden', () => {
    const file = join(tmp(), 'state.db');
    StateStore.open(file).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'future', 'x');
    db.close();
    const e = openError(file);
    expect(e.code).toBe('state-newer');
    expect(e.actions.join(' ')).toContain('Upgrade keywarden');
  });
});
