// A deterministic generator of realistic KMS CloudTrail-like traffic (as normalised KeyEvents):
// diurnal and weekly seasonality, a nightly batch, slow growth, humans in office hours, a
// legitimate traveller, VPC (private) and AWS-service sources, two accounts and two regions, and
// optionally one injected anomaly of every kind with its label. Streams hour by hour, so 10M
// events never sit in memory.
import type { KeyEvent, OperationClass } from '../../core/model.js';
import { TableGeo } from '../../geo/lookup.js';
import { Random } from './random.js';
import { ACCOUNTS, GEO_TABLE, IPS, KEYS, ROLES } from './cast.js';
import { type Injection, plannedInjections } from './injections.js';

export interface TrafficOptions {
  seed: number;
  days: number;
  /** First day (a Monday, 00:00 UTC). */
  start?: string;
  /** Multiplies every steady rate (bench: more events, same entities). */
  scale?: number;
  /** Add the labelled anomalies (needs at least 27 days). */
  inject?: boolean;
  /** Deliver events up to 5 minutes out of order and duplicate 0.5 % of them. */
  disorder?: boolean;
}

export interface Traffic {
  injections: Injection[];
  geo: TableGeo;
  start: number;
  events(fromDay?: number, toDay?: number): Generator<KeyEvent>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Emit = (at: number, e: Omit<KeyEvent, 'time' | 'eventId' | 'provider' | 'outcome'> & { outcome?: KeyEvent['outcome'] }) => void;

/** Activity of a weekday hour, 0.3 at night up to 1 in the afternoon (UTC). */
function diurnal(h: number): number {
  return h >= 6 && h <= 22 ? 0.3 + 0.7 * Math.sin((Math.PI * (h - 6)) / 16) : 0.3;
}

function call(principal: string, type: KeyEvent['principal']['type'], account: string, keyId: string, raw: string, cls: OperationClass, ip: string) {
  return {
    account: keyId.split(':')[4] ?? account,
    region: keyId.split(':')[3] ?? 'us-east-1',
    keyId,
    operation: { raw, class: cls, readOnly: cls !== 'delete' && cls !== 'disable' && cls !== 'policy-change' },
    principal: { id: principal, type, account },
    sourceIp: ip,
  };
}

/** The steady population: what every hour looks like without incidents. */
function steadyHour(t: number, day: number, rng: Random, scale: number, emit: Emit): void {
  const d = new Date(t);
  const h = d.getUTCHours();
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const growth = 1 + 0.01 * day;
  const spread = (n: number, make: () => Parameters<Emit>[1]) => {
    for (let i = 0; i < n; i++) emit(t + rng.int(HOUR), make());
  };
  // Application role behind a NAT gateway (US) and from its VPC: Decrypt, diurnal, growing.
  spread(rng.poisson(120 * scale * diurnal(h) * (weekend ? 0.5 : 1) * growth), () =>
    call(ROLES.app, 'role', ACCOUNTS.prod, KEYS.app, 'Decrypt', 'decrypt', rng.next() < 0.7 ? IPS.usNat : IPS.vpcApp),
  );
  // Nightly batch 02:00-02:40 from the VPC: GenerateDataKey.
  if (h === 2) {
    const n = rng.poisson(1500 * scale);
    for (let i = 0; i < n; i++) emit(t + rng.int(40 * 60_000), call(ROLES.batch, 'role', ACCOUNTS.prod, KEYS.batch, 'GenerateDataKey', 'generate-data-key', IPS.vpcBatch));
  }
  // S3 decrypting on behalf of callers (service-originated: never geolocated).
  spread(rng.poisson(40 * scale), () => ({
    ...call(ROLES.uploader, 'role', ACCOUNTS.prod, KEYS.s3, rng.next() < 0.5 ? 'Decrypt' : 'GenerateDataKey', rng.next() < 0.5 ? 'decrypt' : 'generate-data-key', 's3.amazonaws.com'),
    viaService: 's3.amazonaws.com',
  }));
  // Cross-account analytics role (known from day one), weekdays.
  if (!weekend) spread(rng.poisson(5 * scale), () => call(ROLES.analytics, 'role', ACCOUNTS.data, KEYS.app, 'Decrypt', 'decrypt', IPS.usAnalytics));
  // EU workload in the data account.
  spread(rng.poisson(60 * scale * diurnal((h + 23) % 24)), () => call(ROLES.euApp, 'role', ACCOUNTS.data, KEYS.euData, 'Decrypt', 'decrypt', IPS.frApp));
  if (!weekend) {
    // Humans in office hours: alice in London, bob in the US.
    const op = (): [string, OperationClass] => rng.pick([['Encrypt', 'encrypt'], ['Decrypt', 'decrypt'], ['DescribeKey', 'describe']] as const);
    if (h >= 8 && h < 17) spread(rng.poisson(6), () => call(ROLES.alice, 'user', ACCOUNTS.prod, rng.pick([KEYS.app, KEYS.batch]), ...op(), IPS.gbAlice));
    if (h >= 13 && h < 22) spread(rng.poisson(5), () => call(ROLES.bob, 'user', ACCOUNTS.prod, KEYS.app, ...op(), IPS.usBob));
    // carol travels: three days in London, three in Washington, flights never faster than a plane.
    const inLondon = Math.floor(day / 3) % 2 === 0;
    if (inLondon ? h >= 9 && h < 17 : h >= 14 && h < 22) {
      spread(rng.poisson(4), () => call(ROLES.carol, 'user', ACCOUNTS.prod, KEYS.app, 'Decrypt', 'decrypt', inLondon ? IPS.gbCarol : IPS.usCarol));
    }
    // CI role describes keys during the working day and is denied now and then.
    if (h >= 10 && h < 16) spread(rng.poisson(2), () => ({ ...call(ROLES.ci, 'role', ACCOUNTS.prod, KEYS.app, 'DescribeKey', 'describe', IPS.usNat), ...(rng.next() < 0.05 ? { outcome: 'failure' as const, errorCode: 'AccessDeniedException' } : {}) }));
    // Reporting reads two keys at 10:00; the admin does small chores.
    if (h === 10) spread(rng.poisson(10), () => call(ROLES.reporting, 'role', ACCOUNTS.prod, rng.pick([KEYS.app, KEYS.euData]), 'Decrypt', 'decrypt', IPS.vpcApp));
    if (h === 11 && (day < 3 || rng.next() < 0.5)) emit(t + rng.int(HOUR), call(ROLES.admin, 'user', ACCOUNTS.prod, KEYS.app, 'EnableKeyRotation', 'rotate', IPS.usBob));
  }
}

export function simulateTraffic(options: TrafficOptions): Traffic {
  const start = Date.parse(options.start ?? '2026-01-05T00:00:00Z');
  const scale = options.scale ?? 1;
  const injections = options.inject ? plannedInjections(start) : [];
  if (options.inject && options.days < 27) throw new Error('injected anomalies need at least 27 days of traffic');
  return {
    injections,
    geo: new TableGeo(GEO_TABLE),
    start,
    *events(fromDay = 0, toDay = options.days) {
      for (let day = fromDay; day < toDay; day++) {
        for (let h = 0; h < 24; h++) {
          let counter = 0;
          const t = start + day * DAY + h * HOUR;
          const rng = new Random((options.seed * 1_000_003 + day * 24 + h) >>> 0);
          const hour: KeyEvent[] = [];
          const emit: Emit = (at, e) => {
            hour.push({ ...e, time: new Date(at).toISOString(), provider: 'aws', outcome: e.outcome ?? 'success', eventId: `${options.seed}-${day}-${h}-${counter++}` });
          };
          steadyHour(t, day, rng, scale, emit);
          for (const inj of injections) if (inj.start < t + HOUR && inj.end >= t) inj.emit(t, rng, emit);
          const kept = hour.filter((e) => !injections.some((inj) => inj.drops?.(e)));
          yield* deliver(kept, rng, options.disorder ?? false);
        }
      }
    },
  };
}

function* deliver(events: KeyEvent[], rng: Random, disorder: boolean): Generator<KeyEvent> {
  if (!disorder) {
    events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    yield* events;
    return;
  }
  // Delivery order = event time plus up to 5 minutes of delay; some events delivered twice.
  const delayed = events.map((e) => ({ e, at: Date.parse(e.time) + rng.int(5 * 60_000) }));
  delayed.sort((a, b) => a.at - b.at);
  for (const { e } of delayed) {
    yield e;
    if (rng.next() < 0.005) yield { ...e };
  }
}

export type { Injection };
