import { describe, expect, it } from 'vitest';
import { DedupeWindow } from '../../../src/logs/dedupe.js';

const H = 3_600_000;

describe('DedupeWindow', () => {
  it('catches a duplicate within the window', () => {
    const d = new DedupeWindow(24 * H);
    expect(d.seen('a', 0)).toBe(false);
    expect(d.seen('b', 10 * H)).toBe(false);
    expect(d.seen('a', 20 * H)).toBe(true);
  });

  it('forgets ids older than the window behind the newest event, bounding memory', () => {
    const d = new DedupeWindow(2 * H);
    for (let i = 0; i < 100; i++) d.seen(`id-${i}`, i * H);
    expect(d.size).toBeLessThanOrEqual(3);
    expect(d.seen('id-0', 100 * H)).toBe(false);
    expect(d.seen('id-99', 100 * H)).toBe(true);
  });

  it('does not store late events older than the window', () => {
    const d = new DedupeWindow(H);
    d.seen('new', 10 * H);
    expect(d.seen('late', 0)).toBe(false);
    expect(d.seen('late', 0)).toBe(false);
    expect(d.size).toBe(1);
  });
});
