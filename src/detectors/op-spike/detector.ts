// anomaly/op-spike: a principal's (and a key's) count of one operation class per bucket far above
// its own seasonal baseline (hour of day, weekday/weekend), tested with a negative-binomial tail.
import type { OperationClass } from '../../core/model.js';
import { type BucketEntity, type ClosedBucket, advance, newEntity, tickAll } from '../stats/bucketed.js';
import { spikeTest } from '../stats/seasonal.js';
import { type Alert, type Detector, type DetectorEvent, DAY, iso, NO_ALERTS } from '../types.js';
import { principalResource, keyResource } from '../resources.js';

export interface OpSpikeParams {
  /** Which entities to baseline: the calling principal, the key, or both. */
  entities: ('principal' | 'key')[];
  operationClasses: OperationClass[];
  bucketMinutes: number;
  alpha: number;
  /** Days an entity must have been seen before it can alert. */
  warmupDays: number;
  /** Observations every consulted seasonal slot needs. */
  minSlotSupport: number;
  /** Minimum count in the bucket (support). */
  minCount: number;
  /** Observed must be at least this multiple of expected. */
  minRatio: number;
  /** Minimum -log10 p-value. */
  minScore: number;
  /** Expected count never below this (a silent slot is not a zero-rate slot). */
  expectedFloor: number;
  idleDays: number;
}

interface OpSpikeState {
  entities: Map<string, BucketEntity>;
  pending: Alert[];
  /** Entity keys by kind, id and class, so the key string is not built for every event. */
  keys: EntityKeys;
}

type EntityKeys = { p: Map<string, Map<string, string>>; k: Map<string, Map<string, string>> };

const newKeys = (): EntityKeys => ({ p: new Map(), k: new Map() });

/** The cached `kind|id|class` entity key (the cache is cleared if it grows past any sane cast). */
function entityKey(keys: EntityKeys, kind: 'p' | 'k', id: string, opClass: string): string {
  const byId = keys[kind];
  let byClass = byId.get(id);
  if (!byClass) {
    if (byId.size >= 100_000) byId.clear();
    byClass = new Map();
    byId.set(id, byClass);
  }
  let key = byClass.get(opClass);
  if (key === undefined) {
    key = `${kind}|${id}|${opClass}`;
    byClass.set(opClass, key);
  }
  return key;
}

/** operationClasses as a Set, per params object (params never change during a run). */
const classSets = new WeakMap<OperationClass[], Set<string>>();
function classSet(classes: OperationClass[]): Set<string> {
  let set = classSets.get(classes);
  if (!set) {
    set = new Set(classes);
    classSets.set(classes, set);
  }
  return set;
}

const CRYPTO: OperationClass[] = ['encrypt', 'decrypt', 'generate-data-key', 'sign', 'verify', 'mac', 're-encrypt', 'wrap', 'unwrap'];

export const opSpike: Detector<OpSpikeParams, OpSpikeState> = {
  id: 'op-spike',
  defaults: {
    entities: ['principal', 'key'],
    operationClasses: CRYPTO,
    bucketMinutes: 60,
    alpha: 0.15,
    warmupDays: 7,
    minSlotSupport: 2,
    minCount: 50,
    minRatio: 3,
    minScore: 8,
    expectedFloor: 2,
    idleDays: 35,
  },
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      entities: { type: 'array', items: { enum: ['principal', 'key'] }, minItems: 1 },
      operationClasses: { type: 'array', items: { type: 'string' }, minItems: 1 },
      bucketMinutes: { type: 'number', minimum: 1, maximum: 1440 },
      alpha: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      warmupDays: { type: 'number', minimum: 0 },
      minSlotSupport: { type: 'integer', minimum: 0 },
      minCount: { type: 'number', minimum: 1 },
      minRatio: { type: 'number', minimum: 1 },
      minScore: { type: 'number', minimum: 0 },
      expectedFloor: { type: 'number', exclusiveMinimum: 0 },
      idleDays: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  init: () => ({ entities: new Map(), pending: [], keys: newKeys() }),
  observe(state, e, params) {
    const ev = e.event;
    if (ev.outcome !== 'success' || !classSet(params.operationClasses).has(ev.operation.class)) return NO_ALERTS;
    const bucketMs = params.bucketMinutes * 60_000;
    const bucket = Math.floor(e.time / bucketMs);
    if (params.entities.includes('principal')) count(state, params, entityKey(state.keys, 'p', ev.principal.id, ev.operation.class), 'p', e, bucket, bucketMs);
    if (params.entities.includes('key') && ev.keyId) count(state, params, entityKey(state.keys, 'k', ev.keyId, ev.operation.class), 'k', e, bucket, bucketMs);
    return drain(state);
  },
  tick(state, now, params) {
    const bucketMs = params.bucketMinutes * 60_000;
    tickAll(state.entities, now, bucketMs, params.alpha, params.idleDays * DAY, (c) => judge(state, params, c));
    return drain(state);
  },
  snapshot: (state) => ({ entities: [...state.entities] }),
  restore(saved) {
    const s = saved as { entities: [string, BucketEntity][] };
    return { entities: new Map(s.entities), pending: [], keys: newKeys() };
  },
  size: (state) => state.entities.size,
};

