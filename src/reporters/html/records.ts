// Completeness and audit records: coverage and gaps, waivers with expiry, fixed findings, inputs, rules.
import type { Finding, RunReport } from '../../core/model.js';
import { compareText, groupGaps, sortGaps, sortInputs, sortRules } from '../common/order.js';
import { escapeHtml as e } from './escape.js';
import { n } from './overview.js';

export function coverageSection(report: RunReport): string {
  const c = report.coverage;
  const providers = Object.entries(c.providers).sort(([a], [b]) => compareText(a, b));
  const rows = providers.map(
    ([p, v]) => `<tr><td>${e(p)}</td><td class="num">${n(v.keys)}</td><td class="num">${n(v.containers)}</td><td class="num">${n(v.events)}</td><td><span class="badge cov-${e(v.status)}">${e(v.status)}</span></td></tr>`,
  );
  const table = `<table class="compact"><thead><tr><th>Provider</th><th class="num">Keys</th><th class="num">Containers (vaults, key rings, tokens)</th><th class="num">Events</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const totals = `<p>${n(c.keys)} keys · ${n(c.events)} events · ${n(c.policiesEvaluated)} policy evaluations · ${n(c.policiesNotApplicable)} not applicable · ${n(c.policiesUnknown)} unknown · ${n(c.rulesEvaluated)} anomaly rules evaluated</p>`;
  return table + totals + `<h3>Gaps</h3>${gapsTable(report)}`;
}

function gapsTable(report: RunReport): string {
  if (report.gaps.length === 0) return '<p>No gaps: everything in scope was collected and read.</p>';
  const groups = groupGaps(report.gaps).map((g) => `<code>${e(g.source)}</code> ${e(g.code)} ×${n(g.occurrences)}`);
  const rows = sortGaps(report.gaps).map(
    (g) =>
      `<tr><td>${e(g.source)}</td><td><code>${e(g.code)}</code></td><td class="id mono">${e(g.scope)}${g.file ? `<br>${e(g.file)}${g.line !== undefined ? `:${n(g.line)}` : ''}` : ''}</td>` +
      `<td>${e(g.message)}</td><td class="num">${n(g.count ?? 1)}</td><td>${g.retryable ? 'yes' : 'no'}</td></tr>`,
  );
  return `<p>${groups.join(' · ')}</p><table><thead><tr><th>Source</th><th>Code</th><th>Scope</th><th>Message</th><th class="num">Count</th><th>Retryable</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Days from the run to a waiver's expiry (negative when already expired); undefined without a date. */
export function daysUntil(expires: string | undefined, now: string): number | undefined {
  if (!expires) return undefined;
  const t = Date.parse(expires);
  const from = Date.parse(now);
  if (Number.isNaN(t) || Number.isNaN(from)) return undefined;
  return Math.floor((t - from) / 86_400_000);
}

function expiryCell(expires: string | undefined, now: string): string {
  const days = daysUntil(expires, now);
  if (!expires) return '<span class="badge st-unknown">no expiry</span>';
  if (days === undefined) return e(expires);
  const cls = days < 0 ? 'st-fail' : days <= 30 ? 'st-unknown' : 'st-pass';
  const text = days < 0 ? `expired ${n(-days)} d ago` : `in ${n(days)} d`;
  return `${e(expires)} <span class="badge ${cls}">${text}</span>`;
}

export function waiversSection(report: RunReport, findings: readonly Finding[]): string {
  const waived = findings.filter((f) => f.status === 'suppressed');
  const params = report.run.parameters['waivers'];
  const expired = params && typeof params === 'object' && Array.isArray((params as { expired?: unknown }).expired) ? ((params as { expired: unknown[] }).expired) : [];
  const expiredNote = expired.length > 0 ? `<p><span class="badge st-fail">${n(expired.length)} expired</span> waiver(s) no longer suppress their findings; they are counted as failing again.</p>` : '';
  if (waived.length === 0) return `${expiredNote}<p>No findings are waived.</p>`;
  const rows = waived.map(
    (f) =>
      `<tr><td><code>${e(f.ruleId)}</code></td><td class="id mono">${e(f.resource.id)}</td><td>${e(f.waiver?.reason ?? 'waived (no reason recorded)')}</td>` +
      `<td>${e(f.waiver?.owner ?? '')}</td><td>${expiryCell(f.waiver?.expires, report.run.finishedAt)}</td></tr>`,
  );
  return `${expiredNote}<table><thead><tr><th>Rule</th><th>Resource</th><th>Justification</th><th>Owner / approver</th><th>Expires (days from this run)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function fixedSection(report: RunReport): string {
  const fixed = report.fixed ?? [];
  if (fixed.length === 0) return '<p>None recorded.</p>';
  const rows = [...fixed]
    .sort((a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.resourceId, b.resourceId))
    .map((f) => `<tr><td><code>${e(f.ruleId)}</code></td><td class="id mono">${e(f.resourceId)}</td><td>${e(f.firstSeen)}</td><td>${e(f.lastSeen)}</td></tr>`);
  return `<table><thead><tr><th>Rule</th><th>Resource</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function inputsSection(report: RunReport): string {
  const inputs = sortInputs(report.inputs);
  if (inputs.length === 0) return '<p>No input files (live collection only).</p>';
  const rows = inputs.map(
    (i) =>
      `<tr><td>${e(i.kind)}</td><td class="id mono">${e(i.path)}</td><td class="mono id">${e(i.sha256)}</td><td class="num">${n(i.bytes)}</td>` +
      `<td>${e(i.format ?? '')}</td><td class="num">${i.records !== undefined ? n(i.records) : ''}</td><td class="num">${n(i.malformed ?? 0)}</td><td class="num">${n(i.duplicates ?? 0)}</td><td class="num">${n(i.skipped ?? 0)}</td></tr>`,
  );
  return `<table><thead><tr><th>Kind</th><th>Path</th><th>SHA-256</th><th class="num">Bytes</th><th>Format</th><th class="num">Records</th><th class="num">Malformed</th><th class="num">Duplicates</th><th class="num">Skipped</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function rulesSection(report: RunReport): string {
  const rules = sortRules(report.rules);
  if (rules.length === 0) return '<p>No rule metadata in this run.</p>';
  const rows = rules.map((r) => {
    const fw = r.frameworks ? Object.keys(r.frameworks).sort(compareText).map((k) => `${e(k)} ${(r.frameworks![k] ?? []).map(e).join(', ')}`).join('<br>') : '';
    return `<tr><td><code>${e(r.id)}</code></td><td>${e(r.kind)}</td><td><span class="sev sev-${e(r.severity)}">${e(r.severity)}</span></td><td>${e(r.title)}</td><td class="small">${fw}</td></tr>`;
  });
  return `<details><summary>${n(rules.length)} rules evaluated</summary><table><thead><tr><th>Rule</th><th>Kind</th><th>Severity</th><th>Title</th><th>Frameworks</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}
