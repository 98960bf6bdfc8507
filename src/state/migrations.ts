// Versioned schema migrations for the state file. Append only: a released migration is never edited,
// and a file whose version is newer than the last entry here was written by a newer keywarden.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'scan history, finding lifecycle, detector baselines',
    sql: `
      CREATE TABLE scans (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        parameters TEXT NOT NULL,
        findings INTEGER NOT NULL,
        exit_code INTEGER NOT NULL
      );
      CREATE TABLE findings (
        fingerprint TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_scan TEXT NOT NULL,
        open INTEGER NOT NULL,
        fixed_at TEXT
      );
      CREATE INDEX findings_open ON findings (open, provider, account);
      CREATE TABLE scan_findings (
        scan_id TEXT NOT NULL REFERENCES scans (id),
        fingerprint TEXT NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (scan_id, fingerprint)
      );
      CREATE TABLE baselines (
        name TEXT PRIMARY KEY,
        saved_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
