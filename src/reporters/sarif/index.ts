// SARIF 2.1.0 for GitHub code scanning (sarif-and-reports.md). Pure: RunReport in, text out.
import { gzipSync } from 'node:zlib';
import type { Gap, RunReport } from '../../core/model.js';
import { sortFindings, sortGaps, sortRules } from '../common/order.js';
import {
  GITHUB_MAX_GZIP_BYTES,
  GITHUB_MAX_RESULTS_PER_RUN,
  GITHUB_SHOWN_RESULTS_PER_RUN,
  limitFindings,
} from './limits.js';
import { aggregateResult, toSarifResult } from './results.js';
import { placeholderRuleMeta, toSarifRule, truncate } from './rules.js';
import { groupRuns, type RunGroup, type RunGrouping } from './runs.js';
import type { SarifLog, SarifNotification, SarifResult, SarifRun } from './types.js';
import { jsonChunks } from '../json/chunks.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const MAX_RULES_PER_RUN = 25_000;
const MAX_NOTIFICATIONS = 1_000;

export interface SarifOptions {
  /** Default 'kind' (`keywarden/policy/`, `keywarden/anomaly/`); 'account' = `keywarden/<provider>/<account>/`. */
  grouping?: RunGrouping;
  /**
   * First part of every run's `automationDetails.id` (default `keywarden`). GitHub replaces earlier results
   * of the same category, so separate scans of different estates (one job per account or provider) each
   * need their own prefix, e.g. `keywarden/aws-prod` → `keywarden/aws-prod/policy/`.
   */
  categoryPrefix?: string;
  /**
   * GitHub ignores `suppressions` and would open an alert for every waived result, so waived findings
   * are left out by default (they stay in the JSON and HTML reports). true writes them with
   * `suppressions: [{ kind: 'external', ... }]` for other SARIF consumers.
   */
  includeSuppressed?: boolean;
  maxResultsPerRun?: number;
  maxGzipBytes?: number;
}

export interface SarifOutput {
  log: SarifLog;
  text: string;
  gzipBytes: number;
  /** Human-readable notes on limits applied and results left out (also in run.properties). */
  notes: string[];
}

function gapNotification(gap: Gap): SarifNotification {
  const where = [gap.scope, gap.file ? `${gap.file}${gap.line !== undefined ? `:${gap.line}` : ''}` : '']
    .filter((s) => s !== '')
    .join(' ');
  const times = gap.count && gap.count > 1 ? ` (${gap.count} times)` : '';
  return {
    level: 'warning',
    message: { text: truncate(`${gap.code}: ${gap.message} [${gap.source}: ${where}]${times}`, 4000) },
    descriptor: { id: gap.code },
    properties: {
      source: gap.source,
      scope: gap.scope,
      retryable: gap.retryable,
      ...(gap.count !== undefined ? { count: gap.count } : {}),
      ...(gap.file !== undefined ? { file: gap.file } : {}),
      ...(gap.line !== undefined ? { line: gap.line } : {}),
      ...(gap.resource ? { resourceId: gap.resource.id } : {}),
    },
  };
}

function buildRun(report: RunReport, group: RunGroup, budget: number, includeSuppressed: boolean): { run: SarifRun; notes: string[] } {
  const notes: string[] = [];
  const findings = includeSuppressed ? group.findings : group.findings.filter((f) => f.status !== 'suppressed');
  const suppressedOmitted = group.findings.length - findings.length;

  const catalogue = new Map(report.rules.filter(group.ruleFilter).map((r) => [r.id, r]));
  for (const f of findings) if (!catalogue.has(f.ruleId)) catalogue.set(f.ruleId, placeholderRuleMeta(f));
  let rules = sortRules([...catalogue.values()]);
  if (rules.length > MAX_RULES_PER_RUN) {
    const used = new Set(findings.map((f) => f.ruleId));
    rules = rules.filter((r) => used.has(r.id));
    notes.push(`${group.category}: rule catalogue cut to the ${rules.length} rules with results (GitHub allows ${MAX_RULES_PER_RUN}).`);
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const limited = limitFindings(findings, budget);
  const aggregatedCount = findings.length - limited.kept.length;
  const limitNote = `GitHub accepts at most ${GITHUB_MAX_RESULTS_PER_RUN} results per run and 10 MB gzipped per file`;
  const results: SarifResult[] = limited.kept.map((f) => toSarifResult(f, ruleIndex.get(f.ruleId)!));
  for (const [ruleId, omitted] of limited.omitted) {
    results.push(aggregateResult(ruleId, ruleIndex.get(ruleId)!, group.category, omitted, limitNote));
  }

  const notifications = sortGaps(group.gaps).map(gapNotification);
  if (notifications.length > MAX_NOTIFICATIONS) {
    const rest = notifications.length - (MAX_NOTIFICATIONS - 1);
    notifications.splice(MAX_NOTIFICATIONS - 1);
    notifications.push({ level: 'warning', message: { text: `${rest} more collection gaps; all are listed in keywarden.json.` } });
  }
  if (aggregatedCount > 0) {
    const note =
      `${group.category}: ${findings.length} findings exceed the upload limits; kept ${limited.kept.length} individually ` +
      `and aggregated ${aggregatedCount} into ${limited.omitted.size} summary result(s), one per rule (${limitNote}).`;
    notes.push(note);
    notifications.unshift({ level: 'warning', message: { text: note }, descriptor: { id: 'ResultsAggregated' } });
  } else if (results.length > GITHUB_SHOWN_RESULTS_PER_RUN) {
    notes.push(`${group.category}: ${results.length} results; GitHub keeps only ${GITHUB_SHOWN_RESULTS_PER_RUN} per run for display.`);
  }
  if (suppressedOmitted > 0) {
    notes.push(`${group.category}: ${suppressedOmitted} waived finding(s) left out of the SARIF (GitHub ignores suppressions); they are in keywarden.json and keywarden.html.`);
  }

  const providerFailed = Object.values(report.coverage.providers).some((p) => p?.status === 'failed');
  const run: SarifRun = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: report.tool.informationUri,
        rules: rules.map(toSarifRule),
      },
    },
    automationDetails: { id: group.category, description: { text: group.description } },
    invocations: [
      {
        executionSuccessful: !providerFailed,
        startTimeUtc: report.run.startedAt,
        endTimeUtc: report.run.finishedAt,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
        properties: { parameters: report.run.parameters, scope: report.run.scope },
      },
    ],
    results,
    columnKind: 'utf16CodeUnits',
    properties: {
      runId: report.run.id,
      ...(report.run.window ? { window: report.run.window } : {}),
      findings: {
        total: group.findings.length,
        reported: limited.kept.length,
        aggregated: aggregatedCount,
        suppressedOmitted,
      },
      ...(aggregatedCount > 0
        ? { aggregation: { note: notes.find((n) => n.includes('aggregated')), limit: budget, summaryResults: limited.omitted.size } }
        : {}),
      ...(notes.length > 0 ? { notes } : {}),
    },
  };
  return { run, notes };
}

