// anomaly/impossible-travel: two calls by one principal from places too far apart for the time
// between them (speed above maxSpeedKmh and distance above minDistanceKm). Same IP, same city,
// same or bordering countries never alert; a country pair the principal has already travelled
// (learned, e.g. a role used from two regions' NAT addresses) does not alert again.
import { type Alert, type Detector, DAY, HOUR, iso, NO_ALERTS } from '../types.js';
import { principalResource } from '../resources.js';
import { areBordering } from '../../geo/borders.js';
import { haversineKm } from '../../geo/distance.js';
import type { GeoInfo } from '../../geo/types.js';

export interface ImpossibleTravelParams {
  maxSpeedKmh: number;
  minDistanceKm: number;
  /** Pairs of countries seen together are learned and do not alert (per principal, bounded). */
  learnPairs: boolean;
  maxPairs: number;
  /** Days since the principal's first geolocated call before it can alert. */
  warmupDays: number;
  /** Forget a principal's last position after this many days. */
  idleDays: number;
}

interface Position {
  time: number;
  lat: number;
  lon: number;
  country: string;
  city?: string;
  ip: string;
  eventId: string;
  approximate?: boolean;
}

interface TravelState {
  principals: Map<string, { born: number; last: Position; pairs: string[] }>;
}

export const impossibleTravel: Detector<ImpossibleTravelParams, TravelState> = {
  id: 'impossible-travel',
  defaults: { maxSpeedKmh: 900, minDistanceKm: 500, learnPairs: true, maxPairs: 32, warmupDays: 1, idleDays: 30 },
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxSpeedKmh: { type: 'number', exclusiveMinimum: 0 },
      minDistanceKm: { type: 'number', minimum: 0 },
      learnPairs: { type: 'boolean' },
      maxPairs: { type: 'integer', minimum: 0 },
      warmupDays: { type: 'number', minimum: 0 },
      idleDays: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  init: () => ({ principals: new Map() }),
  observe(state, e, params) {
    const ev = e.event;
    const g = e.geo;
    if (!g || g.lat === undefined || g.lon === undefined || !ev.sourceIp || ev.outcome !== 'success') return NO_ALERTS;
    const p = state.principals.get(ev.principal.id);
    if (p && p.last.ip === ev.sourceIp && samePlace(p.last, g)) {
      // Same address and place as the last call (the common case): only the time moves on.
      p.last.time = e.time;
      p.last.eventId = ev.eventId;
      return NO_ALERTS;
    }
    const here: Position = {
      time: e.time,
      lat: g.lat,
      lon: g.lon,
      country: g.country,
      ...(g.city ? { city: g.city } : {}),
      ip: ev.sourceIp,
      eventId: ev.eventId,
      ...(g.approximate ? { approximate: true } : {}),
    };
    if (!p) {
      state.principals.set(ev.principal.id, { born: e.time, last: here, pairs: [] });
      return NO_ALERTS;
    }
    const prev = p.last;
    p.last = here;
    if (prev.ip === here.ip || prev.country === here.country) return NO_ALERTS;
    if (prev.city && here.city && prev.city === here.city) return NO_ALERTS;
    if (areBordering(prev.country, here.country)) return NO_ALERTS;
    const pair = [prev.country, here.country].sort().join('-');
    if (p.pairs.includes(pair)) return NO_ALERTS;
    const distanceKm = haversineKm(prev.lat, prev.lon, here.lat, here.lon);
    const hours = Math.max(Math.abs(here.time - prev.time), 1000) / HOUR;
    const speedKmh = distanceKm / hours;
    const warm = e.time - p.born >= params.warmupDays * DAY;
    const alerts: Alert[] = [];
    if (warm && distanceKm > params.minDistanceKm && speedKmh > params.maxSpeedKmh) {
      alerts.push({
        foldKey: `${ev.principal.id}|${pair}`,
        resource: principalResource(ev),
        principal: ev.principal.id,
        start: prev.time,
        end: here.time,
        message: `${ev.principal.id} called from ${prev.country} (${prev.ip}) and ${Math.round((here.time - prev.time) / 60_000)} min later from ${here.country} (${here.ip}): ${Math.round(distanceKm)} km at ${Math.round(speedKmh)} km/h`,
        evidence: {
          observed: { speedKmh: Math.round(speedKmh), distanceKm: Math.round(distanceKm), minutes: Math.round((here.time - prev.time) / 60_000) },
          expected: { maxSpeedKmh: params.maxSpeedKmh },
          baseline: { knownPairs: [...p.pairs].sort() },
          threshold: { maxSpeedKmh: params.maxSpeedKmh, minDistanceKm: params.minDistanceKm },
          score: Math.round((speedKmh / params.maxSpeedKmh) * 100) / 100,
          from: { time: iso(prev.time), ip: prev.ip, country: prev.country, ...(prev.city ? { city: prev.city } : {}) },
          to: { time: iso(here.time), ip: here.ip, country: here.country, ...(here.city ? { city: here.city } : {}) },
          approximateLocations: Boolean(prev.approximate || here.approximate),
          firstEventId: prev.eventId,
          lastEventId: here.eventId,
        },
      });
    }
    // Concurrent use seen during warm-up, and a pair once alerted, become known.
    if (params.learnPairs && ((!warm && speedKmh > params.maxSpeedKmh) || alerts.length > 0)) {
      p.pairs.push(pair);
      if (p.pairs.length > params.maxPairs) p.pairs.shift();
    }
    return alerts;
  },
  tick(state, now, params) {
    for (const [id, p] of state.principals) if (now - p.last.time > params.idleDays * DAY) state.principals.delete(id);
    return NO_ALERTS;
  },
  snapshot: (state) => ({ principals: [...state.principals] }),
  restore: (saved) => ({ principals: new Map((saved as { principals: [string, TravelState['principals'] extends Map<string, infer V> ? V : never][] }).principals) }),
  size: (state) => state.principals.size,
};

function samePlace(last: Position, g: GeoInfo): boolean {
  return last.lat === g.lat && last.lon === g.lon && last.country === g.country && last.city === (g.city || undefined) && last.approximate === (g.approximate || undefined);
}
