// The series spike detector: output format, [0, 1] scores, no look-ahead, and a few NAB series
// (skipped when ../shared is not there).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatScoredCsv, parseSeriesCsv, parseTime, scoreSeries } from '../../../src/detectors/series/csv.js';

const NAB = fileURLToPath(new URL('../../../../shared/datasets/nab', import.meta.url));

function series(n: number, spikeAt?: number): string {
  const lines = ['timestamp,value'];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2026, 0, 1) + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    const v = 100 + 20 * Math.sin((2 * Math.PI * i) / 288) + ((i * 7919) % 13) - (i === spikeAt ? -400 : 0);
    lines.push(`${t},${v}`);
  }
  return lines.join('\n');
}

describe('series spike detector', () => {
  it('scores a seasonal series quietly and a spike highly, in [0, 1]', () => {
    const rows = scoreSeries(parseSeriesCsv(series(3000, 2500)));
    expect(rows).toHaveLength(3000);
    for (const r of rows) expect(r.anomalyScore).toBeGreaterThanOrEqual(0);
    for (const r of rows) expect(r.anomalyScore).toBeLessThanOrEqual(1);
    const spike = rows[2500]!.anomalyScore;
    const quietMax = Math.max(...rows.slice(1500, 2490).map((r) => r.anomalyScore));
    expect(spike).toBeGreaterThan(0.5);
    expect(spike).toBeGreaterThan(quietMax);
  });

  it('has no look-ahead: a prefix scores the same alone', () => {
    const all = scoreSeries(parseSeriesCsv(series(2000, 1800)));
    const prefix = scoreSeries(parseSeriesCsv(series(1500, 1800)));
    expect(prefix.map((r) => r.anomalyScore)).toEqual(all.slice(0, 1500).map((r) => r.anomalyScore));
  });

  it('writes the NAB results columns and reads NAB timestamps as UTC', () => {
    const out = formatScoredCsv(scoreSeries(parseSeriesCsv('timestamp,value\n2015-02-26 21:42:53,104\n2015-02-26 21:47:53,100\n')));
    expect(out).toBe('timestamp,value,anomaly_score\n2015-02-26 21:42:53,104,0.000000\n2015-02-26 21:47:53,100,0.000000\n');
    expect(parseTime('2015-02-26 21:42:53')).toBe(Date.UTC(2015, 1, 26, 21, 42, 53));
    expect(() => parseSeriesCsv('time,v\n1,2')).toThrow(/timestamp.*value/);
    expect(() => parseSeriesCsv('timestamp,value\nx,abc')).toThrow(/line 2/);
  });

  it.skipIf(!existsSync(NAB))('scores real NAB series in the results format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-nab-'));
    for (const rel of ['realKnownCause/nyc_taxi.csv', 'realTweets/Twitter_volume_AAPL.csv', 'artificialNoAnomaly/art_flatline.csv']) {
      const rows = scoreSeries(parseSeriesCsv(readFileSync(join(NAB, 'data', rel), 'utf8')));
      const text = formatScoredCsv(rows);
      writeFileSync(join(dir, rel.replace('/', '_')), text);
      const lines = text.trim().split('\n');
      expect(lines[0]).toBe('timestamp,value,anomaly_score');
      expect(lines.length - 1).toBe(readFileSync(join(NAB, 'data', rel), 'utf8').trim().split('\n').length - 1);
      for (const line of lines.slice(1)) {
        const score = Number(line.split(',')[2]);
        expect(score >= 0 && score <= 1).toBe(true);
      }
      if (rel.includes('flatline')) expect(Math.max(...rows.map((r) => r.anomalyScore))).toBe(0);
    }
  });
});
