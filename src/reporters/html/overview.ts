// Run header (scope, tool, parameters, window) and the summary with its charts.
import type { Finding, FindingStatus, RunReport } from '../../core/model.js';
import { SEVERITIES } from '../../core/model.js';
import { compareText, countFindings, lifecycleCounts } from '../common/order.js';
import { escapeHtml as e, jsonBlock } from './escape.js';
import { barChart } from './svg.js';

const NUMBER = new Intl.NumberFormat('en-US');
export const n = (value: number) => NUMBER.format(value);

const STATUS_LABEL: Record<FindingStatus, string> = { fail: 'Failing', unknown: 'Not evaluated', suppressed: 'Waived' };

/** Scope entries flattened to rows: `aws` / `accounts` / `111122223333, …`. Providers, accounts, subscriptions, projects, regions, vaults, tokens. */
export function scopeRows(scope: Record<string, unknown>, prefix: string[] = []): { path: string[]; values: string[] }[] {
  const rows: { path: string[]; values: string[] }[] = [];
  for (const key of Object.keys(scope).sort(compareText)) {
    const value = scope[key];
    const path = [...prefix, key];
    if (Array.isArray(value)) rows.push({ path, values: value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) });
    else if (value !== null && typeof value === 'object') rows.push(...scopeRows(value as Record<string, unknown>, path));
    else rows.push({ path, values: [String(value)] });
  }
  return rows;
}

function parameterValue(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `<code>${e(String(value))}</code>`;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length === 0 ? '<span class="muted">none</span>' : value.map((v) => `<code>${e(v)}</code>`).join(' ');
  return `<pre>${jsonBlock(value)}</pre>`;
}

export function runSection(report: RunReport): string {
  const run = report.run;
  const meta: [string, string][] = [
    ['Tool', `${e(report.tool.name)} ${e(report.tool.version)} <span class="muted id">${e(report.tool.informationUri)}</span>`],
    ['Run id', `<code>${e(run.id)}</code>`],
    ['Started (UTC)', e(run.startedAt)],
    ['Finished (UTC)', e(run.finishedAt)],
    ['Log window (UTC)', run.window ? `${e(run.window.start)} → ${e(run.window.end)}` : '<span class="muted">no logs analysed</span>'],
  ];
  if (run.thresholdProfile) meta.push(['Threshold profile', e(run.thresholdProfile)]);
  const scope = scopeRows(run.scope);
  const scopeTable =
    scope.length === 0
      ? '<p class="muted">The run recorded no scope.</p>'
      : `<table class="scope"><thead><tr><th>Scope</th><th>Values</th></tr></thead><tbody>${scope
          .map((r) => `<tr><td>${r.path.map(e).join(' › ')}</td><td>${r.values.map((v) => `<code class="id">${e(v)}</code>`).join(' ')}</td></tr>`)
          .join('')}</tbody></table>`;
  const params = Object.keys(run.parameters)
    .sort(compareText)
    .map((k) => `<dt>${e(k)}</dt><dd>${parameterValue(run.parameters[k])}</dd>`)
    .join('');
  return (
    `<div class="grid2"><div><h3>Run</h3><dl class="meta">${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></div>` +
    `<div><h3>Scope</h3>${scopeTable}</div></div>` +
    `<details class="params"><summary>Parameters of the run (as given; credentials are never recorded)</summary><dl class="meta">${params}</dl></details>`
  );
}

export function summarySection(report: RunReport, findings: readonly Finding[]): string {
  const counts = countFindings(findings);
  const lc = lifecycleCounts(findings, report.fixed);
  const cards: [string, number, string][] = [
    ['Findings', findings.length, ''],
    ['Failing', counts.byStatus.fail, 'card-fail'],
    ['Not evaluated', counts.byStatus.unknown, 'card-unknown'],
    ['Waived', counts.byStatus.suppressed, 'card-waived'],
    ['Keys scanned', report.coverage.keys, ''],
    ['Events read', report.coverage.events, ''],
    ['Gaps', report.gaps.length, report.gaps.length > 0 ? 'card-unknown' : ''],
  ];
  if (lc) cards.push(['New since last scan', lc.new, ''], ['Fixed since last scan', lc.fixed, 'card-pass']);
  const cardHtml = `<div class="cards">${cards.map(([label, value, cls]) => `<div class="card ${cls}"><b>${n(value)}</b><span>${label}</span></div>`).join('')}</div>`;
  const sevChart = barChart(
    'Failing findings by severity',
    SEVERITIES.map((s) => ({ label: s, value: counts.failBySeverity[s], cls: `sev-${s}` })),
  );
  const statusChart = barChart(
    'Findings by status',
    (['fail', 'unknown', 'suppressed'] as const).map((s) => ({ label: STATUS_LABEL[s], value: counts.byStatus[s], cls: `st-${s}` })),
  );
  const providers = Object.keys(counts.byProvider).sort(compareText);
  const provChart = barChart(
    'Findings by provider',
    providers.map((p) => ({ label: p, value: counts.byProvider[p] ?? 0, cls: 'prov' })),
  );
  // One pass: severity × status (100,000 findings must not be scanned fifteen times).
  const matrix = new Map<string, number>();
  for (const f of findings) matrix.set(`${f.severity}/${f.status}`, (matrix.get(`${f.severity}/${f.status}`) ?? 0) + 1);
  const bySev = SEVERITIES.map((s) => {
    const of = (status: FindingStatus) => matrix.get(`${s}/${status}`) ?? 0;
    return `<tr><td><span class="sev sev-${s}">${s}</span></td><td class="num">${n(of('fail'))}</td><td class="num">${n(of('unknown'))}</td><td class="num">${n(of('suppressed'))}</td><td class="num">${n(counts.bySeverity[s])}</td></tr>`;
  }).join('');
  const sevTable = `<table class="compact"><thead><tr><th>Severity</th><th class="num">Failing</th><th class="num">Not evaluated</th><th class="num">Waived</th><th class="num">Total</th></tr></thead><tbody>${bySev}</tbody></table>`;
  return (
    cardHtml +
    `<div class="charts"><figure><figcaption>Failing by severity</figcaption>${sevChart}</figure>` +
    `<figure><figcaption>By status</figcaption>${statusChart}</figure>` +
    `<figure><figcaption>By provider</figcaption>${provChart}</figure></div>` +
    sevTable
  );
}
