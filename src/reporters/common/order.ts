// Deterministic ordering shared by every reporter: most severe first, then by rule and resource, so
// two renders of the same report are byte-identical whatever order the pipeline produced findings in.
import type { Finding, FindingStatus, Gap, InputFile, RuleMeta, Severity } from '../../core/model.js';
import { SEVERITIES } from '../../core/model.js';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
export const STATUS_ORDER: readonly FindingStatus[] = ['fail', 'unknown', 'suppressed'];
const STATUS_RANK: Readonly<Record<FindingStatus, number>> = { fail: 0, unknown: 1, suppressed: 2 };

/** Code-unit comparison (not locale-aware): the same on every machine. */
export function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resource.provider, b.resource.provider) ||
    compareText(a.resource.account, b.resource.account) ||
    compareText(a.resource.region, b.resource.region) ||
    compareText(a.resource.id, b.resource.id) ||
    compareText(a.principal, b.principal) ||
    compareText(a.window?.start, b.window?.start) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function compareGaps(a: Gap, b: Gap): number {
  return (
    compareText(a.source, b.source) ||
    compareText(a.code, b.code) ||
    compareText(a.scope, b.scope) ||
    compareText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.message, b.message)
  );
}

export function sortGaps(gaps: readonly Gap[]): Gap[] {
  return [...gaps].sort(compareGaps);
}

export function sortInputs(inputs: readonly InputFile[]): InputFile[] {
  return [...inputs].sort((a, b) => compareText(a.kind, b.kind) || compareText(a.path, b.path));
}

export function sortRules(rules: readonly RuleMeta[]): RuleMeta[] {
  return [...rules].sort((a, b) => compareText(a.id, b.id));
}

/** Counts recomputed from the findings themselves (the report's summary block is not trusted blindly). */
export interface FindingCounts {
  bySeverity: Record<Severity, number>;
  byStatus: Record<FindingStatus, number>;
  byProvider: Record<string, number>;
  /** Open problems only (status fail), by severity. */
  failBySeverity: Record<Severity, number>;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const zeroSeverity = (): Record<Severity, number> =>
    Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const counts: FindingCounts = {
    bySeverity: zeroSeverity(),
    byStatus: { fail: 0, unknown: 0, suppressed: 0 },
    byProvider: {},
    failBySeverity: zeroSeverity(),
  };
  for (const f of findings) {
    counts.bySeverity[f.severity] += 1;
    counts.byStatus[f.status] += 1;
    counts.byProvider[f.resource.provider] = (counts.byProvider[f.resource.provider] ?? 0) + 1;
    if (f.status === 'fail') counts.failBySeverity[f.severity] += 1;
  }
  return counts;
}

/** Groups gaps by (source, code) with summed counts, for compact summaries. */
export interface GapGroup {
  source: string;
  code: string;
  occurrences: number;
  entries: Gap[];
}

export function groupGaps(gaps: readonly Gap[]): GapGroup[] {
  const groups = new Map<string, GapGroup>();
  for (const gap of sortGaps(gaps)) {
    const key = `${gap.source}\u0000${gap.code}`;
    let group = groups.get(key);
    if (!group) {
      group = { source: gap.source, code: gap.code, occurrences: 0, entries: [] };
      groups.set(key, group);
    }
    group.occurrences += gap.count ?? 1;
    group.entries.push(gap);
  }
  return [...groups.values()];
}

/** Lifecycle counts when the state file provided them; undefined when no finding carries lifecycle data. */
export function lifecycleCounts(
  findings: readonly Finding[],
  fixed: readonly unknown[] | undefined,
): { new: number; recurring: number; fixed: number } | undefined {
  const withLifecycle = findings.filter((f) => f.lifecycle);
  if (withLifecycle.length === 0 && fixed === undefined) return undefined;
  return {
    new: withLifecycle.filter((f) => f.lifecycle?.state === 'new').length,
    recurring: withLifecycle.filter((f) => f.lifecycle?.state === 'recurring').length,
    fixed: fixed?.length ?? 0,
  };
}
