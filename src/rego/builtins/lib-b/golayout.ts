// Go reference-time layouts ("2006-01-02T15:04:05Z07:00", "Mon Jan _2 15:04:05 2006", ".000",
// ".999999999", ...): the chunk scanner of Go's time/format.go, formatting, and parsing with
// Go's error texts (`parsing time "x" as "2006": cannot parse "x" as "2006"`).
import { DAYS, MONTHS, type Fields } from './civil.js';

type Std =
  | { k: 'lit' }
  | { k: 'LongMonth' | 'Month' | 'NumMonth' | 'ZeroMonth' | 'LongWeekDay' | 'WeekDay' | 'Day' | 'UnderDay' | 'ZeroDay' }
  | { k: 'UnderYearDay' | 'ZeroYearDay' | 'Hour' | 'Hour12' | 'ZeroHour12' | 'Minute' | 'ZeroMinute' | 'Second' | 'ZeroSecond' }
  | { k: 'LongYear' | 'Year' | 'PM' | 'pm' | 'TZ' }
  | { k: 'NumTZ' | 'NumShortTZ' | 'NumColonTZ' | 'NumSecondsTz' | 'NumColonSecondsTZ' }
  | { k: 'ISO8601TZ' | 'ISO8601ShortTZ' | 'ISO8601ColonTZ' | 'ISO8601SecondsTZ' | 'ISO8601ColonSecondsTZ' }
  | { k: 'Frac0' | 'Frac9'; digits: number; sep: string };

interface Chunk {
  prefix: string;
  std: Std;
  suffix: string;
}

const lowerStart = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

const ZERO_STD = ['ZeroMonth', 'ZeroDay', 'ZeroHour12', 'ZeroMinute', 'ZeroSecond', 'Year'] as const;
const TZ_FORMS: [string, Std['k']][] = [
  ['-070000', 'NumSecondsTz'],
  ['-07:00:00', 'NumColonSecondsTZ'],
  ['-0700', 'NumTZ'],
  ['-07:00', 'NumColonTZ'],
  ['-07', 'NumShortTZ'],
  ['Z070000', 'ISO8601SecondsTZ'],
  ['Z07:00:00', 'ISO8601ColonSecondsTZ'],
  ['Z0700', 'ISO8601TZ'],
  ['Z07:00', 'ISO8601ColonTZ'],
  ['Z07', 'ISO8601ShortTZ'],
];

/** Go's nextStdChunk. */
function nextChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number): Chunk => ({ prefix: layout.slice(0, i), std, suffix: layout.slice(i + len) });
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    switch (layout[i]) {
      case 'J':
        if (rest.startsWith('January')) return at(i, { k: 'LongMonth' }, 7);
        if (rest.startsWith('Jan') && !lowerStart(rest.slice(3))) return at(i, { k: 'Month' }, 3);
        break;
      case 'M':
        if (rest.startsWith('Monday')) return at(i, { k: 'LongWeekDay' }, 6);
        if (rest.startsWith('Mon') && !lowerStart(rest.slice(3))) return at(i, { k: 'WeekDay' }, 3);
        if (rest.startsWith('MST')) return at(i, { k: 'TZ' }, 3);
        break;
      case '0':
        if (rest.length >= 2 && rest[1]! >= '1' && rest[1]! <= '6') return at(i, { k: ZERO_STD[rest.charCodeAt(1) - 49]! }, 2);
        if (rest.startsWith('002')) return at(i, { k: 'ZeroYearDay' }, 3);
        break;
      case '1':
        if (rest[1] === '5') return at(i, { k: 'Hour' }, 2);
        return at(i, { k: 'NumMonth' }, 1);
      case '2':
        if (rest.startsWith('2006')) return at(i, { k: 'LongYear' }, 4);
        return at(i, { k: 'Day' }, 1);
      case '_':
        if (rest[1] === '2') {
          if (rest.startsWith('_2006')) return { prefix: layout.slice(0, i + 1), std: { k: 'LongYear' }, suffix: layout.slice(i + 5) };
          return at(i, { k: 'UnderDay' }, 2);
        }
        if (rest.startsWith('__2')) return at(i, { k: 'UnderYearDay' }, 3);
        break;
      case '3':
        return at(i, { k: 'Hour12' }, 1);
      case '4':
        return at(i, { k: 'Minute' }, 1);
      case '5':
        return at(i, { k: 'Second' }, 1);
      case 'P':
        if (rest[1] === 'M') return at(i, { k: 'PM' }, 2);
        break;
      case 'p':
        if (rest[1] === 'm') return at(i, { k: 'pm' }, 2);
        break;
      case '-':
      case 'Z':
        for (const [form, k] of TZ_FORMS) if (rest.startsWith(form)) return at(i, { k } as Std, form.length);
        break;
      case '.':
      case ',':
        if (rest[1] === '0' || rest[1] === '9') {
          let j = 1;
          while (j < rest.length && rest[j] === rest[1]) j++;
          if (!isDigitAt(rest, j)) return at(i, { k: rest[1] === '0' ? 'Frac0' : 'Frac9', digits: j - 1, sep: rest[0]! }, j);
        }
        break;
    }
  }
  return { prefix: layout, std: { k: 'lit' }, suffix: '' };
}

