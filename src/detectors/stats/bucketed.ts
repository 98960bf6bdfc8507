// Per-entity counting in fixed event-time buckets with a seasonal baseline. Shared by the volume
// detectors (op-spike, error-burst, breadth, logging-gap). A bucket is judged when it closes: when
// a later event of the entity arrives or when tick(now) passes its end. Silent buckets in between
// are learned as zeros (bounded: at most two weeks of them).
import type { Finding } from '../../core/model.js';
import { iso } from '../types.js';
import { type Expectation, type SeasonalState, expectation, learn, newSeasonal, slotOf } from './seasonal.js';

export interface BucketEntity {
  /** Current bucket index (floor(time / bucketMs)). */
  bucket: number;
  value: number;
  firstEventId?: string;
  lastEventId?: string;
  /** First event time of the entity (warm-up). */
  born: number;
  /** Last event time (eviction). */
  lastSeen: number;
  /** Last closed buckets' values, oldest first (chart series). */
  recent: number[];
  seasonal: SeasonalState;
  /** Free-form per-bucket detail the detector keeps (distinct keys, error codes...). */
  detail?: Record<string, unknown>;
  /** Resource and principal to report. */
  label: { resource: Finding['resource']; principal?: string };
}

export interface ClosedBucket {
  entityKey: string;
  entity: BucketEntity;
  start: number;
  end: number;
  value: number;
  expectation: Expectation;
  slot: number;
  /** Series for evidence: last buckets + this one. */
  series: [string, number][];
}

const RECENT = 24;
const MAX_ZERO_FILL = 14 * 24;

export function newEntity(time: number, bucketMs: number, label: BucketEntity['label']): BucketEntity {
  return { bucket: Math.floor(time / bucketMs), value: 0, born: time, lastSeen: time, recent: [], seasonal: newSeasonal(), label };
}

/**
 * Moves the entity to `bucket`, closing the current one through `judge` (which returns the value
 * to learn: the observed value, or a clipped one when it was anomalous) and learning silent
 * buckets as zero.
 */
export function advance(
  key: string,
  entity: BucketEntity,
  bucket: number,
  bucketMs: number,
  alpha: number,
  judge: (closed: ClosedBucket) => number,
): void {
  if (bucket <= entity.bucket) return;
  const start = entity.bucket * bucketMs;
  const slot = slotOf(start);
  const exp = expectation(entity.seasonal, slot);
  const series: [string, number][] = entity.recent.map((v, i) => [iso(start - (entity.recent.length - i) * bucketMs), v]);
  series.push([iso(start), entity.value]);
  const learned = judge({ entityKey: key, entity, start, end: start + bucketMs, value: entity.value, expectation: exp, slot, series });
  learn(entity.seasonal, slot, learned, { alpha });
  pushRecent(entity, entity.value);
  const gap = Math.min(bucket - entity.bucket - 1, MAX_ZERO_FILL);
  for (let i = 1; i <= gap; i++) {
    learn(entity.seasonal, slotOf(start + i * bucketMs), 0, { alpha });
    pushRecent(entity, 0);
  }
  entity.bucket = bucket;
  entity.value = 0;
  // Cleared by assignment, not `delete`: deleting turns the hot entity objects into slow
  // dictionary-mode objects. Undefined fields vanish from the JSON snapshot all the same.
  entity.firstEventId = undefined;
  entity.lastEventId = undefined;
  entity.detail = undefined;
}

function pushRecent(entity: BucketEntity, v: number): void {
  entity.recent.push(v);
  if (entity.recent.length > RECENT) entity.recent.shift();
}

/** Closes every entity bucket that ended at or before `now`; evicts entities idle for `idleMs`. */
export function tickAll(
  entities: Map<string, BucketEntity>,
  now: number,
  bucketMs: number,
  alpha: number,
  idleMs: number,
  judge: (closed: ClosedBucket) => number,
): void {
  const bucketNow = Math.floor(now / bucketMs);
  for (const [key, entity] of entities) {
    if (now - entity.lastSeen > idleMs) {
      entities.delete(key);
      continue;
    }
    if (entity.bucket < bucketNow) advance(key, entity, bucketNow, bucketMs, alpha, judge);
  }
}
