// anomaly/new-country (and anomaly/rare-asn): a principal calling from a country or network it has
// not used within the time-to-live, after a warm-up. Per principal: the values seen with their
// last-seen time (bounded), first-seen time and event count.
import { type Alert, type Detector, DAY, iso, NO_ALERTS } from '../types.js';
import { principalResource } from '../resources.js';
import { noteNew, sweepIdle } from '../stats/idle-sweep.js';

/** The latest time any value of the principal was seen (-Infinity with none). */
function latestSeen(p: { seen: Record<string, number> }): number {
  let latest = -Infinity;
  for (const v in p.seen) latest = Math.max(latest, p.seen[v]!);
  return latest;
}

export interface GeoNoveltyParams {
  attribute: 'country' | 'asn';
  /** Days since the principal's first geolocated call before novelty alerts. */
  warmupDays: number;
  /** Geolocated calls the principal needs before novelty alerts. */
  minEvents: number;
  /** A value unseen for this many days is new again. */
  ttlDays: number;
  /** Values kept per principal (oldest forgotten first). */
  maxValues: number;
  /** Only successful calls teach and alert. */
  successOnly: boolean;
}

interface PrincipalGeo {
  born: number;
  events: number;
  /** value -> last seen (ms) */
  seen: Record<string, number>;
}

interface GeoNoveltyState {
  principals: Map<string, PrincipalGeo>;
}

export const geoNovelty: Detector<GeoNoveltyParams, GeoNoveltyState> = {
  id: 'geo-novelty',
  defaults: { attribute: 'country', warmupDays: 7, minEvents: 20, ttlDays: 90, maxValues: 32, successOnly: true },
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      attribute: { enum: ['country', 'asn'] },
      warmupDays: { type: 'number', minimum: 0 },
      minEvents: { type: 'integer', minimum: 0 },
      ttlDays: { type: 'number', exclusiveMinimum: 0 },
      maxValues: { type: 'integer', minimum: 1 },
      successOnly: { type: 'boolean' },
    },
  },
  init: () => ({ principals: new Map() }),
  observe(state, e, params) {
    const ev = e.event;
    if (!e.geo || (params.successOnly && ev.outcome !== 'success')) return NO_ALERTS;
    const value = params.attribute === 'country' ? e.geo.country : e.geo.asn !== undefined ? asnLabel(e.geo.asn) : undefined;
    if (!value) return NO_ALERTS;
    let p = state.principals.get(ev.principal.id);
    if (!p) {
      p = { born: e.time, events: 0, seen: {} };
      state.principals.set(ev.principal.id, p);
      noteNew(state.principals, e.time);
    }
    p.events++;
    const last = p.seen[value];
    const known = last !== undefined && e.time - last <= params.ttlDays * DAY;
    const warm = e.time - p.born >= params.warmupDays * DAY && p.events > params.minEvents;
    // The shared empty result unless this call alerts (almost every call does not).
    let alerts = NO_ALERTS;
    if (!known && warm) {
      const knownValues = Object.entries(p.seen)
        .filter(([, t]) => e.time - t <= params.ttlDays * DAY)
        .map(([v]) => v)
        .sort();
      const alert: Alert = {
        foldKey: `${ev.principal.id}|${value}`,
        resource: principalResource(ev),
        principal: ev.principal.id,
        start: e.time,
        end: e.time,
        message: `${ev.principal.id} called ${ev.operation.raw} from ${params.attribute} ${value} (${ev.sourceIp ?? '?'}), not used in the last ${params.ttlDays} days; known: ${knownValues.join(', ') || 'none'}`,
        evidence: {
          observed: value,
          expected: knownValues,
          baseline: { since: iso(p.born), events: p.events - 1, values: knownValues.length },
          threshold: { warmupDays: params.warmupDays, minEvents: params.minEvents, ttlDays: params.ttlDays },
          score: 1,
          sourceIp: ev.sourceIp,
          ...(e.geo.city ? { city: e.geo.city } : {}),
          country: e.geo.country,
          ...(e.geo.asn !== undefined ? { asn: e.geo.asn, asOrg: e.geo.asOrg } : {}),
          operation: ev.operation.raw,
          ...(ev.keyId ? { keyId: ev.keyId } : {}),
          firstEventId: ev.eventId,
          lastEventId: ev.eventId,
        },
      };
      alerts = [alert];
    }
    p.seen[value] = Math.max(last ?? 0, e.time);
    if (last === undefined) forgetOldest(p, params.maxValues);
    return alerts;
  },
  tick(state, now, params) {
    // Forget principals whose every value expired: memory stays bounded by active principals.
    // A principal goes when every value expired, that is when its latest value did.
    sweepIdle(state.principals, now, params.ttlDays * DAY, latestSeen, (id) => state.principals.delete(id));
    return NO_ALERTS;
  },
  snapshot: (state) => ({ principals: [...state.principals] }),
  restore: (saved) => ({ principals: new Map((saved as { principals: [string, PrincipalGeo][] }).principals) }),
  size: (state) => state.principals.size,
};

function forgetOldest(p: PrincipalGeo, max: number): void {
  const entries = Object.entries(p.seen);
  if (entries.length <= max) return;
  entries.sort((a, b) => a[1] - b[1]);
  for (const [v] of entries.slice(0, entries.length - max)) delete p.seen[v];
}

/** `AS<number>` labels built once per network, not per event (bounded). */
const asnLabels = new Map<number, string>();
function asnLabel(asn: number): string {
  let label = asnLabels.get(asn);
  if (label === undefined) {
    if (asnLabels.size >= 100_000) asnLabels.clear();
    label = `AS${asn}`;
    asnLabels.set(asn, label);
  }
  return label;
}
