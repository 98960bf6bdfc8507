// Time-zone offsets and abbreviations from the IANA database that Node's Intl carries.

export interface Zone {
  name: string;
  /** Offset (seconds east of UTC) and abbreviation in effect at a Unix second. */
  lookup(unixSec: number): { offset: number; abbr: string };
}

export const UTC: Zone = { name: 'UTC', lookup: () => ({ offset: 0, abbr: 'UTC' }) };

export function fixedZone(offset: number, abbr = ''): Zone {
  return { name: abbr, lookup: () => ({ offset, abbr }) };
}

const zones = new Map<string, Zone>();

/** time.LoadLocation; throws Go's "unknown time zone X". */
export function loadZone(name: string): Zone {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return loadZone(new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
  const hit = zones.get(name);
  if (hit) return hit;
  let fields: Intl.DateTimeFormat;
  let names: Intl.DateTimeFormat;
  try {
    const common = { timeZone: name, hourCycle: 'h23' as const };
    fields = new Intl.DateTimeFormat('en-US', {
      ...common,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    names = new Intl.DateTimeFormat('en-US', { ...common, timeZoneName: 'short' });
  } catch {
    throw new Error(`unknown time zone ${name}`);
  }
  const zone: Zone = {
    name,
    lookup(unixSec: number) {
      const ms = unixSec * 1000;
      const p: Record<string, string> = {};
      for (const part of fields.formatToParts(ms)) p[part.type] = part.value;
      let year = Number(p.year);
      if (p.era === 'BC' || p.era === 'B') year = 1 - year;
      const wall = Date.UTC(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
      // Date.UTC maps years 0..99 to 1900..1999
      const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
      const offset = Math.round((fixed - ms) / 1000);
      const tzName = names.formatToParts(ms).find((x) => x.type === 'timeZoneName')?.value ?? '';
      return { offset, abbr: abbreviation(tzName, offset) };
    },
  };
  zones.set(name, zone);
  return zone;
}

/** Intl's "GMT+5:30" style names become tzdata's numeric style ("+0530", "-03"). */
function abbreviation(intlName: string, offset: number): string {
  if (!/^GMT[+-]/.test(intlName) && intlName !== 'GMT') return intlName;
  if (offset === 0) return intlName === 'GMT' ? 'GMT' : 'UTC';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = String(Math.floor(abs / 3600)).padStart(2, '0');
  const m = Math.floor((abs % 3600) / 60);
  return sign + h + (m ? String(m).padStart(2, '0') : '');
}
