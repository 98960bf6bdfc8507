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

describe('empty buckets on the tick (emptyIsQuiet)', () => {
  it('learns exactly what judging every empty bucket learns, and still judges the full ones', () => {
    const run = (emptyIsQuiet: boolean) => {
      const judged: number[] = [];
      const judge = (state: BucketState, _p: typeof params, c: ClosedBucket): number => {
        judged.push(c.value);
        if (c.value >= 3) queueAlert(state, c, c.entityKey, `burst of ${c.value}`, { observed: c.value, expected: 1, baseline: null, threshold: 3, score: 1 });
        return c.value === 0 ? 0 : c.value - 0.5;
      };
      const life = bucketedLifecycle(() => ({ entities: new Map(), pending: [] }), judge, emptyIsQuiet);
      const state = life.init();
      const p = { bucketMinutes: 20, alpha: 0.3, idleDays: 30 };
      const alerts: string[] = [];
      const snapshots: string[] = [];
      // Bursts, silences of hours and days (past the zero-fill cap of two weeks of buckets), ticks in between.
      const times = [0, 5, 30, 31, 32, 33, 200, 201, 202, 60 * 24 * 5, 60 * 24 * 5 + 1, 60 * 24 * 9, 60 * 24 * 9 + 2];
      let tickAt = T0;
      for (const minutes of times) {
        const t = T0 + minutes * 60_000;
        for (; tickAt + HOUR <= t; tickAt += HOUR * (tickAt > T0 + 6 * 86_400_000 ? 30 : 1)) {
          alerts.push(...life.tick(state, tickAt, p).map((a) => a.message));
          snapshots.push(JSON.stringify(life.snapshot(state)));
        }
        entityAt(state, p, judge, 'p|app', t, ev, principalLabel).value++;
        entityAt(state, p, judge, 'k|key', t, ev, principalLabel).value += 2;
      }
      alerts.push(...life.tick(state, T0 + 10 * 86_400_000, p).map((a) => a.message), ...drain(state).map((a) => a.message));
      snapshots.push(JSON.stringify(life.snapshot(state)));
      return { snapshots, alerts, full: judged.filter((v) => v > 0) };
    };
    const eager = run(false);
    const quiet = run(true);
    expect(quiet.snapshots).toEqual(eager.snapshots);
    expect(eager.snapshots.length).toBeGreaterThan(100);
    expect(quiet.alerts).toEqual(eager.alerts);
    expect(quiet.full).toEqual(eager.full);
    expect(eager.alerts.length).toBeGreaterThan(0);
  });
});
