// A seasonal count baseline per entity: 24 hour-of-day slots for weekdays and 24 for weekends,
// each an EWMA mean and variance of the count per bucket (Roberts 1959; Finch 2009). The expected
// count of a bucket is the largest mean of its slot and its two neighbours, so a nightly batch
// that starts a little early or late stays expected. EWMA follows slow growth by itself.
import { countUpperTail, poissonLowerTail, surpriseScore } from './tails.js';

export const SLOTS = 48;

export interface SeasonalState {
  mean: number[];
  variance: number[];
  /** Observations per slot (capped at 1000). */
  seen: number[];
}

export interface SeasonalParams {
  /** Smallest EWMA weight (after the first 1/alpha observations of a slot). */
  alpha: number;
}

export function newSeasonal(): SeasonalState {
  return { mean: new Array<number>(SLOTS).fill(0), variance: new Array<number>(SLOTS).fill(0), seen: new Array<number>(SLOTS).fill(0) };
}

/** Slot of a bucket starting at `ms` (UTC): weekday hours 0..23, weekend hours 24..47. */
export function slotOf(ms: number): number {
  // Arithmetic, not a Date per call: this runs for every entity at every hour tick.
  // 1970-01-01 was a Thursday (UTC day 4); Date truncates fractional milliseconds the same way.
  const t = Math.trunc(ms);
  const days = Math.floor(t / DAY_MS);
  const weekday = (((days + 4) % 7) + 7) % 7;
  const weekend = weekday === 0 || weekday === 6;
  return (weekend ? 24 : 0) + Math.floor((t - days * DAY_MS) / HOUR_MS);
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function neighbours(slot: number): [number, number, number] {
  const base = slot < 24 ? 0 : 24;
  const h = slot - base;
  return [base + ((h + 23) % 24), slot, base + ((h + 1) % 24)];
}

export interface Expectation {
  mean: number;
  variance: number;
  /** Fewest observations among the slots consulted. */
  support: number;
}

export function expectation(s: SeasonalState, slot: number): Expectation {
  let mean = 0;
  let variance = 0;
  let support = Infinity;
  for (const n of neighbours(slot)) {
    const m = s.mean[n]!;
    if (m >= mean) {
      mean = m;
      variance = s.variance[n]!;
    }
    support = Math.min(support, s.seen[n]!);
  }
  return { mean, variance, support };
}

export function learn(s: SeasonalState, slot: number, x: number, params: SeasonalParams): void {
  const n = s.seen[slot]!;
  const a = Math.max(1 / (n + 1), params.alpha);
  const m = s.mean[slot]!;
  const d = x - m;
  s.mean[slot] = m + a * d;
  s.variance[slot] = n === 0 ? 0 : (1 - a) * (s.variance[slot]! + a * d * d);
  s.seen[slot] = Math.min(1000, n + 1);
}

export interface SpikeTest {
  observed: number;
  expected: number;
  variance: number;
  pValue: number;
  score: number;
}

/** Upper-tail test of a count against its expectation; `floor` keeps a silent slot from being 0. */
export function spikeTest(observed: number, e: Expectation, floor: number): SpikeTest {
  const expected = Math.max(e.mean, floor);
  const variance = Math.max(e.variance, expected);
  const pValue = countUpperTail(observed, expected, variance);
  return { observed, expected, variance, pValue, score: surpriseScore(pValue) };
}

/** Lower-tail (silence) test: how unlikely so few events are (Poisson, conservative). */
export function silenceTest(observed: number, e: Expectation): SpikeTest {
  const pValue = poissonLowerTail(observed, e.mean);
  return { observed, expected: e.mean, variance: e.variance, pValue, score: surpriseScore(pValue) };
}

/** The smallest mean among a slot and its neighbours: a cautious expectation for silence tests. */
export function expectationLow(s: SeasonalState, slot: number): Expectation {
  let mean = Infinity;
  let variance = 0;
  let support = Infinity;
  for (const n of neighbours(slot)) {
    if (s.mean[n]! < mean) {
      mean = s.mean[n]!;
      variance = s.variance[n]!;
    }
    support = Math.min(support, s.seen[n]!);
  }
  return { mean, variance, support };
}
