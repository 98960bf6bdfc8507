// Offline IP geolocation over MMDB files: the user's MaxMind GeoIP2/GeoLite2 databases
// (`--geoip-db`, City/Country and ASN), or by default the bundled CC0 country database from
// @ip-location-db/geo-whois-asn-country-mmdb. Country-only answers get the country's reference
// point as approximate coordinates.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { Reader, type Response } from 'maxmind';
import { countryPoint } from './country-points.js';
import type { GeoInfo, GeoLookup } from './types.js';

export const BUNDLED_DB = '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb';

interface MmdbRecord {
  country_code?: string;
  country?: { iso_code?: string };
  registered_country?: { iso_code?: string };
  city?: { names?: Record<string, string> };
  location?: { latitude?: number; longitude?: number };
  autonomous_system_number?: number;
  autonomous_system_organization?: string;
}

/** Merge the answers of several databases (e.g. a City and an ASN database). */
export class MmdbGeo implements GeoLookup {
  private readonly readers: Reader<Response>[];
  private readonly cache = new Map<string, GeoInfo | null>();

  constructor(
    buffers: Buffer[],
    readonly source: string,
    private readonly cacheSize = 50_000,
  ) {
    this.readers = buffers.map((b) => new Reader<Response>(b));
  }

  lookup(ip: string): GeoInfo | undefined {
    const cached = this.cache.get(ip);
    if (cached !== undefined) return cached ?? undefined;
    const info = isIP(ip) ? this.read(ip) : undefined;
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(ip, info ?? null);
    return info;
  }

  private read(ip: string): GeoInfo | undefined {
    const merged: Partial<GeoInfo> = {};
    for (const reader of this.readers) {
      const r = reader.get(ip) as MmdbRecord | null;
      if (!r) continue;
      const country = r.country_code ?? r.country?.iso_code ?? r.registered_country?.iso_code;
      if (country && !merged.country) merged.country = country.toUpperCase();
      const city = r.city?.names?.en;
      if (city && !merged.city) merged.city = city;
      if (r.location?.latitude !== undefined && r.location.longitude !== undefined && merged.lat === undefined) {
        merged.lat = r.location.latitude;
        merged.lon = r.location.longitude;
      }
      if (r.autonomous_system_number !== undefined && merged.asn === undefined) {
        merged.asn = r.autonomous_system_number;
        if (r.autonomous_system_organization) merged.asOrg = r.autonomous_system_organization;
      }
    }
    if (!merged.country) return merged.asn !== undefined ? { country: 'ZZ', ...merged } : undefined;
    if (merged.lat === undefined) {
      const point = countryPoint(merged.country);
      if (point) {
        merged.lat = point[0];
        merged.lon = point[1];
        merged.approximate = true;
      }
    }
    return merged as GeoInfo;
  }
}

/** Open the given MMDB files, or the bundled country database when none is given. */
export function openGeo(paths: readonly string[] = []): MmdbGeo {
  if (paths.length > 0) return new MmdbGeo(paths.map((p) => readFileSync(p)), paths.join(', '));
  const require = createRequire(import.meta.url);
  const bundled = require.resolve(BUNDLED_DB);
  return new MmdbGeo([readFileSync(bundled)], 'ip-location-db geo-whois-asn-country (CC0)');
}

/** A lookup over a fixed table (tests, simulations): exact IPs or IPv4 /8../32 CIDR prefixes. */
export class TableGeo implements GeoLookup {
  readonly source = 'table';
  constructor(private readonly table: Record<string, GeoInfo>) {}
  lookup(ip: string): GeoInfo | undefined {
    const exact = this.table[ip];
    if (exact) return exact;
    const parts = ip.split('.');
    for (let n = 3; n >= 1; n--) {
      const hit = this.table[`${parts.slice(0, n).join('.')}.`];
      if (hit) return hit;
    }
    return undefined;
  }
}
