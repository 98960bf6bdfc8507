// Per-entity counting in fixed event-time buckets with a seasonal baseline, and the lifecycle the
// volume detectors (op-spike, error-burst, breadth, logging-gap) share: entities by key, buckets
// judged when they close (a later event of the entity arrives, or tick(now) passes their end),
// raw alerts queued while judging and drained after each observe/tick, snapshots of the entities.
// Silent buckets in between are learned as zeros (bounded: at most two weeks of them).
import type { Finding, KeyEvent } from '../../core/model.js';
import { type Alert, type Evidence, DAY, iso, NO_ALERTS } from '../types.js';
import { keyResource, principalResource, sourceResource } from '../resources.js';
import { type Expectation, type SeasonalParams, type SeasonalState, type SpikeTest, expectation, learn, newSeasonal, slotOf } from './seasonal.js';

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
  label: EntityLabel;
}

export type EntityLabel = { resource: Finding['resource']; principal?: string };

export interface ClosedBucket {
  entityKey: string;
  entity: BucketEntity;
  start: number;
  end: number;
  value: number;
  expectation: Expectation;
  slot: number;
  bucketMs: number;
}

/** The params every bucketed detector has. */
export interface BucketParams {
  bucketMinutes: number;
  alpha: number;
  idleDays: number;
}

export interface BucketState {
  entities: Map<string, BucketEntity>;
  pending: Alert[];
}

/** Judges a closed bucket (queuing alerts on the state) and returns the value to learn. */
export type Judge<P, S> = (state: S, params: P, closed: ClosedBucket) => number;

/** JSON Schema of the bucket params every bucketed detector has. */
export const BUCKET_PARAMS_SCHEMA = {
  bucketMinutes: { type: 'number', minimum: 1, maximum: 1440 },
  alpha: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  warmupDays: { type: 'number', minimum: 0 },
  idleDays: { type: 'number', exclusiveMinimum: 0 },
} as const;

/** JSON Schema of the upper-tail test params (op-spike, error-burst, breadth). */
export const SPIKE_PARAMS_SCHEMA = {
  minRatio: { type: 'number', minimum: 1 },
  minScore: { type: 'number', minimum: 0 },
  expectedFloor: { type: 'number', exclusiveMinimum: 0 },
} as const;

/** Which entities a principal/key detector baselines. */
export const ENTITIES_SCHEMA = { type: 'array', items: { enum: ['principal', 'key'] }, minItems: 1 } as const;

/** The params schema of a bucketed detector: the shared bucket params (and spike-test params) plus its own. */
export function bucketedParamsSchema(own: Record<string, object>, spike = true): object {
  return { type: 'object', additionalProperties: false, properties: { ...BUCKET_PARAMS_SCHEMA, ...(spike ? SPIKE_PARAMS_SCHEMA : {}), ...own } };
}

/** Entity labels: plain functions, so no closure is made per event. */
export const principalLabel = (ev: KeyEvent): EntityLabel => ({ resource: principalResource(ev), principal: ev.principal.id });
export const keyLabel = (ev: KeyEvent): EntityLabel => ({ resource: keyResource(ev) });
export const sourceLabel = (ev: KeyEvent): EntityLabel => ({ resource: sourceResource(ev) });

const RECENT = 24;
const MAX_ZERO_FILL = 14 * 24;

export function newEntity(time: number, bucketMs: number, label: EntityLabel): BucketEntity {
  return { bucket: Math.floor(time / bucketMs), value: 0, born: time, lastSeen: time, recent: [], seasonal: newSeasonal(), label };
}

/**
 * Moves the entity to `bucket`, closing the current one through `judge` (which returns the value
 * to learn: the observed value, or a clipped one when it was anomalous) and learning silent
 * buckets as zero.
 */
