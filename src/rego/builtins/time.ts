// time.* builtins (OPA v1/topdown/time.go): nanosecond timestamps (int64 range), IANA zones via
// Intl, Go reference-time layouts (lib-b/golayout.ts) and Go duration syntax.
import type { BuiltinContext, BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import { BigNum, type Value, isArray, isNumber, normalizeNumber } from '../value/index.js';
import { T, decl } from './lib-b/decl.js';
import { int, integerOf, str, typeErr } from './lib-b/operands.js';
import { DAYS, daysFromCivil, daysIn, fieldsOf } from './lib-b/civil.js';
import { type Zone, UTC, loadZone } from './lib-b/tz.js';
import { formatLayout } from './lib-b/golayout.js';
import { parseLayout } from './lib-b/golayout-parse.js';
import { parseDuration } from './lib-b/goduration.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const NS = 1000000000n;

/** Go's named layouts that OPA accepts by name. */
const LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
};

/** A Go time.Time: an instant (nanoseconds) in a zone. */
interface GoTime {
  ns: bigint;
  zone: Zone;
}

function nsValue(ns: bigint): Value {
  return normalizeNumber(new BigNum(ns, 0));
}

function safeNs(ns: bigint): Value {
  if (ns < INT64_MIN || ns > INT64_MAX) throw new BuiltinFailure('time outside of valid range');
  return nsValue(ns);
}

function split(ns: bigint): { sec: number; nsec: number } {
  let sec = ns / NS;
  let nsec = ns % NS;
  if (nsec < 0n) {
    nsec += NS;
    sec -= 1n;
  }
  return { sec: Number(sec), nsec: Number(nsec) };
}

function wall(t: GoTime) {
  const { sec, nsec } = split(t.ns);
  const { offset, abbr } = t.zone.lookup(sec);
  return { fields: fieldsOf(sec, offset), nsec, offset, abbr };
}

/** Go's tzTime: ns | [ns] | [ns, tz] | [ns, tz, layout]. */
function tzTime(v: Value): { t: GoTime; layout: string } {
  const expected = 'either number (ns) or [number (ns), string (tz)]';
  let n: Value;
  let zone = UTC;
  let layout = '';
  if (isArray(v)) {
    if (v.length === 0) throw typeErr(1, v, expected);
    n = v[0]!;
    if (!isNumber(n)) throw typeErr(1, n, 'number');
    if (v.length > 1) {
      const tz = v[1]!;
      if (typeof tz !== 'string') throw typeErr(1, tz, 'string');
      try {
        zone = loadZone(tz);
      } catch (e) {
        throw new BuiltinFailure((e as Error).message);
      }
    }
    if (v.length > 2) {
      const l = v[2]!;
      if (typeof l !== 'string') throw typeErr(1, l, 'string');
      layout = l;
    }
  } else if (isNumber(v)) n = v;
  else throw typeErr(1, v, expected);
  const i = integerOf(n);
  if (i === undefined || i < INT64_MIN || i > INT64_MAX) throw new BuiltinFailure('timestamp too big');
  return { t: { ns: i, zone }, layout };
}

/** Go's time.Date in a zone (local wall time to instant, two-step offset lookup). */
function goDate(y: number, mo: number, d: number, h: number, mi: number, s: number, nsec: number, zone: Zone): bigint {
  const unix = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  let { offset } = zone.lookup(unix);
  const second = zone.lookup(unix - offset).offset;
  if (second !== offset) offset = second;
  return BigInt(unix - offset) * NS + BigInt(nsec);
}

function parseNs(layout: string, value: string): Value {
  let p;
  try {
    p = parseLayout(layout, value);
  } catch (e) {
    throw new BuiltinFailure((e as Error).message);
  }
  const unix = daysFromCivil(p.year, p.month, p.day) * 86400 + p.hour * 3600 + p.min * 60 + p.sec - p.offset;
  return safeNs(BigInt(unix) * NS + BigInt(p.nsec));
}

function diff(args: Value[]): Value {
  const a = tzTime(args[0] ?? null).t;
  const b = tzTime(args[1] ?? null).t;
  let t1 = a;
  let t2: GoTime = { ns: b.ns, zone: a.zone };
  if (t1.ns > t2.ns) [t1, t2] = [t2, t1];
  const w1 = wall(t1).fields;
  const w2 = wall(t2).fields;
  let year = w2.year - w1.year;
  let month = w2.month - w1.month;
  let day = w2.day - w1.day;
  let hour = w2.hour - w1.hour;
  let min = w2.min - w1.min;
  let sec = w2.sec - w1.sec;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += daysIn(w1.month, w1.year);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

function addDate(args: Value[]): Value {
  const { t } = tzTime(args[0] ?? null);
  const years = int(args, 2);
  const months = int(args, 3);
  const days = int(args, 4);
  const w = wall(t);
  const f = w.fields;
  return safeNs(goDate(f.year + years, f.month + months, f.day + days, f.hour, f.min, f.sec, w.nsec, t.zone));
}

function nowNs(_args: Value[], ctx: BuiltinContext): Value {
  return nsValue(ctx.nowNs());
}

const N = T.num;
const S = T.str;
const timeArg = T.oneOf(N, T.arr(T.oneOf(N, S)));

export const timeBuiltins: BuiltinDecl[] = [
  decl('time.now_ns', 'time', [], N, nowNs, { nondeterministic: true }),
  decl('time.parse_ns', 'time', [['layout', S], ['value', S]], N, (a) => {
    const layout = str(a, 1);
    return parseNs(LAYOUTS[layout] ?? layout, str(a, 2));
  }),
  decl('time.parse_rfc3339_ns', 'time', [['value', S]], N, (a) => parseNs(LAYOUTS.RFC3339!, str(a, 1))),
  decl('time.parse_duration_ns', 'time', [['duration', S]], N, (a) => {
    try {
      return nsValue(parseDuration(str(a, 1)));
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('time: ')) throw new BuiltinFailure(e.message);
      throw e;
    }
  }),
  decl('time.format', 'time', [['x', T.oneOf(N, T.arr(T.oneOf(N, S)))]], S, (a) => {
    const { t, layout } = tzTime(a[0] ?? null);
    const l = layout === '' ? LAYOUTS.RFC3339Nano! : (LAYOUTS[layout] ?? layout);
    return formatLayout(wall(t), l);
  }),
  decl('time.date', 'time', [['ns', timeArg]], T.arr(N), (a) => {
    const f = wall(tzTime(a[0] ?? null).t).fields;
    return [f.year, f.month, f.day];
  }),
  decl('time.clock', 'time', [['ns', timeArg]], T.arr(N), (a) => {
    const f = wall(tzTime(a[0] ?? null).t).fields;
    return [f.hour, f.min, f.sec];
  }),
  decl('time.weekday', 'time', [['ns', timeArg]], S, (a) => DAYS[wall(tzTime(a[0] ?? null).t).fields.weekday]!),
  decl('time.add_date', 'time', [['ns', N], ['years', N], ['months', N], ['days', N]], N, addDate),
  decl('time.diff', 'time', [['ns1', timeArg], ['ns2', timeArg]], T.arr(N), diff),
];
