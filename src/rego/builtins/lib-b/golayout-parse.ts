// time.Parse(layout, value) with Go's rules and error texts (see golayout.ts for the layout scanner).
import { DAYS, MONTHS, daysIn, isLeap } from './civil.js';
import { type Std, nextChunk, timeQuote } from './golayout.js';

export interface ParsedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  /** Seconds east of UTC; 0 when the value named no zone (Go then uses UTC). */
  offset: number;
}

class Bad extends Error {}
const BAD = new Bad();

const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigit(s, 0)) throw BAD;
  if (!isDigit(s, 1)) {
    if (fixed) throw BAD;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + s.charCodeAt(1) - 48, s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigit(s, i); i++) n = n * 10 + s.charCodeAt(i) - 48;
  if (i === 0 || (fixed && i !== 3)) throw BAD;
  return [n, s.slice(i)];
}

function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw BAD;
  return Number(s);
}

function lookup(names: string[], val: string): [number, string] {
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (val.length >= n.length && val.slice(0, n.length).toLowerCase() === n.toLowerCase()) return [i, val.slice(n.length)];
  }
  throw BAD;
}

function cutspace(s: string): string {
  return s.replace(/^ +/, '');
}

function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') throw new SkipError(value);
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw new SkipError(value);
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

class SkipError extends Error {
  constructor(readonly rest: string) {
    super('skip');
  }
}

function parseNanoseconds(value: string, nbytes: number): number {
  if (value[0] !== '.' && value[0] !== ',') throw BAD;
  if (nbytes > 10) nbytes = 10;
  const digits = value.slice(1, nbytes);
  if (!/^\d+$/.test(digits)) throw BAD;
  return Number(digits) * 10 ** (10 - nbytes);
}

