// The SQLite state file: scan history, each finding's first and last seen (so reports can say new,
// recurring and fixed) and the detectors' baselines. A file that is corrupt, not ours, or written by
// a newer keywarden stops the run with a ToolError that says what to do; it is never replaced.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ToolError } from '../core/errors.js';
import type { Finding } from '../core/model.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';

export const DEFAULT_STATE_FILE = '.keywarden/state.db';

export interface Lifecycle {
  state: 'new' | 'recurring';
  firstSeen: string;
  lastSeen: string;
}

export interface FixedFinding {
  ruleId: string;
  fingerprint: string;
  resourceId: string;
  firstSeen: string;
  lastSeen: string;
}

export interface Assessment {
  lifecycle: Map<string, Lifecycle>;
  fixed: FixedFinding[];
}

export interface ScanRecord {
  id: string;
  startedAt: string;
  finishedAt: string;
  toolVersion: string;
  parameters: Record<string, unknown>;
  exitCode: number;
}

interface FindingRow {
  fingerprint: string;
  rule_id: string;
  resource_id: string;
  first_seen: string;
  last_seen: string;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

function corrupt(file: string, detail: string, cause?: unknown): ToolError {
  return new ToolError('state-corrupt', `the state file ${file} cannot be used: ${detail}`, {
    cause,
    actions: [
      `Move it aside (\`mv ${file} ${file}.bad\`) to start a fresh history, or point --state at another file.`,
      'keywarden never discards a state file by itself: the old file keeps your finding history.',
    ],
  });
}

export class StateStore {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {}

