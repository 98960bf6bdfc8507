// Trend across past scans, from the state file (RunReport.trend): new, fixed and open over time.
import type { RunReport } from '../../core/model.js';
import { escapeHtml as e } from './escape.js';
import { lineChart, shortTime } from './svg.js';

/** Table rows shown under the chart (the most recent scans). */
export const TREND_TABLE_ROWS = 20;

export function trendSection(report: RunReport): string {
  const trend = report.trend ?? [];
  if (trend.length === 0) {
    return '<p>No history: this run kept no state file (<code>--state</code>), so new, fixed and open findings over time cannot be shown.</p>';
  }
  const labels = trend.map((p) => shortTime(p.at));
  const chart = lineChart(
    'Open, new and fixed findings per scan',
    labels,
    [
      { key: 'open', label: 'open', cls: 'tr-open' },
      { key: 'new', label: 'new', cls: 'tr-new' },
      { key: 'fixed', label: 'fixed', cls: 'tr-fixed' },
    ],
    trend.map((p) => ({ open: p.open, new: p.new, fixed: p.fixed })),
  );
  const rows = trend
    .slice(-TREND_TABLE_ROWS)
    .reverse()
    .map((p) => `<tr><td>${e(p.at)}</td><td><code>${e(p.scanId)}</code></td><td class="num">${p.findings.toLocaleString('en-US')}</td><td class="num">${p.open.toLocaleString('en-US')}</td><td class="num">${p.new.toLocaleString('en-US')}</td><td class="num">${p.fixed.toLocaleString('en-US')}</td></tr>`)
    .join('');
  return (
    `<p class="muted">${trend.length.toLocaleString('en-US')} scan${trend.length === 1 ? '' : 's'} in the state file, oldest first, ending with this run. Open = reported and not waived; new = never reported by an earlier scan; fixed = a policy finding gone from an account the scan covered.</p>` +
    `<figure>${chart}</figure>` +
    `<table class="compact"><thead><tr><th>Finished (UTC)</th><th>Scan</th><th class="num">Findings</th><th class="num">Open</th><th class="num">New</th><th class="num">Fixed</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}
