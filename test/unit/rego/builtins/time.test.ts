import { describe, expect, it } from 'vitest';
import { timeBuiltins } from '../../../../src/rego/builtins/time.js';
import type { BuiltinContext } from '../../../../src/rego/builtins/types.js';
import { BigNum, type Value, toJS } from '../../../../src/rego/value/index.js';

const ctx = { nowNs: () => 1670006453141828752n } as unknown as BuiltinContext;
const call = (name: string, ...args: Value[]): unknown => {
  const d = timeBuiltins.find((b) => b.name === name);
  if (!d) throw new Error(name);
  const v = d.impl(args, ctx);
  return v === undefined ? undefined : toJS(v);
};
const big = (n: bigint): Value => new BigNum(n, 0);
const parse = (layout: string, value: string) => call('time.parse_ns', layout, value);

describe('time.parse_ns / parse_rfc3339_ns (conformance cases)', () => {
  it.each([
    ['2006-01-02T15:04:05Z07:00', '2017-06-02T19:00:00-07:00', 1496455200000000000n],
    ['2006-01-02T15:04:05Z07:00', '1677-09-21T00:12:43.145224192-00:00', -9223372036854775808n],
    ['2006-01-02T15:04:05Z07:00', '2262-04-11T23:47:16.854775807-00:00', 9223372036854775807n],
    ["01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700", 1496455200000000000n],
    ['02 Jan 06 15:04 -0700', '02 Jun 17 19:00 -0700', 1496455200000000000n],
    ['RFC822Z', '02 Jun 17 19:00 -0700', 1496455200000000000n],
    ['2006-01-02', '2020-02-02', 1580601600000000000n],
    ['Mon Jan _2 15:04:05 2006', 'Tue Feb  4 10:00:00 2020', 1580810400000000000n],
    ['2006-002', '2020-060', 1582934400000000000n],
    ['2006-01-02 15:04:05.000', '2020-01-01 00:00:00.123', 1577836800123000000n],
    ['2006-01-02T15:04:05Z07:00', '2020-01-01T00:00:00.5Z', 1577836800500000000n],
    ['Jan 2, 2006 at 3:04pm (MST)', 'Feb 3, 2013 at 7:54pm (PST)', 1359921240000000000n],
  ])('parse_ns(%j, %j)', (layout, value, want) => {
    expect(parse(layout, value)).toBe(want);
  });

  it('rejects out of range instants and bad values with Go texts', () => {
    expect(() => parse('2006-01-02T15:04:05Z07:00', '1677-09-21T00:12:43.145224191-00:00')).toThrow('time outside of valid range');
    expect(() => parse('2006-01-02T15:04:05Z07:00', '2262-04-11T23:47:16.854775808-00:00')).toThrow('time outside of valid range');
    expect(() => call('time.parse_rfc3339_ns', '2262-04-11T23:47:16.854775808-00:00')).toThrow('time outside of valid range');
    expect(() => parse('2006-01-02', 'x')).toThrow('parsing time "x" as "2006-01-02": cannot parse "x" as "2006"');
    expect(() => parse('2006-01-02', '2020-13-01')).toThrow('parsing time "2020-13-01": month out of range');
    expect(() => parse('2006-01-02', '2021-02-29')).toThrow('parsing time "2021-02-29": day out of range');
    expect(() => parse('2006-01-02', '2020-01-01x')).toThrow('parsing time "2020-01-01x": extra text: "x"');
    expect(call('time.parse_rfc3339_ns', '1970-01-01T00:00:00-00:00')).toBe(0);
  });
});

describe('time.parse_duration_ns', () => {
  it.each([
    ['100ms', 100000000],
    ['1h30m', 5400000000000],
    ['-1.5h', -5400000000000],
    ['0', 0],
    ['1µs', 1000],
    ['.5s', 500000000],
  ] as const)('%s', (s, want) => {
    expect(call('time.parse_duration_ns', s)).toBe(want);
  });
  it('errors', () => {
    expect(() => call('time.parse_duration_ns', '1')).toThrow('time: missing unit in duration "1"');
    expect(() => call('time.parse_duration_ns', '1d')).toThrow('time: unknown unit "d" in duration "1d"');
    expect(() => call('time.parse_duration_ns', 'x')).toThrow('time: invalid duration "x"');
  });
});