const pad = (n: number, width: number): string => (n < 0 ? '-' + String(-n).padStart(width, '0') : String(n).padStart(width, '0'));

export interface Instant {
  fields: Fields;
  nsec: number;
  offset: number; // seconds east of UTC
  abbr: string;
}

function formatNano(nsec: number, std: { k: 'Frac0' | 'Frac9'; digits: number; sep: string }): string {
  const trim = std.k === 'Frac9';
  if (trim && (std.digits === 0 || nsec === 0)) return '';
  let s = pad(nsec, 9).slice(0, Math.min(9, std.digits));
  if (trim) s = s.replace(/0+$/, '');
  return s === '' ? '' : std.sep + s;
}

function formatZone(std: Std['k'], offset: number): string {
  if (std.startsWith('ISO8601') && offset === 0) return 'Z';
  const zone = Math.trunc(offset / 60);
  const abs = Math.abs(offset);
  let s = (zone < 0 ? '-' : '+') + pad(Math.floor(Math.abs(zone) / 60), 2);
  const colon = std.includes('Colon');
  if (std !== 'NumShortTZ' && std !== 'ISO8601ShortTZ') s += (colon ? ':' : '') + pad(Math.abs(zone) % 60, 2);
  if (std.includes('Seconds')) s += (colon ? ':' : '') + pad(abs % 60, 2);
  return s;
}

/** time.Time.Format. */
export function formatLayout(t: Instant, layout: string): string {
  const f = t.fields;
  let out = '';
  while (layout !== '') {
    const { prefix, std, suffix } = nextChunk(layout);
    out += prefix;
    if (std.k === 'lit') break;
    layout = suffix;
    const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (std.k) {
      case 'Year':
        out += pad(((f.year % 100) + 100) % 100, 2);
        break;
      case 'LongYear':
        out += pad(f.year, 4);
        break;
      case 'Month':
        out += MONTHS[f.month - 1]!.slice(0, 3);
        break;
      case 'LongMonth':
        out += MONTHS[f.month - 1];
        break;
      case 'NumMonth':
        out += f.month;
        break;
      case 'ZeroMonth':
        out += pad(f.month, 2);
        break;
      case 'WeekDay':
        out += DAYS[f.weekday]!.slice(0, 3);
        break;
      case 'LongWeekDay':
        out += DAYS[f.weekday];
        break;
      case 'Day':
        out += f.day;
        break;
      case 'UnderDay':
        out += (f.day < 10 ? ' ' : '') + f.day;
        break;
      case 'ZeroDay':
        out += pad(f.day, 2);
        break;
      case 'UnderYearDay':
        out += String(f.yday).padStart(3, ' ');
        break;
      case 'ZeroYearDay':
        out += pad(f.yday, 3);
        break;
      case 'Hour':
        out += pad(f.hour, 2);
        break;
      case 'Hour12':
        out += hour12;
        break;
      case 'ZeroHour12':
        out += pad(hour12, 2);
        break;
      case 'Minute':
        out += f.min;
        break;
      case 'ZeroMinute':
        out += pad(f.min, 2);
        break;
      case 'Second':
        out += f.sec;
        break;
      case 'ZeroSecond':
        out += pad(f.sec, 2);
        break;
      case 'PM':
        out += f.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += f.hour >= 12 ? 'pm' : 'am';
        break;
      case 'TZ':
        if (t.abbr !== '') out += t.abbr;
        else {
          const zone = Math.trunc(t.offset / 60);
          out += (zone < 0 ? '-' : '+') + pad(Math.floor(Math.abs(zone) / 60), 2) + pad(Math.abs(zone) % 60, 2);
        }
        break;
      case 'Frac0':
      case 'Frac9':
        out += formatNano(t.nsec, std);
        break;
      default:
        out += formatZone(std.k, t.offset);
    }
  }
  return out;
}

/** Go's time.quote: ASCII kept (with \" and \\), everything else as \x.. bytes of its UTF-8. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) for (const b of Buffer.from(ch, 'utf8')) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += (ch === '"' || ch === '\\' ? '\\' : '') + ch;
  }
  return out + '"';
}

export { nextChunk };
export type { Std, Chunk };
