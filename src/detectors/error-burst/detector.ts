// anomaly/error-burst: a burst of denied or failed calls by a principal (or on a key) against its
// own seasonal baseline, or failures spread across unusually many keys or operations (breadth).
import { type BucketEntity, type ClosedBucket, advance, newEntity, tickAll } from '../stats/bucketed.js';
import { spikeTest } from '../stats/seasonal.js';
import { type Alert, type Detector, DAY, iso, NO_ALERTS } from '../types.js';
import { keyResource, principalResource } from '../resources.js';
import { round } from '../op-spike/detector.js';

export interface ErrorBurstParams {
  entities: ('principal' | 'key')[];
  /** Error codes that count; empty = every failure. */
  errorCodes: string[];
  bucketMinutes: number;
  alpha: number;
  warmupDays: number;
  minCount: number;
  minRatio: number;
  minScore: number;
  expectedFloor: number;
  /** Failures on at least this many distinct keys in one bucket alert by themselves. */
  breadthKeys: number;
  /** ... or on this many distinct operations. */
  breadthOperations: number;
  idleDays: number;
}

interface Detail {
  keys: string[];
  operations: string[];
  codes: Record<string, number>;
}

interface ErrorBurstState {
  entities: Map<string, BucketEntity>;
  pending: Alert[];
}

const CAP = 64;

export const errorBurst: Detector<ErrorBurstParams, ErrorBurstState> = {
  id: 'error-burst',
  defaults: {
    entities: ['principal', 'key'],
    errorCodes: [],
    bucketMinutes: 60,
    alpha: 0.15,
    warmupDays: 0,
    minCount: 10,
    minRatio: 3,
    minScore: 6,
    expectedFloor: 1,
    breadthKeys: 10,
    breadthOperations: 10,
    idleDays: 35,
  },
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      entities: { type: 'array', items: { enum: ['principal', 'key'] }, minItems: 1 },
      errorCodes: { type: 'array', items: { type: 'string' } },
      bucketMinutes: { type: 'number', minimum: 1, maximum: 1440 },
      alpha: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      warmupDays: { type: 'number', minimum: 0 },
      minCount: { type: 'number', minimum: 1 },
      minRatio: { type: 'number', minimum: 1 },
      minScore: { type: 'number', minimum: 0 },
      expectedFloor: { type: 'number', exclusiveMinimum: 0 },
      breadthKeys: { type: 'integer', minimum: 2 },
      breadthOperations: { type: 'integer', minimum: 2 },
      idleDays: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  init: () => ({ entities: new Map(), pending: [] }),
  observe(state, e, params) {
    const ev = e.event;
    if (ev.outcome !== 'failure') return NO_ALERTS;
    if (params.errorCodes.length > 0 && !params.errorCodes.includes(ev.errorCode ?? '')) return NO_ALERTS;
    const bucketMs = params.bucketMinutes * 60_000;
    const bucket = Math.floor(e.time / bucketMs);
    const targets: [string, () => BucketEntity['label']][] = [];
    if (params.entities.includes('principal')) {
      targets.push([`p|${ev.principal.id}`, () => ({ resource: principalResource(ev), principal: ev.principal.id })]);
    }
    if (params.entities.includes('key') && ev.keyId) targets.push([`k|${ev.keyId}`, () => ({ resource: keyResource(ev) })]);
    for (const [key, label] of targets) {
      let entity = state.entities.get(key);
      if (!entity) {
        entity = newEntity(e.time, bucketMs, label());
        state.entities.set(key, entity);
      }
      advance(key, entity, bucket, bucketMs, params.alpha, (c) => judge(state, params, c));
      entity.value++;
      entity.firstEventId ??= ev.eventId;
      entity.lastEventId = ev.eventId;
      entity.lastSeen = Math.max(entity.lastSeen, e.time);
      const d = (entity.detail ??= { keys: [], operations: [], codes: {} }) as unknown as Detail;
      if (ev.keyId && d.keys.length < CAP && !d.keys.includes(ev.keyId)) d.keys.push(ev.keyId);
      if (d.operations.length < CAP && !d.operations.includes(ev.operation.raw)) d.operations.push(ev.operation.raw);
      if (key.startsWith('k|')) {
        const callers = ((d as unknown as { callers?: Record<string, number> }).callers ??= {});
        if (ev.principal.id in callers || Object.keys(callers).length < 32) callers[ev.principal.id] = (callers[ev.principal.id] ?? 0) + 1;
      }
      const code = ev.errorCode ?? 'unknown';
      if (code in d.codes || Object.keys(d.codes).length < CAP) d.codes[code] = (d.codes[code] ?? 0) + 1;
    }
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

function judge(state: ErrorBurstState, params: ErrorBurstParams, c: ClosedBucket): number {
  if (c.value === 0) return 0;
  const d = (c.entity.detail ?? { keys: [], operations: [], codes: {} }) as unknown as Detail;
  const warm = c.start - c.entity.born >= params.warmupDays * DAY;
  const t = spikeTest(c.value, c.expectation, params.expectedFloor);
  const threshold = Math.max(params.minCount, params.minRatio * t.expected);
  const burst = c.value >= threshold && t.score >= params.minScore;
  const broad = d.keys.length >= params.breadthKeys || d.operations.length >= params.breadthOperations;
  if (!warm || !(burst || (broad && c.value >= params.minRatio * t.expected))) return c.value;
  const [kind] = c.entityKey.split('|');
  // A key's failures caused by one principal fold into that principal's incident.
  const callers = (c.entity.detail as { callers?: Record<string, number> } | undefined)?.callers ?? {};
  const dominant = kind === 'k' && params.entities.includes('principal') ? Object.entries(callers).find(([, n]) => n * 2 > c.value)?.[0] : undefined;
  const who = kind === 'p' ? `principal ${c.entity.label.principal}` : `key ${c.entity.label.resource.id}`;
  state.pending.push({
    foldKey: dominant ? `p|${dominant}` : c.entityKey,
    resource: c.entity.label.resource,
    ...(c.entity.label.principal ? { principal: c.entity.label.principal } : dominant ? { principal: dominant } : {}),
    start: c.start,
    end: c.end,
    message: `${c.value} failed calls by ${who} in the hour from ${iso(c.start)} (${d.keys.length} keys, ${d.operations.length} operations), expected about ${t.expected.toFixed(1)}`,
    evidence: {
      observed: c.value,
      expected: round(t.expected),
      baseline: { mean: round(c.expectation.mean), stddev: round(Math.sqrt(t.variance)), slotObservations: c.expectation.support },
      threshold: { minCount: threshold, minScore: params.minScore, breadthKeys: params.breadthKeys, breadthOperations: params.breadthOperations },
      score: round(t.score),
      pValue: t.pValue,
      reason: burst ? 'burst' : 'breadth',
      distinctKeys: d.keys.length,
      distinctOperations: d.operations.length,
      operations: [...d.operations].sort(),
      errorCodes: d.codes,
      entity: kind === 'p' ? 'principal' : 'key',
      ...(c.entity.firstEventId ? { firstEventId: c.entity.firstEventId } : {}),
      ...(c.entity.lastEventId ? { lastEventId: c.entity.lastEventId } : {}),
      series: c.series,
    },
  });
  return Math.min(c.value, Math.max(t.expected * params.minRatio, params.expectedFloor));
}

function drain(state: ErrorBurstState): Alert[] {
  if (state.pending.length === 0) return NO_ALERTS;
  const out = state.pending;
  state.pending = [];
  return out;
}
