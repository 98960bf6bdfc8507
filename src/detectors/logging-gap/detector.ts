// anomaly/logging-gap: a log source (provider, account, region) that suddenly goes quiet while its
// seasonal baseline expects many events ("no data" is not "no anomaly"), and calls that change the
// logging itself (trail stopped or deleted, event selectors changed, diagnostic settings removed).
import { type BucketState, type ClosedBucket, bucketedLifecycle, bucketedParamsSchema, drain, entityAt, queueAlert, round, seriesOf, sourceLabel } from '../stats/bucketed.js';
import { expectationLow, silenceTest } from '../stats/seasonal.js';
import { type Detector, DAY, iso } from '../types.js';
import { sourceKey, sourceResource, principalResource } from '../resources.js';
import { lowerName, lowerSet } from '../sensitive-operation/detector.js';

export interface LoggingGapParams {
  bucketMinutes: number;
  alpha: number;
  warmupDays: number;
  minSlotSupport: number;
  /** Only sources expected to log at least this many events in the bucket can be silent. */
  minExpected: number;
  /** Observed at most this fraction of expected. */
  maxFraction: number;
  minScore: number;
  /** Operations that change audit logging (case-insensitive). */
  tamperOperations: string[];
  idleDays: number;
}

type LoggingGapState = BucketState;

export const loggingGap: Detector<LoggingGapParams, LoggingGapState> = {
  id: 'logging-gap',
  defaults: {
    bucketMinutes: 60,
    alpha: 0.15,
    warmupDays: 7,
    minSlotSupport: 2,
    minExpected: 30,
    maxFraction: 0.05,
    minScore: 10,
    tamperOperations: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'DeleteEventDataStore', 'DeleteDiagnosticSetting', 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', 'DeleteSink', 'UpdateSink'],
    idleDays: 35,
  },
  paramsSchema: bucketedParamsSchema(
    {
      minSlotSupport: { type: 'integer', minimum: 0 },
      minExpected: { type: 'number', exclusiveMinimum: 0 },
      maxFraction: { type: 'number', minimum: 0, maximum: 1 },
      minScore: { type: 'number', minimum: 0 },
      tamperOperations: { type: 'array', items: { type: 'string' } },
    },
    false,
  ),
  ...bucketedLifecycle<LoggingGapParams, LoggingGapState>((entities) => ({ entities, pending: [] }), judge),
  observe(state, e, params) {
    const ev = e.event;
    const key = e.source ?? sourceKey(ev);
    const entity = entityAt(state, params, judge, key, e.time, ev, sourceLabel);
    entity.value++;
    const op = lowerName(ev.operation.raw);
    if (ev.outcome === 'success' && lowerSet(params.tamperOperations).has(op)) {
      state.pending.push({
        foldKey: `tamper|${key}|${ev.principal.id}`,
        resource: ev.keyId ? sourceResource(ev) : { ...principalResource(ev), ...sourceResource(ev) },
        principal: ev.principal.id,
        start: e.time,
        end: e.time,
        message: `${ev.principal.id} changed audit logging: ${ev.operation.raw}`,
        evidence: {
          observed: ev.operation.raw,
          expected: 'audit logging left unchanged',
          baseline: null,
          threshold: { tamperOperations: params.tamperOperations },
          score: 1,
          reason: 'logging-config-changed',
          ...(ev.details ? { details: ev.details } : {}),
          firstEventId: ev.eventId,
          lastEventId: ev.eventId,
        },
      });
    }
    return drain(state);
  },
};

function judge(state: LoggingGapState, params: LoggingGapParams, c: ClosedBucket): number {
  const low = expectationLow(c.entity.seasonal, c.slot);
  const warm = c.start - c.entity.born >= params.warmupDays * DAY && low.support >= params.minSlotSupport;
  if (!warm || low.mean < params.minExpected || c.value > params.maxFraction * low.mean) return c.value;
  const t = silenceTest(c.value, low);
  if (t.score < params.minScore) return c.value;
  queueAlert(
    state,
    c,
    `silence|${c.entityKey}`,
    `log source ${c.entityKey} delivered ${c.value} events in the hour from ${iso(c.start)}, expected about ${low.mean.toFixed(0)}: logging may have stopped`,
    {
      observed: c.value,
      expected: round(low.mean),
      baseline: { mean: round(low.mean), stddev: round(Math.sqrt(low.variance)), slotObservations: low.support },
      threshold: { maxFraction: params.maxFraction, minExpected: params.minExpected, minScore: params.minScore },
      score: round(t.score),
      reason: 'silence',
      series: seriesOf(c),
    },
  );
  // Do not learn the silence as normal.
  return low.mean;
}