/**
 * The size loop shared by buildSarif (one string) and writeSarif (streamed to a file): every run
 * starts with GitHub's result budget; while the file is too large gzipped, the run with the most
 * results has its budget halved and the log is built again.
 */
export class SarifPlan {
  readonly maxGzip: number;
  private readonly groups: RunGroup[];
  private readonly groupNotes: string[];
  private readonly budgets: number[];
  private readonly includeSuppressed: boolean;

  constructor(private readonly report: RunReport, options: SarifOptions = {}) {
    const maxResults = options.maxResultsPerRun ?? GITHUB_MAX_RESULTS_PER_RUN;
    this.maxGzip = options.maxGzipBytes ?? GITHUB_MAX_GZIP_BYTES;
    this.includeSuppressed = options.includeSuppressed ?? false;
    const { groups, notes } = groupRuns(report, sortFindings(report.findings), options.grouping ?? 'kind', options.categoryPrefix);
    this.groups = groups;
    this.groupNotes = notes;
    this.budgets = groups.map(() => maxResults);
  }

  /** The log under the current budgets, with its notes. */
  attempt(): { log: SarifLog; notes: string[] } {
    const built = this.groups.map((g, i) => buildRun(this.report, g, this.budgets[i]!, this.includeSuppressed));
    const log: SarifLog = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: built.map((b) => b.run) };
    return { log, notes: [...this.groupNotes, ...built.flatMap((b) => b.notes)] };
  }

  /**
   * After an attempt of `gzipBytes` above the limit: halves the budget of the run with the most
   * results and returns true, or adds a note and returns false when every result is already aggregated.
   */
  shrink(attempt: { log: SarifLog; notes: string[] }, gzipBytes: number): boolean {
    const runs = attempt.log.runs;
    let largest = -1;
    for (let i = 0; i < runs.length; i++) {
      if (this.budgets[i]! > 0 && (largest < 0 || runs[i]!.results.length > runs[largest]!.results.length)) largest = i;
    }
    if (largest < 0) {
      attempt.notes.push(`SARIF is ${gzipBytes} bytes gzipped even with every result aggregated; GitHub's limit is ${this.maxGzip}.`);
      return false;
    }
    this.budgets[largest] = Math.floor(Math.min(this.budgets[largest]!, runs[largest]!.results.length) / 2);
    return true;
  }
}

/** SARIF text in chunks: results are streamed one by one (runs[].results[] sit four levels down). */
export function sarifChunks(log: SarifLog): Iterable<string> {
  return jsonChunks(log, 4);
}

export function buildSarif(report: RunReport, options: SarifOptions = {}): SarifOutput {
  const plan = new SarifPlan(report, options);
  for (;;) {
    const attempt = plan.attempt();
    const text = `${JSON.stringify(attempt.log, null, 2)}\n`;
    const gzipBytes = gzipSync(text).length;
    if (gzipBytes <= plan.maxGzip || !plan.shrink(attempt, gzipBytes)) return { log: attempt.log, text, gzipBytes, notes: attempt.notes };
  }
}

export function render(report: RunReport, options?: SarifOptions): string {
  return buildSarif(report, options).text;
}
