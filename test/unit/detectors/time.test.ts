import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../../../src/detectors/engine/time.js';

// A seeded generator, so the comparison covers many timestamps and stays reproducible.
function* samples(count: number): Generator<string> {
  let s = 12345;
  const next = (m: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % m);
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  for (let i = 0; i < count; i++) {
    const base = `${1970 + next(80)}-${pad(1 + next(12), 2)}-${pad(1 + next(31), 2)}T${pad(next(24), 2)}:${pad(next(60), 2)}:${pad(next(60), 2)}`;
    yield i % 2 ? `${base}Z` : `${base}.${pad(next(1000), 3)}Z`;
  }
}

describe('parseEventTime', () => {
  it('agrees with Date.parse on canonical UTC timestamps, including impossible days', () => {
    for (const t of samples(20_000)) expect(parseEventTime(t), t).toBe(Date.parse(t));
  });

  it('agrees with Date.parse on runs of one day (the remembered day), valid or not', () => {
    const days = ['2024-05-01', '2024-02-29', '2023-02-29', '2024-04-31', '2024-13-01', '2024-05-00', '1969-12-31', '2024-05-1x'];
    const times = ['00:00:00', '12:34:56', '23:59:59', '24:00:00', '23:60:00', '23:59:60', '1x:00:00'];
    for (const day of days) {
      for (const time of times) {
        for (const fraction of ['', '.123', '.12x']) {
          const t = `${day}T${time}${fraction}Z`;
          expect(Object.is(parseEventTime(t), Date.parse(t)), t).toBe(true);
        }
      }
    }
  });

  it('falls back to Date.parse for other forms and NaN for non-dates', () => {
    for (const t of ['2026-10-30T14:00:00+02:00', '2026-10-30T14:00:00.123456Z', '2026-02-29T00:00:00Z', '1969-12-31T23:59:59Z', '2026-1x-30T14:00:00Z']) {
      expect(Object.is(parseEventTime(t), Date.parse(t)), t).toBe(true);
    }
    expect(parseEventTime('not a date')).toBeNaN();
  });
});