/** Length of a time-zone abbreviation at the start of value (Go's parseTimeZone), or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + signedOffsetLength(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return signedOffsetLength(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n]! >= 'A' && value[n]! <= 'Z') n++;
  if (n === 3) return 3;
  if (n === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  if (n === 5 && value[4] === 'T') return 5;
  return 0;
}

function signedOffsetLength(value: string): number {
  const m = /^[+-](\d+)/.exec(value);
  if (!m || Number(m[1]) > 12) return 0;
  return m[0].length;
}

const ZONE_KINDS = new Set(['NumTZ', 'NumShortTZ', 'NumColonTZ', 'NumSecondsTz', 'NumColonSecondsTZ']);

function parseOffset(std: Std['k'], value: string): [number, string, string] {
  let mm = '00';
  let ss = '00';
  const colon = std === 'ISO8601ColonTZ' || std === 'NumColonTZ';
  const short = std === 'NumShortTZ' || std === 'ISO8601ShortTZ';
  const colonSeconds = std === 'ISO8601ColonSecondsTZ' || std === 'NumColonSecondsTZ';
  const seconds = std === 'ISO8601SecondsTZ' || std === 'NumSecondsTz';
  const need = colon ? 6 : short ? 3 : colonSeconds ? 9 : seconds ? 7 : 5;
  if (value.length < need) throw BAD;
  const sign = value[0]!;
  const hh = value.slice(1, 3);
  if (colon) {
    if (value[3] !== ':') throw BAD;
    mm = value.slice(4, 6);
  } else if (colonSeconds) {
    if (value[3] !== ':' || value[6] !== ':') throw BAD;
    mm = value.slice(4, 6);
    ss = value.slice(7, 9);
  } else if (seconds) {
    mm = value.slice(3, 5);
    ss = value.slice(5, 7);
  } else if (!short) mm = value.slice(3, 5);
  const [hr] = getnum(hh, true);
  const [mi] = getnum(mm, true);
  const [se] = getnum(ss, true);
  let range = '';
  if (hr > 24) range = 'time zone offset hour';
  if (mi > 60) range = 'time zone offset minute';
  if (se > 60) range = 'time zone offset second';
  let offset = (hr * 60 + mi) * 60 + se;
  if (sign === '-') offset = -offset;
  else if (sign !== '+') throw BAD;
  return [offset, value.slice(need), range];
}

/** time.Parse: throws an Error with Go's message. */
export function parseLayout(layout: string, value: string): ParsedTime {
  const alayout = layout;
  const avalue = value;
  const fail = (layoutElem: string, valueElem: string, message = ''): never => {
    if (message) throw new Error(`parsing time ${timeQuote(avalue)}${message}`);
    throw new Error(`parsing time ${timeQuote(avalue)} as ${timeQuote(alayout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`);
  };
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let offset: number | undefined;
  let pmSet = false;
  let amSet = false;
  for (;;) {
    const { prefix, std, suffix } = nextChunk(layout);
    const stdstr = layout.slice(prefix.length, layout.length - suffix.length);
    try {
      value = skip(value, prefix);
    } catch (e) {
      fail(prefix, (e as SkipError).rest);
    }
    if (std.k === 'lit') {
      if (value.length !== 0) fail('', value, `: extra text: ${timeQuote(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    let range = '';
    try {
      switch (std.k) {
        case 'Year': {
          if (value.length < 2) throw BAD;
          year = atoi(value.slice(0, 2));
          value = value.slice(2);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case 'LongYear':
          if (value.length < 4 || !isDigit(value, 0)) throw BAD;
          year = atoi(value.slice(0, 4));
          value = value.slice(4);
          break;
        case 'Month':
          [month, value] = lookup(MONTHS.map((m) => m.slice(0, 3)), value);
          month++;
          break;
        case 'LongMonth':
          [month, value] = lookup(MONTHS, value);
          month++;
          break;
        case 'NumMonth':
        case 'ZeroMonth':
          [month, value] = getnum(value, std.k === 'ZeroMonth');
          if (month <= 0 || month > 12) range = 'month';
          break;
        case 'WeekDay':
          [, value] = lookup(DAYS.map((d) => d.slice(0, 3)), value);
          break;
        case 'LongWeekDay':
          [, value] = lookup(DAYS, value);
          break;
        case 'Day':
        case 'UnderDay':
        case 'ZeroDay':
          if (std.k === 'UnderDay' && value[0] === ' ') value = value.slice(1);
          [day, value] = getnum(value, std.k === 'ZeroDay');
          break;
        case 'UnderYearDay':
        case 'ZeroYearDay':
          for (let i = 0; i < 2; i++) if (std.k === 'UnderYearDay' && value[0] === ' ') value = value.slice(1);
          [yday, value] = getnum3(value, std.k === 'ZeroYearDay');
          break;
        case 'Hour':
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) range = 'hour';
          break;
        case 'Hour12':
        case 'ZeroHour12':
          [hour, value] = getnum(value, std.k === 'ZeroHour12');
          if (hour < 0 || hour > 12) range = 'hour';
          break;
        case 'Minute':
        case 'ZeroMinute':
          [min, value] = getnum(value, std.k === 'ZeroMinute');
          if (min < 0 || min >= 60) range = 'minute';
          break;
        case 'Second':
        case 'ZeroSecond': {
          [sec, value] = getnum(value, std.k === 'ZeroSecond');
          if (sec < 0 || sec >= 60) {
            range = 'second';
            break;
          }
          // a fractional second in the value that the layout does not spell out
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigit(value, 1)) {
            const next = nextChunk(layout).std.k;
            if (next === 'Frac0' || next === 'Frac9') break;
            let n = 2;
            while (n < value.length && isDigit(value, n)) n++;
            nsec = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case 'PM':
        case 'pm': {
          if (value.length < 2) throw BAD;
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [pm, am] = std.k === 'PM' ? ['PM', 'AM'] : ['pm', 'am'];
          if (p === pm) pmSet = true;
          else if (p === am) amSet = true;
          else throw BAD;
          break;
        }
        case 'TZ': {
          if (value.startsWith('UTC')) {
            offset = 0;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw BAD;
          const name = value.slice(0, n);
          value = value.slice(n);
          // known abbreviations are not resolved (Go uses the host's Local zone); GMT+h is
          offset = name.length > 3 && name.startsWith('GMT') ? Number(name.slice(3)) * 3600 : 0;
          break;
        }
        case 'Frac0': {
          const ndigit = 1 + std.digits;
          if (value.length < ndigit) throw BAD;
          nsec = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case 'Frac9': {
          if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigit(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigit(value, i + 1)) i++;
          nsec = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
        default: {
          if (std.k.startsWith('ISO8601') && value[0] === 'Z') {
            value = value.slice(1);
            offset = 0;
            break;
          }
          if (!std.k.startsWith('ISO8601') && !ZONE_KINDS.has(std.k)) throw BAD;
          let off: number;
          [off, value, range] = parseOffset(std.k, value);
          offset = off;
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      fail(stdstr, hold);
    }
    if (range) fail(stdstr, value, `: ${range} out of range`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) fail('', value, ': day-of-year out of range');
    if (m === 0) {
      const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
      m = Math.floor((yday - 1) / 31) + 1;
      if (before[m]! < yday) m++;
      d = yday - before[m - 1]!;
    }
    if (month >= 0 && month !== m) fail('', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) fail('', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) fail('', value, ': day out of range');
  return { year, month, day, hour, min, sec, nsec, offset: offset ?? 0 };
}
