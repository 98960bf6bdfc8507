// Inline SVG charts drawn at render time: no chart library, no script needed to see them (they print
// too). Colours come from CSS classes in the report's stylesheet; every label is escaped.
import { escapeHtml as e } from './escape.js';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const fmt = (v: number) => NUMBER.format(v);
/** Coordinates with at most one decimal keep the markup short and deterministic. */
const c = (v: number) => String(Math.round(v * 10) / 10);

export interface Bar {
  label: string;
  value: number;
  /** CSS class of the bar (e.g. `sev-critical`). */
  cls: string;
}

/** Horizontal bar chart: one labelled row per item, value printed at the end of the bar. */
export function barChart(title: string, bars: readonly Bar[], width = 360): string {
  const rowH = 22;
  const labelW = 110;
  const valueW = 56;
  const height = bars.length * rowH + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const span = width - labelW - valueW;
  const rows = bars.map((b, i) => {
    const y = i * rowH + 2;
    const w = b.value === 0 ? 0 : Math.max(2, (b.value / max) * span);
    return (
      `<text x="${labelW - 6}" y="${c(y + 15)}" class="lbl" text-anchor="end">${e(b.label)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${c(w)}" height="${rowH - 6}" rx="2" class="bar ${e(b.cls)}"><title>${e(b.label)}: ${fmt(b.value)}</title></rect>` +
      `<text x="${c(labelW + w + 5)}" y="${c(y + 15)}" class="val">${fmt(b.value)}</text>`
    );
  });
  return `<svg class="chart bars" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${e(title)}"><title>${e(title)}</title>${rows.join('')}</svg>`;
}

export interface SeriesChartInput {
  title: string;
  /** [bucket start ISO, observed count], oldest first. */
  series: readonly (readonly [string, number])[];
  /** Expected value per bucket (baseline mean or median). */
  expected?: number;
  /** Normal band around the expectation (e.g. mean ± 3σ), clipped at 0. */
  band?: readonly [number, number];
  /** Buckets starting inside [start, end) are the anomaly window. */
  window?: { start: string; end: string };
}

/** Observed counts per bucket as bars, the expectation as a dashed line over its band, the window shaded. */
export function seriesChart(input: SeriesChartInput, width = 560, height = 170): string {
  const pad = { l: 44, r: 10, t: 10, b: 34 };
  const plotW = width - pad.l - pad.r;
  const plotH = height - pad.t - pad.b;
  const n = input.series.length;
  const max = Math.max(1, input.expected ?? 0, input.band?.[1] ?? 0, ...input.series.map(([, v]) => v));
  const y = (v: number) => pad.t + plotH - (Math.max(0, v) / max) * plotH;
  const step = plotW / Math.max(1, n);
  const inWindow = (t: string) => input.window !== undefined && t >= input.window.start && (t < input.window.end || t === input.window.start);
  const parts: string[] = [];
  parts.push(`<line x1="${pad.l}" y1="${c(y(0))}" x2="${width - pad.r}" y2="${c(y(0))}" class="axis"/>`);
  parts.push(`<text x="${pad.l - 4}" y="${c(y(max) + 4)}" class="tick" text-anchor="end">${fmt(max)}</text>`);
  parts.push(`<text x="${pad.l - 4}" y="${c(y(0) + 4)}" class="tick" text-anchor="end">0</text>`);
  if (input.band) {
    const [lo, hi] = input.band;
    parts.push(`<rect x="${pad.l}" y="${c(y(hi))}" width="${c(plotW)}" height="${c(Math.max(0.5, y(lo) - y(hi)))}" class="band"><title>normal range ${fmt(lo)}–${fmt(hi)}</title></rect>`);
  }
  input.series.forEach(([t, v], i) => {
    const x = pad.l + i * step;
    const hot = inWindow(t);
    if (hot) parts.push(`<rect x="${c(x)}" y="${pad.t}" width="${c(step)}" height="${plotH}" class="window"/>`);
    const top = y(v);
    parts.push(`<rect x="${c(x + step * 0.15)}" y="${c(top)}" width="${c(Math.max(1, step * 0.7))}" height="${c(y(0) - top)}" class="obs${hot ? ' hot' : ''}"><title>${e(t)}: ${fmt(v)} observed</title></rect>`);
  });
  if (input.expected !== undefined) {
    const ey = c(y(input.expected));
    parts.push(`<line x1="${pad.l}" y1="${ey}" x2="${width - pad.r}" y2="${ey}" class="expected"><title>expected ${fmt(input.expected)}</title></line>`);
  }
  const first = input.series[0]?.[0];
  const last = input.series[n - 1]?.[0];
  if (first) parts.push(`<text x="${pad.l}" y="${height - 18}" class="tick">${e(shortTime(first))}</text>`);
  if (last && n > 1) parts.push(`<text x="${width - pad.r}" y="${height - 18}" class="tick" text-anchor="end">${e(shortTime(last))}</text>`);
  parts.push(
    `<g class="legend"><rect x="${pad.l}" y="${height - 10}" width="10" height="8" class="obs"/><text x="${pad.l + 14}" y="${height - 2}" class="tick">observed</text>` +
      `<rect x="${pad.l + 80}" y="${height - 10}" width="10" height="8" class="obs hot"/><text x="${pad.l + 94}" y="${height - 2}" class="tick">anomaly window</text>` +
      (input.expected !== undefined ? `<line x1="${pad.l + 190}" y1="${height - 6}" x2="${pad.l + 204}" y2="${height - 6}" class="expected"/><text x="${pad.l + 208}" y="${height - 2}" class="tick">expected</text>` : '') +
      (input.band ? `<rect x="${pad.l + 270}" y="${height - 10}" width="10" height="8" class="band"/><text x="${pad.l + 284}" y="${height - 2}" class="tick">normal range</text>` : '') +
      `</g>`,
  );
  return `<svg class="chart series" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${e(input.title)}"><title>${e(input.title)}</title>${parts.join('')}</svg>`;
}

