// anomaly/breadth: one principal touching unusually many distinct keys in a bucket, against its
// own seasonal baseline of distinct keys (Defender's KV_AccountVolumeAnomaly). Distinct keys are
// counted exactly up to `exactLimit`, then with a HyperLogLog sketch (fixed 1 KiB).
import { type BucketEntity, type ClosedBucket, advance, newEntity, tickAll } from '../stats/bucketed.js';
import { spikeTest } from '../stats/seasonal.js';
import { HyperLogLog } from '../stats/bloom.js';
import { type Alert, type Detector, DAY, iso, NO_ALERTS } from '../types.js';
import { principalResource } from '../resources.js';
import { round } from '../op-spike/detector.js';

export interface BreadthParams {
  bucketMinutes: number;
  alpha: number;
  warmupDays: number;
  minSlotSupport: number;
  minDistinct: number;
  minRatio: number;
  minScore: number;
  expectedFloor: number;
  exactLimit: number;
  idleDays: number;
}

interface BreadthState {
  entities: Map<string, BucketEntity>;
  pending: Alert[];
}

export const breadth: Detector<BreadthParams, BreadthState> = {
  id: 'breadth',
  defaults: { bucketMinutes: 60, alpha: 0.15, warmupDays: 7, minSlotSupport: 2, minDistinct: 20, minRatio: 4, minScore: 8, expectedFloor: 2, exactLimit: 256, idleDays: 35 },
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      bucketMinutes: { type: 'number', minimum: 1, maximum: 1440 },
      alpha: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      warmupDays: { type: 'number', minimum: 0 },
      minSlotSupport: { type: 'integer', minimum: 0 },
      minDistinct: { type: 'integer', minimum: 2 },
      minRatio: { type: 'number', minimum: 1 },
      minScore: { type: 'number', minimum: 0 },
      expectedFloor: { type: 'number', exclusiveMinimum: 0 },
      exactLimit: { type: 'integer', minimum: 1 },
      idleDays: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  init: () => ({ entities: new Map(), pending: [] }),
  observe(state, e, params) {
    const ev = e.event;
    if (!ev.keyId || ev.viaService || ev.principal.type === 'service') return NO_ALERTS;
    const bucketMs = params.bucketMinutes * 60_000;
    const key = principalKey(ev.principal.id);
    let entity = state.entities.get(key);
    if (!entity) {
      entity = newEntity(e.time, bucketMs, { resource: principalResource(ev), principal: ev.principal.id });
      state.entities.set(key, entity);
    }
    const bucket = Math.floor(e.time / bucketMs);
    if (bucket > entity.bucket) advance(key, entity, bucket, bucketMs, params.alpha, (c) => judge(state, params, c));
    entity.lastSeen = Math.max(entity.lastSeen, e.time);
    const d = (entity.detail ??= { keys: [] as string[] }) as { keys: string[]; hll?: ReturnType<HyperLogLog['toJSON']> };
    if (d.hll) {
      const h = HyperLogLog.fromJSON(d.hll);
      h.add(ev.keyId);
      d.hll = h.toJSON();
      entity.value = Math.max(entity.value, h.count());
    } else if (!d.keys.includes(ev.keyId)) {
      if (d.keys.length < params.exactLimit) {
        d.keys.push(ev.keyId);
        entity.value = d.keys.length;
      } else {
        const h = new HyperLogLog();
        for (const k of d.keys) h.add(k);
        h.add(ev.keyId);
        d.hll = h.toJSON();
        entity.value = Math.max(entity.value, h.count());
      }
    }
    if (entity.value === 1 && !entity.firstEventId) entity.firstEventId = ev.eventId;
    entity.lastEventId = ev.eventId;
    return drain(state);
  },
  tick(state, now, params) {
    tickAll(state.entities, now, params.bucketMinutes * 60_000, params.alpha, params.idleDays * DAY, (c) => judge(state, params, c));
    return drain(state);
  },
  snapshot: (state) => ({ entities: [...state.entities] }),
  restore: (saved) => ({ entities: new Map((saved as { entities: [string, BucketEntity][] }).entities), pending: [] }),
  size: (state) => state.entities.size,
};

function judge(state: BreadthState, params: BreadthParams, c: ClosedBucket): number {
  const warm = c.start - c.entity.born >= params.warmupDays * DAY && c.expectation.support >= params.minSlotSupport;
  const t = spikeTest(c.value, c.expectation, params.expectedFloor);
  const threshold = Math.max(params.minDistinct, params.minRatio * t.expected);
  if (!warm || c.value < threshold || t.score < params.minScore) return c.value;
  const d = (c.entity.detail ?? { keys: [] }) as { keys: string[] };
  state.pending.push({
    foldKey: c.entityKey,
    resource: c.entity.label.resource,
    ...(c.entity.label.principal ? { principal: c.entity.label.principal } : {}),
    start: c.start,
    end: c.end,
    message: `${c.entity.label.principal} used ${c.value} distinct keys in the hour from ${iso(c.start)}, expected about ${t.expected.toFixed(1)}`,
    evidence: {
      observed: c.value,
      expected: round(t.expected),
      baseline: { mean: round(c.expectation.mean), stddev: round(Math.sqrt(t.variance)), slotObservations: c.expectation.support },
      threshold: { minDistinct: threshold, minScore: params.minScore },
      score: round(t.score),
      pValue: t.pValue,
      sampleKeys: [...d.keys].sort().slice(0, 10),
      ...(c.entity.firstEventId ? { firstEventId: c.entity.firstEventId } : {}),
      ...(c.entity.lastEventId ? { lastEventId: c.entity.lastEventId } : {}),
      series: c.series,
    },
  });
  return Math.min(c.value, Math.max(t.expected * params.minRatio, params.expectedFloor));
}

function drain(state: BreadthState): Alert[] {
  if (state.pending.length === 0) return NO_ALERTS;
  const out = state.pending;
  state.pending = [];
  return out;
}

/** `p|id` entity keys built once per principal, not per event (bounded). */
const principalKeys = new Map<string, string>();
function principalKey(id: string): string {
  let key = principalKeys.get(id);
  if (key === undefined) {
    if (principalKeys.size >= 100_000) principalKeys.clear();
    key = `p|${id}`;
    principalKeys.set(id, key);
  }
  return key;
}
