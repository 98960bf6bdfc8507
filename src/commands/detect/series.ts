import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Flags } from '@oclif/core';
import { formatScoredCsv, parseSeriesCsv, scoreSeries } from '../../detectors/series/csv.js';
import { DEFAULT_SERIES_PARAMS, type SeriesParams } from '../../detectors/series/spike-series.js';

export interface DetectSeriesResult {
  input: string;
  output: string;
  rows: number;
  maxScore: number;
}

export default class DetectSeries extends Command {
  static override summary = 'Score a univariate time series with the spike detector (NAB results format).';
  static override description =
    'Reads a CSV with timestamp and value columns, runs keywarden\'s streaming spike detector over it in order ' +
    '(no look-ahead) and writes timestamp,value,anomaly_score with scores in [0, 1], the format of the Numenta ' +
    'Anomaly Benchmark results. Use it to check the detector on count series such as call volumes.';
  static override examples = ['<%= config.bin %> detect series --input nyc_taxi.csv --output scored.csv'];
  static override enableJsonFlag = true;
  static override flags = {
    input: Flags.string({ char: 'i', required: true, description: 'CSV with timestamp,value columns' }),
    output: Flags.string({ char: 'o', required: true, description: 'where to write timestamp,value,anomaly_score' }),
    params: Flags.string({ description: 'JSON object overriding detector parameters (advanced)' }),
  };

  async run(): Promise<DetectSeriesResult> {
    const { flags } = await this.parse(DetectSeries);
    let params: SeriesParams = DEFAULT_SERIES_PARAMS;
    let rows;
    try {
      if (flags.params) params = { ...DEFAULT_SERIES_PARAMS, ...(JSON.parse(flags.params) as Partial<SeriesParams>) };
      rows = scoreSeries(parseSeriesCsv(readFileSync(flags.input, 'utf8')), params);
      writeFileSync(flags.output, formatScoredCsv(rows));
    } catch (err) {
      this.error(`${flags.input}: ${(err as Error).message}`, { exit: 2 });
    }
    const result = { input: flags.input, output: flags.output, rows: rows.length, maxScore: rows.reduce((m, r) => Math.max(m, r.anomalyScore), 0) };
    if (!this.jsonEnabled()) this.log(`${result.rows} rows scored, written to ${result.output}`);
    return result;
  }
}
