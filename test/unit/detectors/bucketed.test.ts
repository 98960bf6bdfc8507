// The bucket lifecycle shared by op-spike, error-burst, breadth and logging-gap: buckets close when
// a later event or tick passes them, judges see the closed value and its series, alerts are
// queued and drained once, idle entities are evicted, snapshots round-trip.
import { describe, expect, it } from 'vitest';
import type { KeyEvent } from '../../../src/core/model.js';
import {
  type BucketState,
  type ClosedBucket,
  bucketedLifecycle,
  clippedValue,
  countCaller,
  dominantCaller,
  drain,
  entityAt,
  principalLabel,
  queueAlert,
  seriesOf,
} from '../../../src/detectors/stats/bucketed.js';
import { HOUR, NO_ALERTS } from '../../../src/detectors/types.js';

const params = { bucketMinutes: 60, alpha: 0.5, idleDays: 1 };
const T0 = Date.UTC(2026, 0, 5); // a Monday
const ev = { principal: { id: 'arn:aws:iam::111111111111:role/app', type: 'role' }, provider: 'aws', eventId: 'e' } as unknown as KeyEvent;

function setup() {
  const closed: { value: number; series: [string, number][] }[] = [];
  const judge = (state: BucketState, _p: typeof params, c: ClosedBucket): number => {
    closed.push({ value: c.value, series: seriesOf(c) });
    if (c.value >= 3) queueAlert(state, c, c.entityKey, `burst of ${c.value}`, { observed: c.value, expected: 1, baseline: null, threshold: 3, score: 1 });
    return c.value;
  };
  const life = bucketedLifecycle<typeof params, BucketState>((entities) => ({ entities, pending: [] }), judge);
  return { closed, judge, life, state: life.init() };
}

describe('bucketed detectors', () => {
  it('closes a bucket when a later event arrives, with the silent buckets learned as zero', () => {
    const { closed, judge, state } = setup();
    for (const m of [1, 2, 3]) entityAt(state, params, judge, 'p|a', T0 + m * 60_000, ev, principalLabel).value++;
    expect(closed).toEqual([]);
    const entity = entityAt(state, params, judge, 'p|a', T0 + 3 * HOUR, ev, principalLabel);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.value).toBe(3);
    expect(closed[0]!.series).toEqual([['2026-01-05T00:00:00.000Z', 3]]);
    expect(entity.recent).toEqual([3, 0, 0]);
    expect(entity.value).toBe(0);
    expect(entity.label.principal).toBe(ev.principal.id);
    const alerts = drain(state);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ foldKey: 'p|a', principal: ev.principal.id, start: T0, end: T0 + HOUR, message: 'burst of 3' });
    expect(drain(state)).toBe(NO_ALERTS);
  });

  it('ticks open buckets closed, evicts idle entities and round-trips snapshots', () => {
    const { closed, judge, life, state } = setup();
    entityAt(state, params, judge, 'p|a', T0, ev, principalLabel).value = 1;
    expect(life.tick(state, T0 + 2 * HOUR, params)).toBe(NO_ALERTS);
    expect(closed.map((c) => c.value)).toEqual([1]);
    const restored = life.restore(JSON.parse(JSON.stringify(life.snapshot(state))));
    expect(life.size(restored)).toBe(1);
    expect(restored.entities.get('p|a')!.recent).toEqual([1, 0]);
    life.tick(restored, T0 + 3 * 86_400_000, params);
    expect(life.size(restored)).toBe(0);
  });

  it('folds a key into its dominant caller and learns anomalies clipped', () => {
    const callers: Record<string, number> = {};
    for (const id of ['a', 'a', 'a', 'b']) countCaller(callers, id);
    expect(dominantCaller(callers, 4)).toBe('a');
    expect(dominantCaller(callers, 6)).toBeUndefined();
    const t = { observed: 100, expected: 5, variance: 5, pValue: 1e-20, score: 20 };
    expect(clippedValue({ value: 100 } as ClosedBucket, t, { minRatio: 3, expectedFloor: 2 })).toBe(15);
    expect(clippedValue({ value: 4 } as ClosedBucket, t, { minRatio: 3, expectedFloor: 2 })).toBe(4);
  });
});
