// Anomaly findings: per finding the observed values against the baseline, with a chart of the
// detector's evidence series (observed per bucket, expectation, normal band, the anomaly window).
import type { Finding } from '../../core/model.js';
import { escapeHtml as e, jsonBlock } from './escape.js';
import { seriesChart, shortTime } from './svg.js';

/** Charts drawn at most: the rest are in the findings table with their evidence. */
export const MAX_ANOMALY_CHARTS = 60;

type Point = readonly [string, number];

function seriesOf(evidence: Record<string, unknown>): Point[] | undefined {
  const s = evidence['series'];
  if (!Array.isArray(s)) return undefined;
  const points = s.filter((p): p is [string, number] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number' && Number.isFinite(p[1]));
  return points.length > 0 ? points : undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Expected value and a ±3σ band when the baseline gives a standard deviation. */
export function expectation(evidence: Record<string, unknown>): { expected?: number; band?: [number, number] } {
  const expected = num(evidence['expected']);
  const baseline = evidence['baseline'];
  const sd = baseline && typeof baseline === 'object' ? num((baseline as Record<string, unknown>)['stddev']) : undefined;
  if (expected === undefined) return {};
  return sd !== undefined && sd > 0 ? { expected, band: [Math.max(0, expected - 3 * sd), expected + 3 * sd] } : { expected };
}

function observedText(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return e(String(v));
  return `<code>${e(JSON.stringify(v))}</code>`;
}

function anomalyCard(f: Finding): string {
  const ev = f.evidence;
  const series = seriesOf(ev);
  const { expected, band } = expectation(ev);
  const chart = series
    ? seriesChart({ title: `${f.ruleId}: observed against expected`, series, ...(expected !== undefined ? { expected } : {}), ...(band ? { band } : {}), ...(f.window ? { window: f.window } : {}) })
    : '';
  const facts: [string, string][] = [
    ['Observed', observedText(ev['observed'])],
    ['Expected', observedText(ev['expected'])],
    ['Score', observedText(ev['score'])],
    ['Threshold', observedText(ev['threshold'])],
  ];
  if (f.principal) facts.push(['Principal', `<code class="id">${e(f.principal)}</code>`]);
  if (f.window) facts.push(['Window (UTC)', `${e(shortTime(f.window.start))} → ${e(shortTime(f.window.end))}`]);
  return (
    `<article class="anomaly"><header><span class="sev sev-${e(f.severity)}">${e(f.severity)}</span> <code>${e(f.ruleId)}</code> ` +
    `<span class="muted">${e(f.resource.provider)} · ${e(f.resource.account)}${f.resource.region ? ` · ${e(f.resource.region)}` : ''}</span></header>` +
    `<p>${e(f.message)}</p><div class="anomaly-body">${chart ? `<div>${chart}</div>` : ''}` +
    `<dl class="meta">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></div>` +
    `<details><summary>Evidence</summary><pre>${jsonBlock(ev)}</pre></details></article>`
  );
}

/** `findings` are already in report order (most severe first). */
export function anomaliesSection(findings: readonly Finding[]): string {
  const anomalies = findings.filter((f) => f.kind === 'anomaly');
  if (anomalies.length === 0) return '<p>No anomaly in the analysed window.</p>';
  const shown = anomalies.slice(0, MAX_ANOMALY_CHARTS);
  const more = anomalies.length - shown.length;
  return (
    `<p class="muted">${anomalies.length.toLocaleString('en-US')} anomal${anomalies.length === 1 ? 'y' : 'ies'}. Bars are the observed count per bucket; the dashed line is the baseline's expectation and the shaded band its normal range (±3σ); the red bar is the anomaly window.</p>` +
    shown.map(anomalyCard).join('') +
    (more > 0 ? `<p class="muted">${more.toLocaleString('en-US')} more anomalies are listed in the findings table (filter kind: anomaly).</p>` : '')
  );
}
