/** What a geolocation lookup knows about an address; fields absent when the database lacks them. */
export interface GeoInfo {
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  city?: string;
  lat?: number;
  lon?: number;
  asn?: number;
  asOrg?: string;
  /** True when lat/lon are the country's reference point, not the address's city. */
  approximate?: boolean;
}

export interface GeoLookup {
  lookup(ip: string): GeoInfo | undefined;
  /** Short description of the data source (for reports). */
  readonly source: string;
}