export interface LineSeries {
  key: string;
  label: string;
  cls: string;
}

/** Several lines over evenly spaced points (scans), with the first and last point labelled. */
export function lineChart(title: string, labels: readonly string[], series: readonly LineSeries[], values: readonly Record<string, number>[], width = 640, height = 200): string {
  const pad = { l: 48, r: 12, t: 10, b: 40 };
  const plotW = width - pad.l - pad.r;
  const plotH = height - pad.t - pad.b;
  const n = labels.length;
  const max = Math.max(1, ...values.flatMap((v) => series.map((s) => v[s.key] ?? 0)));
  const x = (i: number) => pad.l + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => pad.t + plotH - (v / max) * plotH;
  const parts: string[] = [
    `<line x1="${pad.l}" y1="${c(y(0))}" x2="${width - pad.r}" y2="${c(y(0))}" class="axis"/>`,
    `<line x1="${pad.l}" y1="${c(y(max))}" x2="${width - pad.r}" y2="${c(y(max))}" class="grid"/>`,
    `<text x="${pad.l - 4}" y="${c(y(max) + 4)}" class="tick" text-anchor="end">${fmt(max)}</text>`,
    `<text x="${pad.l - 4}" y="${c(y(0) + 4)}" class="tick" text-anchor="end">0</text>`,
  ];
  for (const s of series) {
    const pts = values.map((v, i) => `${c(x(i))},${c(y(v[s.key] ?? 0))}`);
    if (n > 1) parts.push(`<polyline points="${pts.join(' ')}" class="line ${e(s.cls)}"/>`);
    values.forEach((v, i) => {
      parts.push(`<circle cx="${c(x(i))}" cy="${c(y(v[s.key] ?? 0))}" r="3" class="dot ${e(s.cls)}"><title>${e(labels[i] ?? '')}: ${fmt(v[s.key] ?? 0)} ${e(s.label)}</title></circle>`);
    });
  }
  if (n > 0) parts.push(`<text x="${c(x(0))}" y="${height - 24}" class="tick"${n > 1 ? '' : ' text-anchor="middle"'}>${e(labels[0] ?? '')}</text>`);
  if (n > 1) parts.push(`<text x="${c(x(n - 1))}" y="${height - 24}" class="tick" text-anchor="end">${e(labels[n - 1] ?? '')}</text>`);
  const legend = series.map((s, i) => `<line x1="${pad.l + i * 90}" y1="${height - 6}" x2="${pad.l + i * 90 + 16}" y2="${height - 6}" class="line ${e(s.cls)}"/><text x="${pad.l + i * 90 + 20}" y="${height - 2}" class="tick">${e(s.label)}</text>`);
  parts.push(`<g class="legend">${legend.join('')}</g>`);
  return `<svg class="chart trend" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${e(title)}"><title>${e(title)}</title>${parts.join('')}</svg>`;
}

/** `2026-10-29T02:00:00.000Z` → `2026-10-29 02:00` (UTC). */
export function shortTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}
