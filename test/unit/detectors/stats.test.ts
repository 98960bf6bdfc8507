import { describe, expect, it } from 'vitest';
import { countUpperTail, logGamma, poissonLowerTail, poissonUpperTail, betaI } from '../../../src/detectors/stats/tails.js';
import { BloomFilter, HyperLogLog } from '../../../src/detectors/stats/bloom.js';
import { expectation, learn, newSeasonal, slotOf } from '../../../src/detectors/stats/seasonal.js';
import { SortedWindow } from '../../../src/detectors/series/window-stats.js';

describe('count tails', () => {
  it('matches exact Poisson values', () => {
    // P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    expect(poissonLowerTail(0, 5)).toBeCloseTo(Math.exp(-5), 14);
    expect(poissonUpperTail(0, 5)).toBe(1);
  });
  it('keeps tiny tails meaningful', () => {
    const p = poissonUpperTail(200, 10);
    expect(p).toBeGreaterThan(0);
    expect(-Math.log10(p)).toBeGreaterThan(150);
  });
  it('uses a heavier negative-binomial tail when the counts are over-dispersed', () => {
    expect(countUpperTail(30, 10, 10)).toBeCloseTo(poissonUpperTail(30, 10), 12);
    expect(countUpperTail(30, 10, 100)).toBeGreaterThan(poissonUpperTail(30, 10) * 100);
    // NB(size 1, mean 1) is geometric with p = 1/2: P(X >= 3) = 1/8
    expect(countUpperTail(3, 1, 2)).toBeCloseTo(0.125, 10);
  });
  it('has accurate special functions', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(betaI(0.5, 2, 2)).toBeCloseTo(0.5, 12);
  });
});

describe('seasonal baseline', () => {
  it('learns hour-of-day and weekday/weekend slots, tolerating a neighbouring-hour shift', () => {
    const s = newSeasonal();
    const monday2am = Date.parse('2026-01-05T02:00:00Z');
    expect(slotOf(monday2am)).toBe(2);
    expect(slotOf(Date.parse('2026-01-10T02:00:00Z'))).toBe(26);
    for (let i = 0; i < 5; i++) learn(s, 2, 1000, { alpha: 0.15 });
    expect(expectation(s, 2).mean).toBeCloseTo(1000, 6);
    expect(expectation(s, 3).mean).toBeCloseTo(1000, 6); // the batch may start an hour late
    expect(expectation(s, 5).mean).toBe(0);
  });
  it('computes slots arithmetically exactly as Date does (before and after the epoch, fractional ms)', () => {
    const viaDate = (ms: number) => {
      const d = new Date(ms);
      return (d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 24 : 0) + d.getUTCHours();
    };
    for (let ms = -30 * 86_400_000; ms < 60 * 86_400_000; ms += 611_111) {
      expect(slotOf(ms)).toBe(viaDate(ms));
      expect(slotOf(ms + 0.7)).toBe(viaDate(ms + 0.7));
      expect(slotOf(-ms - 0.3)).toBe(viaDate(-ms - 0.3));
    }
    for (const ms of [0, -1, 1, Date.parse('2024-05-04T23:59:59.999Z'), Date.parse('2024-05-06T00:00:00Z'), 8.64e15]) expect(slotOf(ms)).toBe(viaDate(ms));
    expect(slotOf(NaN)).toBeNaN();
  });
});

describe('sketches', () => {
  it('Bloom filter has no false negatives and survives JSON', () => {
    const b = new BloomFilter();
    for (let i = 0; i < 300; i++) b.add(`p${i}`);
    const back = BloomFilter.fromJSON(JSON.parse(JSON.stringify(b.toJSON())) as ReturnType<BloomFilter['toJSON']>);
    for (let i = 0; i < 300; i++) expect(back.has(`p${i}`)).toBe(true);
    let fp = 0;
    for (let i = 0; i < 1000; i++) if (back.has(`q${i}`)) fp++;
    expect(fp).toBeLessThan(20);
  });
  it('HyperLogLog counts distinct values within a few percent', () => {
    const h = new HyperLogLog();
    for (let i = 0; i < 5000; i++) h.add(`key-${i % 2000}`);
    expect(Math.abs(h.count() - 2000) / 2000).toBeLessThan(0.08);
  });
  it('sorted window gives median and MAD of the last N values', () => {
    const w = new SortedWindow(5);
    for (const x of [100, 1, 2, 3, 4, 5, 6]) w.push(x);
    expect(w.values()).toEqual([2, 3, 4, 5, 6]);
    expect(w.median()).toBe(4);
    expect(w.mad(4)).toBe(1);
  });
});