describe('time.date / clock / weekday / add_date / diff / format', () => {
  it('date and clock, with zones', () => {
    expect(call('time.date', big(1517814000000000000n))).toEqual([2018, 2, 5]);
    expect(call('time.date', [big(1517814000000000000n), 'America/Los_Angeles'])).toEqual([2018, 2, 4]);
    expect(call('time.date', [big(1517832000000000000n), ''])).toEqual([2018, 2, 5]);
    expect(call('time.date', big(1582977600000000000n))).toEqual([2020, 2, 29]);
    expect(call('time.clock', big(1517832000000000000n))).toEqual([12, 0, 0]);
    expect(call('time.clock', [big(1517832000000000000n), 'America/New_York'])).toEqual([7, 0, 0]);
    expect(() => call('time.date', big(1582977600000000000000n))).toThrow('timestamp too big');
    expect(() => call('time.date', [big(1n), 'Mars/Olympus'])).toThrow('unknown time zone Mars/Olympus');
  });

  it('weekday', () => {
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    days.forEach((d, i) => expect(call('time.weekday', big(1517832000000000000n + BigInt(i) * 86400000000000n))).toBe(d));
  });

  it('add_date', () => {
    expect(call('time.add_date', big(1585852421593912000n), 3, 9, 12)).toBe(1705257221593912000n);
    expect(call('time.add_date', big(1585852421593912000n), -1, -1, -1)).toBe(1551465221593912000n);
    expect(() => call('time.add_date', 0, 2262, 1, 1)).toThrow('time outside of valid range');
    expect(() => call('time.add_date', big(-9223372036854775808n), 0, 0, -1)).toThrow('time outside of valid range');
  });

  it('diff', () => {
    const now = 1670006453141828752n;
    const p = (s: string) => big(BigInt(call('time.parse_ns', '2006-01-02', s) as bigint));
    expect(call('time.diff', big(now + 61000000000n), big(now))).toEqual([0, 0, 0, 0, 1, 1]);
    expect(call('time.diff', [big(now + 60000000000n), 'UTC'], [big(now), 'Asia/Shanghai'])).toEqual([0, 0, 0, 0, 1, 0]);
    expect(call('time.diff', p('2020-02-02'), p('2020-03-01'))).toEqual([0, 0, 28, 0, 0, 0]);
    expect(call('time.diff', p('2021-02-02'), p('2021-03-01'))).toEqual([0, 0, 27, 0, 0, 0]);
    expect(call('time.diff', p('2004-02-29'), p('2005-03-01'))).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it('format', () => {
    const t = big(1670006453141828752n);
    expect(call('time.format', t)).toBe('2022-12-02T18:40:53.141828752Z');
    expect(call('time.format', [t, 'Asia/Kolkata'])).toBe('2022-12-03T00:10:53.141828752+05:30');
    expect(call('time.format', [t, 'Asia/Kolkata', 'Mon Jan 02 15:04:05 -0700 2006'])).toBe('Sat Dec 03 00:10:53 +0530 2022');
    expect(call('time.format', [t, 'Asia/Kolkata', 'RFC1123Z'])).toBe('Sat, 03 Dec 2022 00:10:53 +0530');
    expect(call('time.format', [t, 'UTC', 'Monday January _2 3:04:05.000 PM 2006 MST'])).toBe('Friday December  2 6:40:53.141 PM 2022 UTC');
    expect(call('time.format', [t, 'America/New_York', 'RFC1123'])).toBe('Fri, 02 Dec 2022 13:40:53 EST');
    expect(call('time.format', [big(1670006453000000000n), 'UTC', '15:04:05.999'])).toBe('18:40:53');
    expect(call('time.format', [t, 'UTC', '2006-002 __2'])).toBe('2022-336 336');
    expect(() => call('time.format', big(15829776000000000000000n))).toThrow('timestamp too big');
  });

  it('now_ns comes from the injected clock', () => {
    expect(call('time.now_ns')).toBe(1670006453141828752n);
  });
});

describe('Go layouts round trip (format then parse gives the same instant)', () => {
  // [layout, keeps sub-second digits, keeps offset seconds (LMT before 1900), keeps offset minutes]
  const layouts: [string, boolean, boolean, boolean][] = [
    ['RFC3339Nano', true, false, true],
    ['RFC1123Z', false, false, true],
    ['RubyDate', false, false, true],
    ['2006-01-02T15:04:05.000000000-07:00', true, false, true],
    ['Mon, 02 Jan 2006 15:04:05.999999999 -070000', true, true, true],
    ['2006-002 15:04:05.000000000 Z07:00:00', true, true, true],
    ['January _2 2006 3:04:05.000000000 PM -07', true, false, false],
  ];
  // a deterministic spread of instants across the int64 range, in several zones
  const instants = Array.from({ length: 40 }, (_, i) => -9000000000000000000n + BigInt(i) * 461234567891234567n);
  const year1950 = -631152000000000000n; // some zones kept offsets with seconds until the 1940s
  const zones = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns'];
  it.each(layouts)('%s', (layout, nanos, offsetSeconds, offsetMinutes) => {
    for (const ns of instants)
      for (const tz of zones) {
        if (!offsetSeconds && ns < year1950 && tz !== 'UTC') continue;
        if (!offsetMinutes && tz !== 'UTC' && tz !== 'America/Los_Angeles') continue;
        const text = call('time.format', [big(ns), tz, layout]) as string;
        const back = call('time.parse_ns', layout, text);
        const want = nanos ? ns : ns - (((ns % 1000000000n) + 1000000000n) % 1000000000n);
        expect(BigInt(back as number | bigint), `${layout} ${tz} ${text}`).toBe(want);
      }
  });
});
