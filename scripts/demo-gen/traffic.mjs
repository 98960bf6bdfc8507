// Steady background traffic: per hour of the two-week window, a Poisson number of calls whose mean
// follows a working-day curve. Injected anomalies are added on top by the provider log builders.
import { ANCHOR_MS, DAY, HOUR } from './common.mjs';

export const WINDOW_DAYS = 14;
export const WINDOW_START_MS = ANCHOR_MS - WINDOW_DAYS * DAY;

/** Relative activity for an hour: busy on weekday office hours, quiet at night and weekends. */
export function activity(ms) {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const office = h >= 7 && h <= 18 ? 1 : 0.3;
  return office * (weekend ? 0.4 : 1);
}

/**
 * Calls `emit(ms)` for every background event of one stream: `perHour` at full activity.
 * `shape` replaces the office curve (e.g. a batch job that only runs at night).
 */
export function steady(rng, perHour, emit, shape = activity) {
  for (let t = WINDOW_START_MS; t < ANCHOR_MS; t += HOUR) {
    const n = rng.poisson(perHour * shape(t));
    const offsets = Array.from({ length: n }, () => Math.floor(rng.next() * HOUR)).sort((a, b) => a - b);
    for (const o of offsets) emit(t + o);
  }
}

export const nightly = (ms) => {
  const h = new Date(ms).getUTCHours();
  return h >= 1 && h <= 4 ? 1 : 0;
};