function count(
  state: OpSpikeState,
  params: OpSpikeParams,
  key: string,
  kind: 'p' | 'k',
  e: DetectorEvent,
  bucket: number,
  bucketMs: number,
): void {
  let entity = state.entities.get(key);
  if (!entity) {
    const ev = e.event;
    entity = newEntity(e.time, bucketMs, kind === 'p' ? { resource: principalResource(ev), principal: ev.principal.id } : { resource: keyResource(ev) });
    state.entities.set(key, entity);
  }
  // The closure is only needed when the bucket closes (once per entity per bucket, not per event).
  if (bucket > entity.bucket) advance(key, entity, bucket, bucketMs, params.alpha, (c) => judge(state, params, c));
  entity.value++;
  entity.firstEventId ??= e.event.eventId;
  entity.lastEventId = e.event.eventId;
  entity.lastSeen = Math.max(entity.lastSeen, e.time);
  if (kind === 'k') {
    // Who made the key's calls: a key spike driven by one principal folds into that principal's incident.
    const callers = (entity.detail ??= {}) as Record<string, number>;
    const id = e.event.principal.id;
    if (id in callers || Object.keys(callers).length < 32) callers[id] = (callers[id] ?? 0) + 1;
  }
}

function judge(state: OpSpikeState, params: OpSpikeParams, c: ClosedBucket): number {
  const warm = c.start - c.entity.born >= params.warmupDays * DAY && c.expectation.support >= params.minSlotSupport;
  const t = spikeTest(c.value, c.expectation, params.expectedFloor);
  const threshold = Math.max(params.minCount, params.minRatio * t.expected);
  if (!warm || c.value < threshold || t.score < params.minScore) return c.value;
  const [kind, , opClass] = c.entityKey.split('|');
  const dominant = kind === 'k' ? dominantCaller(c.entity.detail as Record<string, number> | undefined, c.value) : undefined;
  const who = kind === 'p' ? `principal ${c.entity.label.principal}` : `key ${c.entity.label.resource.id}`;
  state.pending.push({
    foldKey: dominant && params.entities.includes('principal') ? `p|${dominant}|${opClass}` : c.entityKey,
    resource: c.entity.label.resource,
    ...(c.entity.label.principal ? { principal: c.entity.label.principal } : dominant ? { principal: dominant } : {}),
    start: c.start,
    end: c.end,
    message: `${opClass} calls by ${who}: ${c.value} in the hour from ${iso(c.start)}, expected about ${t.expected.toFixed(1)}`,
    evidence: {
      observed: c.value,
      expected: round(t.expected),
      baseline: { mean: round(c.expectation.mean), stddev: round(Math.sqrt(t.variance)), slotObservations: c.expectation.support },
      threshold: { minCount: threshold, minScore: params.minScore },
      score: round(t.score),
      pValue: t.pValue,
      operationClass: opClass,
      entity: kind === 'p' ? 'principal' : 'key',
      ...(c.entity.firstEventId ? { firstEventId: c.entity.firstEventId } : {}),
      ...(c.entity.lastEventId ? { lastEventId: c.entity.lastEventId } : {}),
      series: c.series,
    },
  });
  // Learn a clipped value so one incident does not become the new normal.
  return Math.min(c.value, Math.max(t.expected * params.minRatio, params.expectedFloor));
}

/** The principal behind more than half of a key's calls in the bucket, if any. */
function dominantCaller(callers: Record<string, number> | undefined, total: number): string | undefined {
  for (const [id, n] of Object.entries(callers ?? {})) if (n * 2 > total) return id;
  return undefined;
}

function drain(state: OpSpikeState): Alert[] {
  if (state.pending.length === 0) return NO_ALERTS;
  const out = state.pending;
  state.pending = [];
  return out;
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
