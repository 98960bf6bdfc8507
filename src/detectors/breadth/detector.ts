// anomaly/breadth: one principal touching unusually many distinct keys in a bucket, against its
// own seasonal baseline of distinct keys (Defender's KV_AccountVolumeAnomaly). Distinct keys are
// counted exactly up to `exactLimit`, then with a HyperLogLog sketch (fixed 1 KiB).
import {
  type BucketState,
  type ClosedBucket,
  bucketedParamsSchema,
  bucketedLifecycle,
  clippedValue,
  drain,
  entityAt,
  principalLabel,
  queueAlert,
  spikeEvidence,
} from '../stats/bucketed.js';
import { spikeTest } from '../stats/seasonal.js';
import { HyperLogLog } from '../stats/bloom.js';
import { type Detector, DAY, iso, NO_ALERTS } from '../types.js';

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

type BreadthState = BucketState;

export const breadth: Detector<BreadthParams, BreadthState> = {
  id: 'breadth',
  defaults: { bucketMinutes: 60, alpha: 0.15, warmupDays: 7, minSlotSupport: 2, minDistinct: 20, minRatio: 4, minScore: 8, expectedFloor: 2, exactLimit: 256, idleDays: 35 },
  paramsSchema: bucketedParamsSchema(
    {
      minSlotSupport: { type: 'integer', minimum: 0 },
      minDistinct: { type: 'integer', minimum: 2 },
      exactLimit: { type: 'integer', minimum: 1 },
    },
  ),
  // An empty bucket is below every threshold (minDistinct >= 2): judge returns 0 and queues no alert.
  ...bucketedLifecycle<BreadthParams, BreadthState>((entities) => ({ entities, pending: [] }), judge, true),
  observe(state, e, params) {
    const ev = e.event;
    if (!ev.keyId || ev.viaService || ev.principal.type === 'service') return NO_ALERTS;
    const entity = entityAt(state, params, judge, principalKey(ev.principal.id), e.time, ev, principalLabel);
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
};

function judge(state: BreadthState, params: BreadthParams, c: ClosedBucket): number {
  const warm = c.start - c.entity.born >= params.warmupDays * DAY && c.expectation.support >= params.minSlotSupport;
  const t = spikeTest(c.value, c.expectation, params.expectedFloor);
  const threshold = Math.max(params.minDistinct, params.minRatio * t.expected);
  if (!warm || c.value < threshold || t.score < params.minScore) return c.value;
  const d = (c.entity.detail ?? { keys: [] }) as { keys: string[] };
  queueAlert(
    state,
    c,
    c.entityKey,
    `${c.entity.label.principal} used ${c.value} distinct keys in the hour from ${iso(c.start)}, expected about ${t.expected.toFixed(1)}`,
    spikeEvidence(c, t, { minDistinct: threshold, minScore: params.minScore }, { sampleKeys: [...d.keys].sort().slice(0, 10) }),
  );
  return clippedValue(c, t, params);
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
