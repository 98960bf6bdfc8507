// Key inventory as the RunReport carries it: per provider the keys, containers and events collected
// (coverage), and every resource that has findings, with its worst severity. The full inventory
// snapshot is an input file (see Inputs) and is not embedded in the run report.
import type { Finding, Severity } from '../../core/model.js';
import { SEVERITIES } from '../../core/model.js';
import { SEVERITY_RANK, compareText } from '../common/order.js';
import { escapeHtml as e } from './escape.js';

/** Resources listed at most; the findings table has them all. */
export const MAX_INVENTORY_ROWS = 500;

interface ResourceRow {
  provider: string;
  account: string;
  region: string;
  type: string;
  id: string;
  name: string;
  worst: Severity;
  bySeverity: Record<Severity, number>;
  total: number;
}

export function resourcesWithFindings(findings: readonly Finding[]): ResourceRow[] {
  const rows = new Map<string, ResourceRow>();
  for (const f of findings) {
    if (f.status === 'suppressed') continue;
    const r = f.resource;
    const key = `${r.provider}\u0000${r.account}\u0000${r.id}`;
    let row = rows.get(key);
    if (!row) {
      row = { provider: r.provider, account: r.account, region: r.region ?? '', type: r.type ?? '', id: r.id, name: r.name ?? '', worst: f.severity, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, total: 0 };
      rows.set(key, row);
    }
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[row.worst]) row.worst = f.severity;
    row.bySeverity[f.severity]++;
    row.total++;
  }
  return [...rows.values()].sort(
    (a, b) => SEVERITY_RANK[a.worst] - SEVERITY_RANK[b.worst] || b.total - a.total || compareText(a.provider, b.provider) || compareText(a.account, b.account) || compareText(a.id, b.id),
  );
}

export function inventorySection(findings: readonly Finding[], keysScanned: number): string {
  const rows = resourcesWithFindings(findings);
  if (rows.length === 0) return `<p>None of the ${keysScanned.toLocaleString('en-US')} keys scanned has an open finding.</p>`;
  const shown = rows.slice(0, MAX_INVENTORY_ROWS);
  const body = shown
    .map(
      (r) =>
        `<tr><td><span class="sev sev-${r.worst}">${r.worst}</span></td><td>${r.name ? `<b>${e(r.name)}</b><br>` : ''}<span class="id mono">${e(r.id)}</span></td>` +
        `<td>${e(r.type)}</td><td>${e(r.provider)}</td><td class="id">${e(r.account)}</td><td>${e(r.region)}</td>` +
        SEVERITIES.map((s) => `<td class="num">${r.bySeverity[s] > 0 ? r.bySeverity[s].toLocaleString('en-US') : ''}</td>`).join('') +
        `</tr>`,
    )
    .join('');
  return (
    `<p class="muted">${rows.length.toLocaleString('en-US')} resources with open findings out of ${keysScanned.toLocaleString('en-US')} keys scanned (plus vaults, key rings, tokens, trails and principals named by findings)` +
    `${rows.length > shown.length ? `; the ${shown.length.toLocaleString('en-US')} most severe are listed` : ''}. The full inventory snapshot is listed under Inputs with its SHA-256.</p>` +
    `<table class="inventory"><thead><tr><th>Worst</th><th>Resource</th><th>Type</th><th>Provider</th><th>Account</th><th>Region</th>${SEVERITIES.map((s) => `<th class="num">${s}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`
  );
}
