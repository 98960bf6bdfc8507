// keywarden.md: a Markdown summary for pull-request comments and GitHub job summaries. GitHub renders
// inline HTML in Markdown, so every piece of data is escaped for both HTML and Markdown syntax.
import type { Finding, RunReport } from '../../core/model.js';
import { SEVERITIES } from '../../core/model.js';
import { countFindings, groupGaps, lifecycleCounts, sortFindings, sortInputs } from '../common/order.js';

/** GitHub comments are capped at 65,536 characters; stay well below with a bounded list. */
const MAX_ROWS = 20;
const MAX_CELL = 200;

export function escapeMarkdownCell(text: string): string {
  const clipped = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
  return clipped
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)).join(' | ')} |`;
}

function findingRow(f: Finding): string {
  const where = [f.resource.provider, f.resource.account, f.resource.region].filter((s) => s).join(' / ');
  return row([
    f.severity,
    f.status,
    `\`${f.ruleId.replace(/`/g, "'")}\``,
    `${escapeMarkdownCell(f.resource.name ?? f.resource.id)}<br>${escapeMarkdownCell(where)}`,
    escapeMarkdownCell(f.status === 'unknown' && f.reason ? `${f.message} (${f.reason})` : f.message),
  ]);
}

export function render(report: RunReport): string {
  const findings = sortFindings(report.findings);
  const counts = countFindings(findings);
  const out: string[] = [];
  out.push(`## keywarden ${escapeMarkdownCell(report.tool.version)}: ${counts.byStatus.fail} failing, ${counts.byStatus.unknown} not evaluated, ${counts.byStatus.suppressed} waived`, '');
  out.push(`Run \`${report.run.id.replace(/`/g, "'")}\` from ${report.run.startedAt} to ${report.run.finishedAt}; ${report.coverage.keys.toLocaleString('en-US')} keys and ${report.coverage.events.toLocaleString('en-US')} events scanned.`, '');

  out.push(row(['Severity', 'Fail', 'Not evaluated', 'Waived']), row(['---', '---:', '---:', '---:']));
  for (const s of SEVERITIES) {
    const of = (status: Finding['status']) => findings.filter((f) => f.severity === s && f.status === status).length;
    out.push(row([s, of('fail'), of('unknown'), of('suppressed')]));
  }
  out.push('');
  const providers = Object.keys(counts.byProvider).sort();
  if (providers.length > 0) out.push(`**By provider:** ${providers.map((p) => `${p} ${counts.byProvider[p]}`).join(' · ')}`, '');
  const lifecycle = lifecycleCounts(findings, report.fixed);
  if (lifecycle) out.push(`**Since the last run:** ${lifecycle.new} new · ${lifecycle.recurring} recurring · ${lifecycle.fixed} fixed`, '');

  const open = findings.filter((f) => f.status !== 'suppressed');
  if (open.length > 0) {
    out.push(`### Top findings${open.length > MAX_ROWS ? ` (${MAX_ROWS} of ${open.length})` : ''}`, '');
    out.push(row(['Severity', 'Status', 'Rule', 'Resource', 'Message']), row(['---', '---', '---', '---', '---']));
    for (const f of open.slice(0, MAX_ROWS)) out.push(findingRow(f));
    out.push('');
  }

  const gaps = groupGaps(report.gaps);
  if (gaps.length > 0) {
    out.push('### Gaps (not collected or not readable)', '');
    out.push(row(['Source', 'Code', 'Occurrences', 'Example']), row(['---', '---', '---:', '---']));
    for (const g of gaps.slice(0, MAX_ROWS)) {
      const e = g.entries[0]!;
      out.push(row([escapeMarkdownCell(g.source), escapeMarkdownCell(g.code), g.occurrences, escapeMarkdownCell(`${e.message} [${e.file ?? e.scope}]`)]));
    }
    out.push('');
  }

  const inputs = sortInputs(report.inputs);
  if (inputs.length > 0) {
    out.push(`### Inputs (${inputs.length})`, '');
    out.push(row(['Kind', 'Path', 'SHA-256']), row(['---', '---', '---']));
    for (const i of inputs.slice(0, MAX_ROWS)) out.push(row([i.kind, escapeMarkdownCell(i.path), `\`${i.sha256.replace(/[^0-9a-f]/gi, '')}\``]));
    if (inputs.length > MAX_ROWS) out.push('', `${inputs.length - MAX_ROWS} more inputs are listed in keywarden.json.`);
    out.push('');
  }
  out.push('Full details: `keywarden.json` (all findings and evidence), `keywarden.html`, `keywarden.sarif`.', '');
  return out.join('\n');
}
