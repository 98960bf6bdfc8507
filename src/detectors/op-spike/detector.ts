// anomaly/op-spike: a principal's (and a key's) count of one operation class per bucket far above
// its own seasonal baseline (hour of day, weekday/weekend), tested with a negative-binomial tail.
import type { KeyEvent, OperationClass } from '../../core/model.js';
import {
  type BucketEntity,
  type BucketState,
  type ClosedBucket,
  type EntityLabel,
  bucketedParamsSchema,
  ENTITIES_SCHEMA,
  bucketedLifecycle,
  clippedValue,
  countCaller,
  dominantCaller,
  drain,
  entityAt,
  keyLabel,
  principalLabel,
  queueAlert,
  spikeEvidence,
} from '../stats/bucketed.js';
import { spikeTest } from '../stats/seasonal.js';
import { type Detector, type DetectorEvent, DAY, iso, NO_ALERTS } from '../types.js';

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

interface OpSpikeState extends BucketState {
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
  paramsSchema: bucketedParamsSchema(
    {
      entities: ENTITIES_SCHEMA,
      operationClasses: { type: 'array', items: { type: 'string' }, minItems: 1 },
      minSlotSupport: { type: 'integer', minimum: 0 },
      minCount: { type: 'number', minimum: 1 },
    },
  ),
  // An empty bucket is below every threshold (minCount >= 1): judge returns 0 and queues no alert.
  ...bucketedLifecycle<OpSpikeParams, OpSpikeState>((entities) => ({ entities, pending: [], keys: newKeys() }), judge, true),
  observe(state, e, params) {
    const ev = e.event;
    if (ev.outcome !== 'success' || !classSet(params.operationClasses).has(ev.operation.class)) return NO_ALERTS;
    if (params.entities.includes('principal')) count(state, params, entityKey(state.keys, 'p', ev.principal.id, ev.operation.class), e, principalLabel);
    if (params.entities.includes('key') && ev.keyId) {
      const entity = count(state, params, entityKey(state.keys, 'k', ev.keyId, ev.operation.class), e, keyLabel);
      // Who made the key's calls: a key spike driven by one principal folds into that principal's incident.
      countCaller((entity.detail ??= {}) as Record<string, number>, ev.principal.id);
    }
    return drain(state);
  },
};

function count(state: OpSpikeState, params: OpSpikeParams, key: string, e: DetectorEvent, label: (ev: KeyEvent) => EntityLabel): BucketEntity {
  const entity = entityAt(state, params, judge, key, e.time, e.event, label);
  entity.value++;
  entity.firstEventId ??= e.event.eventId;
  entity.lastEventId = e.event.eventId;
  return entity;
}

function judge(state: OpSpikeState, params: OpSpikeParams, c: ClosedBucket): number {
  const warm = c.start - c.entity.born >= params.warmupDays * DAY && c.expectation.support >= params.minSlotSupport;
  const t = spikeTest(c.value, c.expectation, params.expectedFloor);
  const threshold = Math.max(params.minCount, params.minRatio * t.expected);
  if (!warm || c.value < threshold || t.score < params.minScore) return c.value;
  const [kind, , opClass] = c.entityKey.split('|');
  const dominant = kind === 'k' ? dominantCaller(c.entity.detail as Record<string, number> | undefined, c.value) : undefined;
  const who = kind === 'p' ? `principal ${c.entity.label.principal}` : `key ${c.entity.label.resource.id}`;
  queueAlert(
    state,
    c,
    dominant && params.entities.includes('principal') ? `p|${dominant}|${opClass}` : c.entityKey,
    `${opClass} calls by ${who}: ${c.value} in the hour from ${iso(c.start)}, expected about ${t.expected.toFixed(1)}`,
    spikeEvidence(c, t, { minCount: threshold, minScore: params.minScore }, { operationClass: opClass, entity: kind === 'p' ? 'principal' : 'key' }),
    dominant,
  );
  return clippedValue(c, t, params);
}