  /** Open (creating when absent) and migrate the state file. */
  static open(file: string): StateStore {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (e) {
      throw new ToolError('state-io', `cannot create the folder of ${file}: ${(e as Error).message}`, { cause: e });
    }
    let db: Database.Database;
    try {
      db = new Database(file);
    } catch (e) {
      throw corrupt(file, (e as Error).message, e);
    }
    try {
      const store = new StateStore(db, file);
      store.migrate();
      return store;
    } catch (e) {
      db.close();
      if (e instanceof ToolError) throw e;
      const code = (e as { code?: string }).code ?? '';
      if (CORRUPT_CODES.has(code)) throw corrupt(file, (e as Error).message, e);
      throw new ToolError('state-io', `cannot use the state file ${file}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Schema version of the open file. */
  version(): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  }

  private migrate(): void {
    const check = this.db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw corrupt(this.file, `integrity check failed (${String(check)})`);
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    if (!tables.includes('schema_migrations')) {
      if (tables.length > 0) throw corrupt(this.file, `it is an SQLite database but not a keywarden state file (tables: ${tables.sort().join(', ')})`);
      this.db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
    }
    const current = this.version();
    if (current > LATEST_SCHEMA_VERSION) {
      throw new ToolError(
        'state-newer',
        `the state file ${this.file} has schema version ${current}, newer than this keywarden understands (${LATEST_SCHEMA_VERSION})`,
      );
    }
    const apply = this.db.transaction((m: (typeof MIGRATIONS)[number]) => {
      this.db.exec(m.sql);
      // The applied time is the migration's identity, not evidence: a fixed value keeps files reproducible.
      this.db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, 'migration');
    });
    for (const m of MIGRATIONS) if (m.version > current) apply(m);
  }

  /** The most recent scan, if any. */
  lastScan(): ScanRecord | undefined {
    const row = this.db.prepare('SELECT * FROM scans ORDER BY finished_at DESC, rowid DESC LIMIT 1').get() as
      | { id: string; started_at: string; finished_at: string; tool_version: string; parameters: string; exit_code: number }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      toolVersion: row.tool_version,
      parameters: JSON.parse(row.parameters) as Record<string, unknown>,
      exitCode: row.exit_code,
    };
  }

  scanCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM scans').get() as { n: number }).n;
  }

  /**
   * Lifecycle of this run's findings and the policy findings that are gone. Only accounts covered by
   * this run can have fixed findings: a scan of one account does not "fix" another account's problems.
   * Anomalies are events: they are new or recurring but never listed as fixed.
   */
  assess(findings: readonly Finding[], coveredAccounts: ReadonlySet<string>, now: string): Assessment {
    const get = this.db.prepare('SELECT first_seen, last_seen FROM findings WHERE fingerprint = ?');
    const lifecycle = new Map<string, Lifecycle>();
    for (const f of findings) {
      const row = get.get(f.fingerprint) as { first_seen: string; last_seen: string } | undefined;
      lifecycle.set(f.fingerprint, row ? { state: 'recurring', firstSeen: row.first_seen, lastSeen: now } : { state: 'new', firstSeen: now, lastSeen: now });
    }
    const open = this.db
      .prepare("SELECT fingerprint, rule_id, resource_id, first_seen, last_seen, provider, account FROM findings WHERE open = 1 AND kind = 'policy'")
      .all() as (FindingRow & { provider: string; account: string })[];
    const fixed = open
      .filter((r) => !lifecycle.has(r.fingerprint) && coveredAccounts.has(`${r.provider}:${r.account}`))
      .map((r) => ({ ruleId: r.rule_id, fingerprint: r.fingerprint, resourceId: r.resource_id, firstSeen: r.first_seen, lastSeen: r.last_seen }))
      .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.resourceId.localeCompare(b.resourceId));
    return { lifecycle, fixed };
  }

  /** Record a finished scan, its findings, the fixed list and the detectors' baselines in one transaction. */
  commit(scan: ScanRecord, findings: readonly Finding[], assessment: Assessment, baselines: Record<string, unknown> = {}): void {
    const insertScan = this.db.prepare(
      'INSERT INTO scans (id, started_at, finished_at, tool_version, parameters, findings, exit_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const upsert = this.db.prepare(`
      INSERT INTO findings (fingerprint, rule_id, kind, provider, account, resource_id, severity, first_seen, last_seen, last_scan, open, fixed_at)
      VALUES (@fingerprint, @ruleId, @kind, @provider, @account, @resourceId, @severity, @firstSeen, @lastSeen, @scan, 1, NULL)
      ON CONFLICT (fingerprint) DO UPDATE SET last_seen = excluded.last_seen, last_scan = excluded.last_scan,
        severity = excluded.severity, open = 1, fixed_at = NULL`);
    const link = this.db.prepare('INSERT OR REPLACE INTO scan_findings (scan_id, fingerprint, status) VALUES (?, ?, ?)');
    const close = this.db.prepare('UPDATE findings SET open = 0, fixed_at = ? WHERE fingerprint = ?');
    this.db.transaction(() => {
      // Re-running on identical inputs at the same instant (the demo's fixed clock) gives the same run id.
      const taken = (id: string) => this.db.prepare('SELECT 1 FROM scans WHERE id = ?').get(id) !== undefined;
      let id = scan.id;
      for (let n = 2; taken(id); n++) id = `${scan.id}.${n}`;
      scan = { ...scan, id };
      insertScan.run(scan.id, scan.startedAt, scan.finishedAt, scan.toolVersion, JSON.stringify(scan.parameters), findings.length, scan.exitCode);
      for (const f of findings) {
        const lc = assessment.lifecycle.get(f.fingerprint);
        upsert.run({
          fingerprint: f.fingerprint,
          ruleId: f.ruleId,
          kind: f.kind,
          provider: f.resource.provider,
          account: f.resource.account,
          resourceId: f.resource.id,
          severity: f.severity,
          firstSeen: lc?.firstSeen ?? scan.finishedAt,
          lastSeen: lc?.lastSeen ?? scan.finishedAt,
          scan: scan.id,
        });
        link.run(scan.id, f.fingerprint, f.status);
      }
      for (const x of assessment.fixed) close.run(scan.finishedAt, x.fingerprint);
      for (const [name, data] of Object.entries(baselines)) this.saveBaseline(name, data, scan.finishedAt);
    })();
  }

  loadBaseline(name: string): unknown {
    const row = this.db.prepare('SELECT data FROM baselines WHERE name = ?').get(name) as { data: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.data) as unknown;
    } catch (e) {
      throw corrupt(this.file, `the stored baseline "${name}" is not valid JSON`, e);
    }
  }

  saveBaseline(name: string, data: unknown, savedAt: string): void {
    this.db
      .prepare('INSERT INTO baselines (name, saved_at, data) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET saved_at = excluded.saved_at, data = excluded.data')
      .run(name, savedAt, JSON.stringify(data));
  }

  close(): void {
    this.db.close();
  }
}
