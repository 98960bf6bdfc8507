// The detector contract (design.md §2.4): a pure step function over events in event time. No I/O,
// no Date.now(); state is plain JSON so a snapshot is just the state without its params.
import type { Finding, KeyEvent, Severity } from '../core/model.js';
import type { GeoInfo } from '../geo/types.js';

/** An event as detectors see it: parsed time, geolocation (when the source is geolocatable). */
export interface DetectorEvent {
  event: KeyEvent;
  /** Event time in ms since the epoch. */
  time: number;
  geo?: GeoInfo;
  /** Why the event was not geolocated: 'service', 'private', 'internal', 'no-ip', 'unknown'. */
  geoSkip?: string;
  /** The event's log source key (`provider:account:region`, see resources.ts), when the engine has it. */
  source?: string;
}

/** Every finding explains itself with at least these fields. */
export interface Evidence extends Record<string, unknown> {
  observed: unknown;
  expected: unknown;
  baseline: unknown;
  threshold: unknown;
  score: number;
  firstEventId?: string;
  lastEventId?: string;
  /** A short series for the report's chart: [bucket start ISO, count]. */
  series?: [string, number][];
}

/** One raw alert; the engine folds alerts of one incident into one finding. */
export interface Alert {
  /** Entity the incident belongs to (alerts with the same key and close in time fold together). */
  foldKey: string;
  resource: Finding['resource'];
  principal?: string;
  /** Alert start and end (event time, ms). */
  start: number;
  end: number;
  message: string;
  evidence: Evidence;
  /** Overrides the rule's severity (e.g. a cross-account new principal). */
  severity?: Severity;
}

export interface Detector<P extends object, S extends object> {
  id: string;
  /** JSON Schema of the params (validated by the rule loader). */
  paramsSchema: object;
  defaults: P;
  init(params: P): S;
  observe(state: S, e: DetectorEvent, params: P): Alert[];
  /** Closes buckets that ended at or before `now`, applies decay and eviction. */
  tick(state: S, now: number, params: P): Alert[];
  snapshot(state: S): unknown;
  restore(saved: unknown, params: P): S;
  /** Number of entities held (for memory accounting). */
  size(state: S): number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDetector = Detector<any, any>;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The shared "no alerts" result: almost every observe() returns nothing, and a fresh `[]` per
 * detector per event is measurable garbage. Frozen, so a caller that tried to add to it would fail.
 */
export const NO_ALERTS: Alert[] = Object.freeze([]) as unknown as Alert[];