export function advance(key: string, entity: BucketEntity, bucket: number, bucketMs: number, alpha: number, judge: (closed: ClosedBucket) => number): void {
  if (bucket <= entity.bucket) return;
  const start = entity.bucket * bucketMs;
  const slot = slotOf(start);
  const exp = expectation(entity.seasonal, slot);
  const learned = judge({ entityKey: key, entity, start, end: start + bucketMs, value: entity.value, expectation: exp, slot, bucketMs });
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

/** The closed bucket's chart series: the last buckets and this one ([start ISO, value]). Built only for alerts. */
export function seriesOf(c: ClosedBucket): [string, number][] {
  const recent = c.entity.recent;
  const series: [string, number][] = recent.map((v, i) => [iso(c.start - (recent.length - i) * c.bucketMs), v]);
  series.push([iso(c.start), c.value]);
  return series;
}

/**
 * What advance() does to an entity whose bucket is empty (value 0) for a detector whose judge
 * neither alerts on nor changes an empty bucket (it returns 0): learn zeros, shift the series.
 * The hourly tick closes every entity's bucket, and most are empty, so this skips building the
 * closed bucket, its expectation and the judge call for them.
 */
function closeEmpty(entity: BucketEntity, bucket: number, bucketMs: number, learning: SeasonalParams): void {
  const start = entity.bucket * bucketMs;
  const gap = Math.min(bucket - entity.bucket - 1, MAX_ZERO_FILL);
  for (let i = 0; i <= gap; i++) {
    learn(entity.seasonal, slotOf(start + i * bucketMs), 0, learning);
    pushRecent(entity, 0);
  }
  entity.bucket = bucket;
  entity.firstEventId = undefined;
  entity.lastEventId = undefined;
  entity.detail = undefined;
}

/**
 * Closes every entity bucket that ended at or before `now`; evicts entities idle for `idleMs`.
 * `emptyIsQuiet`: the judge returns 0 for an empty bucket and queues nothing (the upper-tail
 * detectors), so empty buckets take the short path (closeEmpty) with the same result.
 */
export function tickAll(entities: Map<string, BucketEntity>, now: number, bucketMs: number, alpha: number, idleMs: number, judge: (closed: ClosedBucket) => number, emptyIsQuiet = false): void {
  const bucketNow = Math.floor(now / bucketMs);
  const learning: SeasonalParams = { alpha };
  for (const [key, entity] of entities) {
    if (now - entity.lastSeen > idleMs) {
      entities.delete(key);
      continue;
    }
    if (entity.bucket >= bucketNow) continue;
    if (emptyIsQuiet && entity.value === 0) closeEmpty(entity, bucketNow, bucketMs, learning);
    else advance(key, entity, bucketNow, bucketMs, alpha, judge);
  }
}

/**
 * The entity under `key`, created on first sight (labelled by `label(event)`, a plain function so
 * no closure is made per event) and moved to the event's bucket, closing the previous one.
 */
export function entityAt<P extends BucketParams, S extends BucketState>(
  state: S,
  params: P,
  judge: Judge<P, S>,
  key: string,
  time: number,
  ev: KeyEvent,
  label: (ev: KeyEvent) => EntityLabel,
): BucketEntity {
  const bucketMs = params.bucketMinutes * 60_000;
  let entity = state.entities.get(key);
  if (!entity) {
    entity = newEntity(time, bucketMs, label(ev));
    state.entities.set(key, entity);
  }
  const bucket = Math.floor(time / bucketMs);
  // The judging closure is only made when a bucket closes (once per entity per bucket).
  if (bucket > entity.bucket) advance(key, entity, bucket, bucketMs, params.alpha, (c) => judge(state, params, c));
  entity.lastSeen = Math.max(entity.lastSeen, time);
  return entity;
}

/** The alerts queued since the last call (the shared empty array when there are none). */
export function drain(state: BucketState): Alert[] {
  if (state.pending.length === 0) return NO_ALERTS;
  const out = state.pending;
  state.pending = [];
  return out;
}

/**
 * init, tick, snapshot, restore and size of a bucketed detector; `make` adds its own fields.
 * `emptyIsQuiet`: `judge` returns 0 and queues no alert for an empty bucket (see tickAll).
 */
export function bucketedLifecycle<P extends BucketParams, S extends BucketState>(make: (entities: Map<string, BucketEntity>) => S, judge: Judge<P, S>, emptyIsQuiet = false) {
  return {
    init: (): S => make(new Map()),
    tick(state: S, now: number, params: P): Alert[] {
      tickAll(state.entities, now, params.bucketMinutes * 60_000, params.alpha, params.idleDays * DAY, (c) => judge(state, params, c), emptyIsQuiet);
      return drain(state);
    },
    snapshot: (state: S): unknown => ({ entities: [...state.entities] }),
    restore: (saved: unknown): S => make(new Map((saved as { entities: [string, BucketEntity][] }).entities)),
    size: (state: S): number => state.entities.size,
  };
}

/**
 * Queues the alert of an anomalous closed bucket: the entity's resource, its principal (or the
 * principal that dominated a key's calls), the bucket as window.
 */
export function queueAlert(state: BucketState, c: ClosedBucket, foldKey: string, message: string, evidence: Evidence, dominant?: string): void {
  const principal = c.entity.label.principal ?? dominant;
  state.pending.push({ foldKey, resource: c.entity.label.resource, ...(principal ? { principal } : {}), start: c.start, end: c.end, message, evidence });
}

/**
 * Evidence of an upper-tail count test: observed, expected, baseline, threshold, score, p-value,
 * the detector's own fields, first and last event ids and the chart series.
 */
export function spikeEvidence(c: ClosedBucket, t: SpikeTest, threshold: Record<string, unknown>, own: Record<string, unknown>): Evidence {
  return {
    observed: c.value,
    expected: round(t.expected),
    baseline: { mean: round(c.expectation.mean), stddev: round(Math.sqrt(t.variance)), slotObservations: c.expectation.support },
    threshold,
    score: round(t.score),
    pValue: t.pValue,
    ...own,
    ...(c.entity.firstEventId ? { firstEventId: c.entity.firstEventId } : {}),
    ...(c.entity.lastEventId ? { lastEventId: c.entity.lastEventId } : {}),
    series: seriesOf(c),
  };
}

/** What an anomalous bucket teaches: clipped, so one incident does not become the new normal. */
export function clippedValue(c: ClosedBucket, t: SpikeTest, params: { minRatio: number; expectedFloor: number }): number {
  return Math.min(c.value, Math.max(t.expected * params.minRatio, params.expectedFloor));
}

/** Counts a caller of a key's bucket (at most 32 distinct callers are tracked). */
export function countCaller(callers: Record<string, number>, id: string): void {
  if (id in callers || Object.keys(callers).length < 32) callers[id] = (callers[id] ?? 0) + 1;
}

/** The principal behind more than half of a key's calls in the bucket, if any. */
export function dominantCaller(callers: Record<string, number> | undefined, total: number): string | undefined {
  for (const [id, n] of Object.entries(callers ?? {})) if (n * 2 > total) return id;
  return undefined;
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
