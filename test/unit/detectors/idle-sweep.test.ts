import { describe, expect, it } from 'vitest';
import { noteNew, sweepIdle } from '../../../src/detectors/stats/idle-sweep.js';

/** A small deterministic generator (tests inject their randomness). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

describe('sweepIdle', () => {
  it('evicts exactly what a walk of every entry at every tick evicts', () => {
    const random = lcg(7);
    const idle = 50;
    const fast = new Map<string, { lastSeen: number }>();
    const naive = new Map<string, { lastSeen: number }>();
    const evicted: string[][] = [[], []];
    for (let now = 0; now < 2_000; now += 10) {
      // Events between ticks: touch old entries (last seen only grows) and add new ones, some back-dated.
      for (let i = 0; i < 5; i++) {
        const id = `e${Math.floor(random() * 80)}`;
        const t = now - Math.floor(random() * 30);
        for (const m of [fast, naive]) {
          const e = m.get(id);
          if (e) e.lastSeen = Math.max(e.lastSeen, t);
          else {
            m.set(id, { lastSeen: t });
            if (m === fast) noteNew(fast, t);
          }
        }
      }
      sweepIdle(fast, now, idle, (e) => e.lastSeen, (id) => {
        evicted[0]!.push(`${now}:${id}`);
        fast.delete(id);
      });
      for (const [id, e] of naive) {
        if (now - e.lastSeen > idle) {
          evicted[1]!.push(`${now}:${id}`);
          naive.delete(id);
        }
      }
      expect([...fast.keys()].sort()).toEqual([...naive.keys()].sort());
    }
    expect(evicted[0]).toEqual(evicted[1]);
    expect(evicted[0]!.length).toBeGreaterThan(10);
  });
});
