// Read-only history of the state file for the report's trend chart: per scan, how many findings it
// reported, how many were open (not waived), new (never reported by an earlier scan) and fixed.
// Opens its own read-only connection, so it never changes the file and can run beside a StateStore.
import Database from 'better-sqlite3';
import type { Finding, RunReport } from '../core/model.js';

export type TrendPoint = NonNullable<RunReport['trend']>[number];

/** How many scans the trend shows (the most recent ones); the replay still reads them all. */
export const DEFAULT_TREND_POINTS = 100;

interface ScanRow {
  id: string;
  finished_at: string;
}

interface LinkRow {
  fingerprint: string;
  status: string;
  kind: string;
  provider: string;
  account: string;
}

/** What the replay needs of one scan: its findings and (for the current run) the exact fixed count. */
interface ScanFindings {
  id: string;
  at: string;
  links: readonly LinkRow[];
  fixedExact?: number;
}

/**
 * Replays the recorded scans in order and appends the current run (not yet committed).
 * "Fixed" mirrors StateStore.assess: a policy finding open before a scan, absent from it, in an account
 * that scan covered. The history does not record coverage, so an account counts as covered when the
 * scan reported a finding in it or closed a finding of it; the current run uses its exact `fixed` list.
 */
export function readTrend(file: string, current?: Pick<RunReport, 'run' | 'findings' | 'fixed'>, maxPoints = DEFAULT_TREND_POINTS): TrendPoint[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const scans = db.prepare('SELECT id, finished_at FROM scans ORDER BY rowid').all() as ScanRow[];
    const links = db.prepare(
      'SELECT sf.fingerprint, sf.status, f.kind, f.provider, f.account FROM scan_findings sf JOIN findings f ON f.fingerprint = sf.fingerprint WHERE sf.scan_id = ?',
    );
    const closedAt = db.prepare('SELECT DISTINCT provider, account FROM findings WHERE fixed_at = ?');
    const replay = new TrendReplay();
    for (const s of scans) {
      const closed = (closedAt.all(s.finished_at) as { provider: string; account: string }[]).map((r) => `${r.provider}:${r.account}`);
      replay.add({ id: s.id, at: s.finished_at, links: links.all(s.id) as LinkRow[] }, closed);
    }
    if (current) replay.add(currentScan(current), []);
    return replay.points.slice(-maxPoints);
  } finally {
    db.close();
  }
}

function currentScan(report: Pick<RunReport, 'run' | 'findings' | 'fixed'>): ScanFindings {
  const links = report.findings.map((f: Finding) => ({
    fingerprint: f.fingerprint,
    status: f.status,
    kind: f.kind,
    provider: f.resource.provider,
    account: f.resource.account,
  }));
  return { id: report.run.id, at: report.run.finishedAt, links, fixedExact: report.fixed?.length ?? 0 };
}

class TrendReplay {
  readonly points: TrendPoint[] = [];
  private readonly seen = new Set<string>();
  /** Open policy findings: fingerprint -> "provider:account". */
  private readonly open = new Map<string, string>();

  add(scan: ScanFindings, closedAccounts: readonly string[]): void {
    const inScan = new Set(scan.links.map((l) => l.fingerprint));
    const covered = new Set([...closedAccounts, ...scan.links.map((l) => `${l.provider}:${l.account}`)]);
    let fixed = 0;
    for (const [fingerprint, account] of this.open) {
      if (inScan.has(fingerprint) || !covered.has(account)) continue;
      this.open.delete(fingerprint);
      fixed++;
    }
    let fresh = 0;
    let open = 0;
    for (const l of scan.links) {
      if (!this.seen.has(l.fingerprint)) fresh++;
      this.seen.add(l.fingerprint);
      if (l.status !== 'suppressed') open++;
      if (l.kind === 'policy') this.open.set(l.fingerprint, `${l.provider}:${l.account}`);
    }
    this.points.push({ scanId: scan.id, at: scan.at, findings: scan.links.length, open, new: fresh, fixed: scan.fixedExact ?? fixed });
  }
}
