// anomaly/error-burst: a burst of denied or failed calls by a principal (or on a key) against its
// own seasonal baseline, or failures spread across unusually many keys or operations (breadth).
import type { KeyEvent } from '../../core/model.js';
import {
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
  /** Key entities only: failures per calling principal. */
  callers?: Record<string, number>;
}

type ErrorBurstState = BucketState;

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
  paramsSchema: bucketedParamsSchema(
    {
      entities: ENTITIES_SCHEMA,
      errorCodes: { type: 'array', items: { type: 'string' } },
      minCount: { type: 'number', minimum: 1 },
      breadthKeys: { type: 'integer', minimum: 2 },
      breadthOperations: { type: 'integer', minimum: 2 },
    },
  ),
  // judge returns 0 at once for an empty bucket (no alert).
  ...bucketedLifecycle<ErrorBurstParams, ErrorBurstState>((entities) => ({ entities, pending: [] }), judge, true),
  observe(state, e, params) {
    const ev = e.event;
    if (ev.outcome !== 'failure') return NO_ALERTS;
    if (params.errorCodes.length > 0 && !params.errorCodes.includes(ev.errorCode ?? '')) return NO_ALERTS;
    if (params.entities.includes('principal')) countFailure(state, params, `p|${ev.principal.id}`, e, principalLabel);
    if (params.entities.includes('key') && ev.keyId) countFailure(state, params, `k|${ev.keyId}`, e, keyLabel);
    return drain(state);
  },
};

function countFailure(state: ErrorBurstState, params: ErrorBurstParams, key: string, e: DetectorEvent, label: (ev: KeyEvent) => EntityLabel): void {
  const ev = e.event;
  const entity = entityAt(state, params, judge, key, e.time, ev, label);
  entity.value++;
  entity.firstEventId ??= ev.eventId;
  entity.lastEventId = ev.eventId;
  const d = (entity.detail ??= { keys: [], operations: [], codes: {} }) as unknown as Detail;
  if (ev.keyId && d.keys.length < CAP && !d.keys.includes(ev.keyId)) d.keys.push(ev.keyId);
  if (d.operations.length < CAP && !d.operations.includes(ev.operation.raw)) d.operations.push(ev.operation.raw);
  if (key.startsWith('k|')) countCaller((d.callers ??= {}), ev.principal.id);
  const code = ev.errorCode ?? 'unknown';
  if (code in d.codes || Object.keys(d.codes).length < CAP) d.codes[code] = (d.codes[code] ?? 0) + 1;
}

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
  const dominant = kind === 'k' && params.entities.includes('principal') ? dominantCaller(d.callers, c.value) : undefined;
  const who = kind === 'p' ? `principal ${c.entity.label.principal}` : `key ${c.entity.label.resource.id}`;
  queueAlert(
    state,
    c,
    dominant ? `p|${dominant}` : c.entityKey,
    `${c.value} failed calls by ${who} in the hour from ${iso(c.start)} (${d.keys.length} keys, ${d.operations.length} operations), expected about ${t.expected.toFixed(1)}`,
    spikeEvidence(
      c,
      t,
      { minCount: threshold, minScore: params.minScore, breadthKeys: params.breadthKeys, breadthOperations: params.breadthOperations },
      {
        reason: burst ? 'burst' : 'breadth',
        distinctKeys: d.keys.length,
        distinctOperations: d.operations.length,
        operations: [...d.operations].sort(),
        errorCodes: d.codes,
        entity: kind === 'p' ? 'principal' : 'key',
      },
    ),
    dominant,
  );
  return clippedValue(c, t, params);
}
