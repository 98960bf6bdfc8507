// Terminal summary: pure text, ANSI colours only when asked. Finding text comes from cloud data
// (key descriptions, aliases, log fields), so control characters are replaced before printing: a
// crafted alias must not be able to move the cursor or rewrite the terminal.
import type { Finding, RunReport, Severity } from '../../core/model.js';
import { SEVERITIES } from '../../core/model.js';
import { countFindings, groupGaps, lifecycleCounts, sortFindings } from '../common/order.js';

export interface ConsoleOptions {
  color?: boolean;
  /** How many findings to list (default 10). */
  top?: number;
  /** Report files written, shown under "Reports". */
  written?: readonly string[];
  /** Notes from the writers (e.g. SARIF aggregation). */
  notes?: readonly string[];
  /** Maximum characters per finding line (default 160). */
  width?: number;
}

const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

/** Replaces C0/C1 control characters (ESC included) with a visible placeholder, collapses newlines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

export function sanitizeTerminal(text: string): string {
  return text.replace(/\r?\n|\t/g, ' ').replace(CONTROLS, '\uFFFD');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

export function renderConsoleSummary(report: RunReport, options: ConsoleOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const width = options.width ?? 160;
  const findings = sortFindings(report.findings);
  const counts = countFindings(findings);
  const cov = report.coverage;
  const lines: string[] = [];

  lines.push(paint(BOLD, `${report.tool.name} ${report.tool.version}`) + ` · run ${sanitizeTerminal(report.run.id)} · ${report.run.startedAt} → ${report.run.finishedAt}`);
  const window = report.run.window ? ` · log window ${report.run.window.start} → ${report.run.window.end}` : '';
  lines.push(`Scanned ${num(cov.keys)} keys and ${num(cov.events)} events · ${num(cov.policiesEvaluated)} policy evaluations (${num(cov.policiesNotApplicable)} not applicable, ${num(cov.policiesUnknown)} unknown) · ${num(cov.rulesEvaluated)} anomaly rules${window}`);
  const providerCoverage = Object.entries(cov.providers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, c]) => `${p} ${c.status}`);
  if (providerCoverage.length > 0) lines.push(`Coverage: ${providerCoverage.join(', ')}`);
  lines.push('');

  lines.push(paint(BOLD, `Findings: ${num(findings.length)}`) + ` (fail ${num(counts.byStatus.fail)}, unknown ${num(counts.byStatus.unknown)}, waived ${num(counts.byStatus.suppressed)})`);
  lines.push(`  by severity: ${SEVERITIES.map((s) => paint(SEVERITY_COLOUR[s], `${s} ${num(counts.bySeverity[s])}`)).join('  ')}`);
  const providers = Object.keys(counts.byProvider).sort();
  if (providers.length > 0) lines.push(`  by provider: ${providers.map((p) => `${p} ${num(counts.byProvider[p]!)}`).join('  ')}`);
  const lifecycle = lifecycleCounts(findings, report.fixed);
  if (lifecycle) lines.push(`  since last run: ${num(lifecycle.new)} new, ${num(lifecycle.recurring)} recurring, ${num(lifecycle.fixed)} fixed`);

  const open = findings.filter((f) => f.status !== 'suppressed');
  const top = open.slice(0, options.top ?? 10);
  if (top.length > 0) {
    lines.push('', paint(BOLD, `Top findings${open.length > top.length ? ` (${top.length} of ${num(open.length)})` : ''}:`));
    for (const f of top) lines.push(findingLine(f, width, paint));
  }

  const groups = groupGaps(report.gaps);
  if (groups.length > 0) {
    lines.push('', paint(BOLD, `Gaps: ${num(report.gaps.length)} (data that could not be collected or read)`));
    for (const g of groups) {
      const first = g.entries[0]!;
      const more = g.entries.length > 1 ? ` (+${g.entries.length - 1} more scopes)` : '';
      lines.push(`  ${sanitizeTerminal(g.source)} ${sanitizeTerminal(g.code)} ×${num(g.occurrences)}: ${clip(sanitizeTerminal(first.message), 100)} [${clip(sanitizeTerminal(first.file ?? first.scope), 80)}]${more}`);
    }
  }

  if (options.notes && options.notes.length > 0) {
    lines.push('', paint(BOLD, 'Notes:'));
    for (const note of options.notes) lines.push(`  ${sanitizeTerminal(note)}`);
  }
  if (options.written && options.written.length > 0) {
    lines.push('', paint(BOLD, 'Reports:'));
    for (const path of options.written) lines.push(`  ${sanitizeTerminal(path)}`);
  }
  return `${lines.join('\n')}\n`;
}

function findingLine(f: Finding, width: number, paint: (code: string, text: string) => string): string {
  const label = f.status === 'unknown' ? `${f.severity.toUpperCase()}?` : f.severity.toUpperCase();
  const where = [f.resource.provider, f.resource.account, f.resource.region].filter((s) => s).join(' ');
  const text = `${f.ruleId} · ${where} · ${f.status === 'unknown' ? 'not evaluated: ' : ''}${f.message}`;
  return `  ${paint(SEVERITY_COLOUR[f.severity], label.padEnd(9))} ${clip(sanitizeTerminal(text), width)}`;
}

export function render(report: RunReport): string {
  return renderConsoleSummary(report);
}
