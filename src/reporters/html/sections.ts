// The HTML report's sections, each a pure function returning escaped markup.
import type { Finding, RuleMeta, RunReport } from '../../core/model.js';
import { SEVERITIES } from '../../core/model.js';
import { countFindings, groupGaps, lifecycleCounts, sortGaps, sortInputs, sortRules } from '../common/order.js';
import { escapeHtml as e, jsonBlock } from './escape.js';

const NUMBER = new Intl.NumberFormat('en-US');
const n = (value: number) => NUMBER.format(value);

export function runHeader(report: RunReport): string {
  const run = report.run;
  const rows: [string, string][] = [
    ['Tool', `${e(report.tool.name)} ${e(report.tool.version)} (<span class="id">${e(report.tool.informationUri)}</span>)`],
    ['Run id', `<code>${e(run.id)}</code>`],
    ['Started (UTC)', e(run.startedAt)],
    ['Finished (UTC)', e(run.finishedAt)],
  ];
  if (run.window) rows.push(['Log window', `${e(run.window.start)} → ${e(run.window.end)}`]);
  if (run.thresholdProfile) rows.push(['Threshold profile', e(run.thresholdProfile)]);
  rows.push(['Scope', `<pre>${jsonBlock(run.scope)}</pre>`]);
  rows.push(['Parameters', `<pre>${jsonBlock(run.parameters)}</pre>`]);
  return `<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

export function summary(report: RunReport, findings: readonly Finding[]): string {
  const counts = countFindings(findings);
  const cards = [
    ['Findings', findings.length],
    ['Failing', counts.byStatus.fail],
    ['Not evaluated', counts.byStatus.unknown],
    ['Waived', counts.byStatus.suppressed],
    ['Gaps', report.gaps.length],
  ] as const;
  const cardHtml = `<div class="cards">${cards.map(([label, value]) => `<div class="card"><b>${n(value)}</b>${label}</div>`).join('')}</div>`;
  const bySev = SEVERITIES.map((s) => {
    const of = (status: Finding['status']) => findings.filter((f) => f.severity === s && f.status === status).length;
    return `<tr><td class="sev sev-${s}">${s}</td><td class="num">${n(of('fail'))}</td><td class="num">${n(of('unknown'))}</td><td class="num">${n(of('suppressed'))}</td><td class="num">${n(counts.bySeverity[s])}</td></tr>`;
  }).join('');
  const sevTable = `<table><thead><tr><th>Severity</th><th class="num">Failing</th><th class="num">Not evaluated</th><th class="num">Waived</th><th class="num">Total</th></tr></thead><tbody>${bySev}</tbody></table>`;
  const providers = Object.keys(counts.byProvider).sort();
  const provLine = providers.length > 0 ? `<p>By provider: ${providers.map((p) => `${e(p)} ${n(counts.byProvider[p]!)}`).join(' · ')}</p>` : '';
  const lc = lifecycleCounts(findings, report.fixed);
  const lcLine = lc ? `<p>Since the last run: ${n(lc.new)} new · ${n(lc.recurring)} recurring · ${n(lc.fixed)} fixed</p>` : '';
  return cardHtml + sevTable + provLine + lcLine;
}

function resourceCell(f: Finding): string {
  const r = f.resource;
  const where = [r.provider, r.account, r.region ?? ''].filter((s) => s !== '').map(e).join(' / ');
  const name = r.name ? `<b>${e(r.name)}</b><br>` : '';
  return `${name}<span class="id mono">${e(r.id)}</span><br><span class="muted">${where}${r.type ? ` · ${e(r.type)}` : ''}</span>`;
}

function messageCell(f: Finding, rule: RuleMeta | undefined): string {
  const parts = [`<p>${e(f.message)}</p>`];
  if (f.status === 'unknown' && f.reason) parts.push(`<p><b>Not evaluated:</b> ${e(f.reason)}</p>`);
  if (f.waiver) {
    const w = f.waiver;
    parts.push(`<p><b>Waived:</b> ${e(w.reason)}${w.owner ? ` · owner ${e(w.owner)}` : ''}${w.expires ? ` · expires ${e(w.expires)}` : ''}</p>`);
  }
  if (f.principal) parts.push(`<p><b>Principal:</b> <span class="id mono">${e(f.principal)}</span></p>`);
  if (f.window) parts.push(`<p><b>Window:</b> ${e(f.window.start)} → ${e(f.window.end)}</p>`);
  const remediation = f.remediation ?? rule?.remediation;
  if (remediation) parts.push(`<p><b>Remediation:</b> ${e(remediation)}</p>`);
  const frameworks = f.frameworks ?? rule?.frameworks;
  if (frameworks && Object.keys(frameworks).length > 0) {
    const list = Object.keys(frameworks).sort().map((fw) => `${e(fw)} ${(frameworks[fw] ?? []).map(e).join(', ')}`);
    parts.push(`<p class="muted">${list.join(' · ')}</p>`);
  }
  if (f.lifecycle) parts.push(`<p class="muted">${e(f.lifecycle.state)} · first seen ${e(f.lifecycle.firstSeen)} · last seen ${e(f.lifecycle.lastSeen)}</p>`);
  return parts.join('');
}

export function findingsTable(findings: readonly Finding[], rules: readonly RuleMeta[]): string {
  if (findings.length === 0) return '<p>No findings.</p>';
  const byId = new Map(rules.map((r) => [r.id, r]));
  const rows = findings.map((f) => {
    const rule = byId.get(f.ruleId);
    return (
      `<tr class="status-${e(f.status)}" id="f-${e(f.fingerprint.slice(0, 16))}">` +
      `<td class="sev sev-${e(f.severity)}">${e(f.severity)}</td>` +
      `<td>${e(f.status)}</td>` +
      `<td><code>${e(f.ruleId)}</code>${rule ? `<br><span class="muted">${e(rule.title)}</span>` : ''}<br><span class="muted">${e(f.kind)}</span></td>` +
      `<td>${resourceCell(f)}</td>` +
      `<td>${messageCell(f, rule)}</td>` +
      `<td><pre>${jsonBlock(f.evidence)}</pre></td>` +
      `<td class="mono id">${e(f.fingerprint)}</td></tr>`
    );
  });
  return `<table><thead><tr><th>Severity</th><th>Status</th><th>Rule</th><th>Resource</th><th>Finding</th><th>Evidence</th><th>Fingerprint</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function waiversTable(findings: readonly Finding[]): string {
  const waived = findings.filter((f) => f.status === 'suppressed');
  if (waived.length === 0) return '<p>No findings are waived.</p>';
  const rows = waived.map(
    (f) =>
      `<tr><td><code>${e(f.ruleId)}</code></td><td class="id mono">${e(f.resource.id)}</td><td>${e(f.waiver?.reason ?? 'waived (no reason recorded)')}</td>` +
      `<td>${e(f.waiver?.owner ?? '')}</td><td>${e(f.waiver?.expires ?? '')}</td></tr>`,
  );
  return `<table><thead><tr><th>Rule</th><th>Resource</th><th>Reason</th><th>Owner</th><th>Expires</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function fixedTable(report: RunReport): string {
  const fixed = report.fixed ?? [];
  if (fixed.length === 0) return '<p>None recorded.</p>';
  const rows = [...fixed]
    .sort((a, b) => (a.ruleId + a.resourceId < b.ruleId + b.resourceId ? -1 : 1))
    .map((f) => `<tr><td><code>${e(f.ruleId)}</code></td><td class="id mono">${e(f.resourceId)}</td><td>${e(f.firstSeen)}</td><td>${e(f.lastSeen)}</td></tr>`);
  return `<table><thead><tr><th>Rule</th><th>Resource</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function gapsTable(report: RunReport): string {
  if (report.gaps.length === 0) return '<p>No gaps: everything in scope was collected and read.</p>';
  const groups = groupGaps(report.gaps).map((g) => `${e(g.source)} ${e(g.code)} ×${n(g.occurrences)}`);
  const rows = sortGaps(report.gaps).map(
    (g) =>
      `<tr><td>${e(g.source)}</td><td><code>${e(g.code)}</code></td><td class="id mono">${e(g.scope)}${g.file ? `<br>${e(g.file)}${g.line !== undefined ? `:${n(g.line)}` : ''}` : ''}</td>` +
      `<td>${e(g.message)}</td><td class="num">${n(g.count ?? 1)}</td><td>${g.retryable ? 'yes' : 'no'}</td></tr>`,
  );
  return `<p>${groups.join(' · ')}</p><table><thead><tr><th>Source</th><th>Code</th><th>Scope</th><th>Message</th><th class="num">Count</th><th>Retryable</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function coverageTable(report: RunReport): string {
  const c = report.coverage;
  const providers = Object.entries(c.providers).sort(([a], [b]) => (a < b ? -1 : 1));
  const rows = providers.map(
    ([p, v]) => `<tr><td>${e(p)}</td><td class="num">${n(v.keys)}</td><td class="num">${n(v.containers)}</td><td class="num">${n(v.events)}</td><td>${e(v.status)}</td></tr>`,
  );
  return (
    `<table><thead><tr><th>Provider</th><th class="num">Keys</th><th class="num">Containers</th><th class="num">Events</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    `<p>${n(c.keys)} keys · ${n(c.events)} events · ${n(c.policiesEvaluated)} policy evaluations · ${n(c.policiesNotApplicable)} not applicable · ${n(c.policiesUnknown)} unknown · ${n(c.rulesEvaluated)} anomaly rules evaluated</p>`
  );
}

export function inputsTable(report: RunReport): string {
  const inputs = sortInputs(report.inputs);
  if (inputs.length === 0) return '<p>No input files (live collection only).</p>';
  const rows = inputs.map(
    (i) =>
      `<tr><td>${e(i.kind)}</td><td class="id mono">${e(i.path)}</td><td class="mono id">${e(i.sha256)}</td><td class="num">${n(i.bytes)}</td>` +
      `<td>${e(i.format ?? '')}</td><td class="num">${i.records !== undefined ? n(i.records) : ''}</td><td class="num">${n(i.malformed ?? 0)}</td><td class="num">${n(i.duplicates ?? 0)}</td><td class="num">${n(i.skipped ?? 0)}</td></tr>`,
  );
  return `<table><thead><tr><th>Kind</th><th>Path</th><th>SHA-256</th><th class="num">Bytes</th><th>Format</th><th class="num">Records</th><th class="num">Malformed</th><th class="num">Duplicates</th><th class="num">Skipped</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function rulesTable(report: RunReport): string {
  const rules = sortRules(report.rules);
  if (rules.length === 0) return '<p>No rule metadata in this run.</p>';
  const rows = rules.map((r) => {
    const fw = r.frameworks ? Object.keys(r.frameworks).sort().map((k) => `${e(k)} ${(r.frameworks![k] ?? []).map(e).join(', ')}`).join('<br>') : '';
    return `<tr><td><code>${e(r.id)}</code></td><td>${e(r.kind)}</td><td class="sev sev-${e(r.severity)}">${e(r.severity)}</td><td>${e(r.title)}</td><td>${fw}</td></tr>`;
  });
  return `<table><thead><tr><th>Rule</th><th>Kind</th><th>Severity</th><th>Title</th><th>Frameworks</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
