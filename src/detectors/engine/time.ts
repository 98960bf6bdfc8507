// Event time parsing. Nearly every log timestamp is canonical UTC ISO 8601
// (`2024-05-01T12:34:56Z` or with `.123` milliseconds), and consecutive events share their day.
// The day (`YYYY-MM-DDT`) is parsed once with Date.parse and remembered; the time of day is read
// digit by digit, which is several times cheaper than Date.parse. Anything else (offsets, other
// fractions, out-of-range fields) goes to Date.parse, so results are always identical.

const ZERO = 48;
const DAY_PREFIX = 11;

/** The last day prefix seen and its midnight (NaN when Date.parse rejects that day). */
let cachedDay = '\u0000';
let cachedMidnight = NaN;

/** Milliseconds since the epoch, or NaN when the text is not a date (same as Date.parse). */
export function parseEventTime(text: string): number {
  const n = text.length;
  if ((n !== 20 && n !== 24) || text.charCodeAt(n - 1) !== 90 /* Z */) return Date.parse(text);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Date.parse(text);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let ms = 0;
  if (n === 24) {
    if (text.charCodeAt(19) !== 46 /* . */) return Date.parse(text);
    ms = digits(text, 20, 3);
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Date.parse(text);
  const midnight = midnightOf(text);
  if (Number.isNaN(midnight)) return Date.parse(text);
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Midnight (UTC) of the text's `YYYY-MM-DDT` prefix, or NaN when it is not a plain ISO day. */
function midnightOf(text: string): number {
  if (!text.startsWith(cachedDay)) {
    const day = text.slice(0, DAY_PREFIX);
    let midnight = NaN;
    // Only a plain four-digit-year date: Date.parse of midnight then differs from Date.parse of
    // the full text by exactly the time of day (V8 rolls impossible days over the same way).
    if (day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45 && day.charCodeAt(10) === 84 && digits(day, 0, 4) >= 0 && digits(day, 5, 2) >= 0 && digits(day, 8, 2) >= 0) {
      midnight = Date.parse(`${day}00:00:00Z`);
    }
    cachedDay = day;
    cachedMidnight = midnight;
  }
  return cachedMidnight;
}

/** The decimal number in text[at, at+count), or -1 if any character is not a digit. */
function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
