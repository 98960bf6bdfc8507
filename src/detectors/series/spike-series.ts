// Streaming spike detector for one univariate series (the `detect series` command and NAB).
//
// One pass, bounded memory:
// 1. surprise: robust z-scores of the value against the median/MAD of a sliding window, and of
//    the step (x - previous) against the MAD of recent steps; the larger wins.
// 2. novelty: a surprise scores high only when it beats every earlier surprise, each faded with
//    a half-life (so one old incident does not mask new ones for ever); the mean surprise of the
//    last `shortWindow` points is judged the same way, which catches sustained shifts. Scores are
//    ratios, so one threshold fits every series.
// 3. an optional refractory period damps scores after an alert (off by default: on NAB it cost
//    more detections than the false positives it saved).
// A 'likelihood' mode (Ahmad et al. 2017's anomaly likelihood over the surprises) is kept for
// comparison; it scored lower on NAB.
import { SortedWindow } from './window-stats.js';

export interface SeriesParams {
  /** Points in the baseline window for median/MAD. */
  window: number;
  /** Points averaged for the short-term surprise. */
  shortWindow: number;
  /** Points of surprise history behind the likelihood. */
  historyWindow: number;
  /** Points before any score is emitted. */
  warmup: number;
  /** Score above which the refractory period starts. */
  alertLevel: number;
  /** Points the score stays damped after an alert. */
  refractory: number;
  /** 'likelihood' or 'novelty' (surprise compared with the largest recent surprise). */
  mode: 'likelihood' | 'novelty';
  /** Surprise below which nothing is novel. */
  minSurprise: number;
  /** Quantile of recent surprises a new one must exceed (1 = the maximum). */
  noveltyQuantile: number;
  /** How the level, step and same-time-yesterday surprises combine. */
  combine: 'level-step' | 'max' | 'seasonal-level';
  /** Floor of the smoothed surprise's novelty bar, as a fraction of minSurprise. */
  smoothFloor: number;
  /** When > 0, past surprises fade with this half-life (points) instead of leaving a window. */
  decayHalfLife: number;
}

export const DEFAULT_SERIES_PARAMS: SeriesParams = {
  window: 2000,
  shortWindow: 36,
  historyWindow: 1500,
  warmup: 60,
  alertLevel: 0.7,
  refractory: 0,
  mode: 'novelty',
  minSurprise: 3,
  noveltyQuantile: 1,
  combine: 'level-step',
  smoothFloor: 0.5,
  decayHalfLife: 3000,
};

/**
 * The largest past value, each weighted by 2^(-age / halfLife), in O(1): kept in log space as
 * max(log v_i + i·λ), read as exp(M - t·λ). With halfLife 0 it defers to a sliding window.
 */
class DecayingMax {
  private logMax = -Infinity;
  private readonly lambda: number;
  constructor(
    halfLife: number,
    private readonly quantile: number,
  ) {
    this.lambda = halfLife > 0 ? Math.LN2 / halfLife : 0;
  }

  push(index: number, v: number): void {
    if (this.lambda > 0 && v > 0) this.logMax = Math.max(this.logMax, Math.log(v) + index * this.lambda);
  }

  value(index: number, window: SortedWindow): number {
    if (this.lambda === 0) return window.quantile(this.quantile);
    return Number.isFinite(this.logMax) ? Math.exp(this.logMax - index * this.lambda) : 0;
  }
}

export class SpikeSeriesDetector {
  private readonly values: SortedWindow;
  private readonly steps: SortedWindow;
  private readonly shortSurprise: number[] = [];
  private readonly history: Float64Array;
  private readonly recentSurprises: SortedWindow;
  private readonly seasonalResiduals: SortedWindow;
  private readonly recentSmoothed: SortedWindow;
  private readonly pointMax: DecayingMax;
  private readonly smoothMax: DecayingMax;
  private readonly pastValues = new Float64Array(2048);
  private pastHead = 0;
  private pastCount = 0;
  private period: number | undefined;
  private lastTime: number | undefined;
  private readonly intervals: number[] = [];
  private historyHead = 0;
  private historySize = 0;
  private historySum = 0;
  private historySumSq = 0;
  private previous: number | undefined;
  private seen = 0;
  private quietUntil = -1;
  private min = Infinity;
  private max = -Infinity;

  constructor(private readonly params: SeriesParams = DEFAULT_SERIES_PARAMS) {
    this.values = new SortedWindow(params.window);
    this.steps = new SortedWindow(params.window);
    this.history = new Float64Array(params.historyWindow);
    this.recentSurprises = new SortedWindow(params.historyWindow);
    this.seasonalResiduals = new SortedWindow(params.window);
    this.recentSmoothed = new SortedWindow(params.historyWindow);
    this.pointMax = new DecayingMax(params.decayHalfLife, params.noveltyQuantile);
    this.smoothMax = new DecayingMax(params.decayHalfLife, 1);
  }

