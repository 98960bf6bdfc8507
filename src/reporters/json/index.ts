// keywarden.json: the RunReport itself, with deterministic ordering and a summary recomputed from
// the findings so the counts can never disagree with the list. Shape: reports/schemas/report.schema.json.
import type { Provider, RunReport } from '../../core/model.js';
import { jsonChunks } from './chunks.js';
import { compareText, countFindings, sortFindings, sortGaps, sortInputs, sortRules } from '../common/order.js';

/** The `$id` of reports/schemas/report.schema.json (a URN: the project has no schema host). */
export const REPORT_SCHEMA_ID = 'urn:keywarden:schema:report:1';

export function normaliseReport(report: RunReport): RunReport {
  const findings = sortFindings(report.findings);
  const counts = countFindings(findings);
  const byProvider = Object.fromEntries(
    Object.entries(counts.byProvider).sort(([a], [b]) => compareText(a, b)),
  ) as Partial<Record<Provider, number>>;
  return {
    ...report,
    inputs: sortInputs(report.inputs),
    rules: sortRules(report.rules),
    findings,
    ...(report.fixed
      ? { fixed: [...report.fixed].sort((a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.resourceId, b.resourceId) || compareText(a.fingerprint, b.fingerprint)) }
      : {}),
    gaps: sortGaps(report.gaps),
    summary: { bySeverity: counts.bySeverity, byProvider, byStatus: counts.byStatus },
  };
}

/** keywarden.json in chunks (its findings, gaps and inputs streamed one by one), for writing to disk. */
export function renderChunks(report: RunReport): Iterable<string> {
  return jsonChunks(normaliseReport(report), 2);
}

export function render(report: RunReport): string {
  return `${JSON.stringify(normaliseReport(report), null, 2)}\n`;
}
