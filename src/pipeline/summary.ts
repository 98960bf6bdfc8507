// Summary counts, the exit code and deterministic ordering of a run's findings.
import type { Finding, FindingStatus, Provider, RunReport, Severity } from '../core/model.js';
import { SEVERITIES } from '../core/model.js';

export type FailOn = Severity | 'none';

export function summarize(findings: readonly Finding[]): RunReport['summary'] {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus: Record<FindingStatus, number> = { fail: 0, unknown: 0, suppressed: 0 };
  const byProvider: Partial<Record<Provider, number>> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byStatus[f.status]++;
    byProvider[f.resource.provider] = (byProvider[f.resource.provider] ?? 0) + 1;
  }
  return { bySeverity, byProvider, byStatus };
}

/** 1 when a failing (not waived, not unknown) finding is at or above the threshold; `none` never fails. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const limit = SEVERITIES.indexOf(failOn);
  return findings.some((f) => f.status === 'fail' && SEVERITIES.indexOf(f.severity) <= limit) ? 1 : 0;
}

/** Severity first, then rule, provider, resource, window: the same input always lists the same way. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return findings.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resource.provider.localeCompare(b.resource.provider) ||
      a.resource.id.localeCompare(b.resource.id) ||
      (a.window?.start ?? '').localeCompare(b.window?.start ?? '') ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}