  /** Feed the next value; returns its anomaly score in [0, 1]. */
  update(x: number, time?: number): number {
    this.learnPeriod(time);
    const index = this.seen++;
    this.min = Math.min(this.min, x);
    this.max = Math.max(this.max, x);
    const surprise = this.surprise(x);
    this.rememberValue(x);
    this.values.push(x);
    if (this.previous !== undefined) this.steps.push(x - this.previous);
    this.previous = x;
    if (index < this.params.warmup) return 0;

    if (this.params.mode === 'novelty') {
      const recentMax = Math.max(this.params.minSurprise, this.pointMax.value(index, this.recentSurprises));
      if (this.params.decayHalfLife <= 0) this.recentSurprises.push(surprise);
      this.pointMax.push(index, surprise);
      // Novel surprises score in [0.5, 1]; the rest grade below, so a threshold can trade off.
      let score = noveltyScore(surprise, recentMax);
      if (this.params.shortWindow > 1) {
        this.shortSurprise.push(surprise);
        if (this.shortSurprise.length > this.params.shortWindow) this.shortSurprise.shift();
        const smooth = this.shortSurprise.reduce((a, b) => a + b, 0) / this.shortSurprise.length;
        const smoothMax = Math.max(this.params.minSurprise * this.params.smoothFloor, this.smoothMax.value(index, this.recentSmoothed));
        if (this.params.decayHalfLife <= 0) this.recentSmoothed.push(smooth);
        this.smoothMax.push(index, smooth);
        score = Math.max(score, noveltyScore(smooth, smoothMax));
      }
      if (index < this.quietUntil) score *= 0.25;
      else if (score >= this.params.alertLevel) this.quietUntil = index + this.params.refractory;
      return score;
    }
    this.shortSurprise.push(surprise);
    if (this.shortSurprise.length > this.params.shortWindow) this.shortSurprise.shift();
    const shortMean = this.shortSurprise.reduce((a, b) => a + b, 0) / this.shortSurprise.length;
    const tail = this.tailProbability(shortMean);
    this.remember(surprise);

    let score = logScale(tail);
    if (index < this.quietUntil) score *= 0.25;
    else if (score >= this.params.alertLevel) this.quietUntil = index + this.params.refractory;
    return score;
  }

  private surprise(x: number): number {
    if (this.values.length < 3) return 0;
    const range = Math.max(this.max - this.min, Math.abs(this.max) * 1e-6, 1e-9);
    const floor = range * 0.001;
    const median = this.values.median();
    const mad = this.values.mad(median);
    const level = Math.abs(x - median) / (1.4826 * mad + floor);
    let step = 0;
    if (this.previous !== undefined && this.steps.length >= 3) {
      const stepMedian = this.steps.median();
      const stepMad = this.steps.mad(stepMedian);
      step = Math.abs(x - this.previous - stepMedian) / (1.4826 * stepMad + floor);
    }
    let seasonal = 0;
    const lagged = this.lagged();
    if (lagged !== undefined && this.seasonalResiduals.length >= 3) {
      const r = x - lagged;
      const rMedian = this.seasonalResiduals.median();
      const rMad = this.seasonalResiduals.mad(rMedian);
      seasonal = Math.abs(r - rMedian) / (1.4826 * rMad + floor);
      this.seasonalResiduals.push(r);
    } else if (lagged !== undefined) this.seasonalResiduals.push(x - lagged);
    let combined: number;
    if (this.params.combine === 'max') combined = Math.max(level, step, seasonal);
    else if (this.params.combine === 'seasonal-level' && lagged !== undefined) combined = Math.max(Math.min(level, seasonal), step);
    else combined = Math.max(level, step);
    return this.params.mode === 'novelty' ? combined : Math.log1p(combined);
  }

  /** Daily period in points, from the sampling interval of the first timestamps. */
  private learnPeriod(time: number | undefined): void {
    if (time === undefined || this.period !== undefined) return;
    if (this.lastTime !== undefined && time > this.lastTime) this.intervals.push(time - this.lastTime);
    this.lastTime = time;
    if (this.intervals.length >= 20) {
      const sorted = [...this.intervals].sort((a, b) => a - b);
      const step = sorted[sorted.length >> 1]!;
      const period = Math.round(86_400_000 / step);
      this.period = period >= 2 && period <= this.pastValues.length ? period : 0;
    }
  }

  private rememberValue(x: number): void {
    this.pastValues[this.pastHead] = x;
    this.pastHead = (this.pastHead + 1) % this.pastValues.length;
    this.pastCount++;
  }

  /** The value one period ago, when known. */
  private lagged(): number | undefined {
    const p = this.period;
    if (!p || this.pastCount < p) return undefined;
    const n = this.pastValues.length;
    return this.pastValues[(this.pastHead - p + n * 2) % n];
  }

  /** P(a short-term mean surprise this high) under a Gaussian fit of the surprise history. */
  private tailProbability(shortMean: number): number {
    if (this.historySize < 10) return 0.5;
    const mean = this.historySum / this.historySize;
    const variance = Math.max(this.historySumSq / this.historySize - mean * mean, 1e-6);
    return normalUpperTail((shortMean - mean) / Math.sqrt(variance));
  }

  private remember(surprise: number): void {
    if (this.historySize === this.history.length) {
      const old = this.history[this.historyHead]!;
      this.historySum -= old;
      this.historySumSq -= old * old;
      this.history[this.historyHead] = surprise;
      this.historyHead = (this.historyHead + 1) % this.history.length;
    } else {
      this.history[(this.historyHead + this.historySize) % this.history.length] = surprise;
      this.historySize++;
    }
    this.historySum += surprise;
    this.historySumSq += surprise * surprise;
  }
}

/** Novel surprises score in [0.5, 1]; the rest grade below, so a threshold can trade off. */
function noveltyScore(surprise: number, recentMax: number): number {
  return surprise > recentMax ? 0.5 + 0.5 * (1 - recentMax / surprise) : 0.5 * (surprise / recentMax) ** 2;
}

/** Spread small tail probabilities over [0, 1]: 1e-2 -> 0.2, 1e-5 -> 0.5, 1e-10 or less -> 1. */
export function logScale(tail: number): number {
  const t = Math.max(tail, 1e-10);
  return Math.min(1, Math.max(0, Math.log(t) / Math.log(1e-10)));
}

/** P(Z > z) for a standard normal Z, with relative error < 1.2e-7 (Numerical Recipes erfcc). */
export function normalUpperTail(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
          t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
