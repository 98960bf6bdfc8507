// The reorder buffer releases events in time order, ties in arrival order, across ring growth and
// with late (out-of-order) events interleaved, and only up to the given limit.
import { describe, expect, it } from 'vitest';
import { type Buffered, ReorderBuffer } from '../../../src/detectors/engine/reorder.js';

describe('ReorderBuffer', () => {
  it('releases in (time, arrival) order and only up to the limit', () => {
    const buffer = new ReorderBuffer<string>();
    let seed = 3;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const pushed: { event: string; time: number; seq: number }[] = [];
    for (let seq = 0; seq < 5000; seq++) {
      // Mostly in order, some up to 50 earlier, many equal times.
      const time = Math.floor(seq / 3) - (rand(10) === 0 ? rand(50) : 0);
      buffer.push(`e${seq}`, time, seq, 'src');
      pushed.push({ event: `e${seq}`, time, seq });
    }
    expect(buffer.size).toBe(5000);
    const out: Buffered<string> = { event: '', time: 0, seq: 0, source: '' };
    const released: string[] = [];
    while (buffer.popUpTo(1000, out)) released.push(out.event);
    const expected = [...pushed].sort((a, b) => a.time - b.time || a.seq - b.seq);
    expect(released).toEqual(expected.filter((p) => p.time <= 1000).map((p) => p.event));
    while (buffer.pop(out)) released.push(out.event);
    expect(released).toEqual(expected.map((p) => p.event));
    expect(out.source).toBe('src');
    expect(buffer.size).toBe(0);
    expect(buffer.pop(out)).toBe(false);
  });
});
