// `timestamp,value` series in, `timestamp,value,anomaly_score` out (NAB's results format).
import { SpikeSeriesDetector, DEFAULT_SERIES_PARAMS, type SeriesParams } from './spike-series.js';

export interface SeriesRow {
  timestamp: string;
  value: number;
}

export interface ScoredRow extends SeriesRow {
  anomalyScore: number;
}

/** Parse a CSV with a header naming `timestamp` and `value` columns (extra columns ignored). */
export function parseSeriesCsv(text: string): SeriesRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  const ti = header.indexOf('timestamp');
  const vi = header.indexOf('value');
  if (ti < 0 || vi < 0) throw new Error(`series CSV needs 'timestamp' and 'value' columns, got: ${header.join(',')}`);
  return lines.map((line, n) => {
    const cells = line.split(',');
    const value = Number(cells[vi]);
    if (!Number.isFinite(value)) throw new Error(`line ${n + 2}: value '${cells[vi] ?? ''}' is not a number`);
    return { timestamp: (cells[ti] ?? '').trim(), value };
  });
}

/** Score every row in order, without look-ahead. */
export function scoreSeries(rows: readonly SeriesRow[], params: SeriesParams = DEFAULT_SERIES_PARAMS): ScoredRow[] {
  const detector = new SpikeSeriesDetector(params);
  return rows.map((r) => ({ ...r, anomalyScore: detector.update(r.value, parseTime(r.timestamp)) }));
}

export function formatScoredCsv(rows: readonly ScoredRow[]): string {
  const out = ['timestamp,value,anomaly_score'];
  for (const r of rows) out.push(`${r.timestamp},${r.value},${r.anomalyScore.toFixed(6)}`);
  return out.join('\n') + '\n';
}

/** 'YYYY-MM-DD HH:MM:SS' (NAB) or ISO 8601, read as UTC; undefined when unparseable. */
export function parseTime(s: string): number | undefined {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
  return Number.isNaN(t) ? undefined : t;
}
