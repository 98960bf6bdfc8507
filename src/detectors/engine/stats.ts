/** What the engine saw and did, for the run report ("no data" is reported apart from "no anomaly"). */
export interface DetectionStats {
  received: number;
  processed: number;
  duplicates: number;
  /** Already processed by an earlier run (idempotent re-scan). */
  alreadyProcessed: number;
  /** Arrived after the delivery window; processed at the current watermark. */
  late: number;
  /** Timestamps beyond the run's clock plus the allowed skew; clamped. */
  futureSkewed: number;
  /** Unusable events (no parseable time, id, principal or operation). */
  invalid: number;
  /** Missing fields by name (required ones make the event invalid; keyId and sourceIp do not). */
  missing: Record<string, number>;
  geolocated: number;
  notGeolocated: { service: number; internal: number; private: number; 'no-ip': number; unknown: number };
  /** Raw alerts and folded findings per rule id. */
  alerts: Record<string, number>;
  findings: Record<string, number>;
  /** Entities held per rule instance at the end. */
  entities: Record<string, number>;
  /** Largest number of events held in the reorder buffer. */
  reorderPeak: number;
}

export function emptyStats(): DetectionStats {
  return {
    received: 0,
    processed: 0,
    duplicates: 0,
    alreadyProcessed: 0,
    late: 0,
    futureSkewed: 0,
    invalid: 0,
    missing: {},
    geolocated: 0,
    notGeolocated: { service: 0, internal: 0, private: 0, 'no-ip': 0, unknown: 0 },
    alerts: {},
    findings: {},
    entities: {},
    reorderPeak: 0,
  };
}
