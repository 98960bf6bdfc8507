import { describe, expect, it } from 'vitest';
import { MmdbGeo, openGeo, TableGeo } from '../../../src/geo/lookup.js';
import { geolocatableIp } from '../../../src/geo/source.js';
import { areBordering } from '../../../src/geo/borders.js';
import { haversineKm } from '../../../src/geo/distance.js';
import { buildMmdb } from './mmdb-builder.js';
import type { KeyEvent } from '../../../src/core/model.js';

const event = (patch: Partial<KeyEvent>): KeyEvent => ({
  time: '2026-01-05T10:00:00Z',
  provider: 'aws',
  operation: { raw: 'Decrypt', class: 'decrypt', readOnly: true },
  principal: { id: 'arn:aws:iam::111111111111:role/app', type: 'role' },
  outcome: 'success',
  eventId: 'e1',
  ...patch,
});

describe('MMDB lookup', () => {
  const city = buildMmdb({
    '81.0.0.0/8': { country: { iso_code: 'GB' }, city: { names: { en: 'London' } }, location: { latitude: 51.5, longitude: -0.12 } },
    '5.6.7.0/24': { country_code: 'FR' },
  });
  const asn = buildMmdb({ '81.0.0.0/8': { autonomous_system_number: 20712, autonomous_system_organization: 'Andrews & Arnold' } }, 'Test-ASN');

  it('reads city, coordinates and ASN from MaxMind-shaped databases and merges them', () => {
    const geo = new MmdbGeo([city, asn], 'test');
    expect(geo.lookup('81.2.69.160')).toEqual({ country: 'GB', city: 'London', lat: 51.5, lon: -0.12, asn: 20712, asOrg: 'Andrews & Arnold' });
  });

  it('falls back to the country reference point for country-only records (ip-location-db shape)', () => {
    const geo = new MmdbGeo([city], 'test');
    expect(geo.lookup('5.6.7.8')).toMatchObject({ country: 'FR', approximate: true });
    expect(geo.lookup('5.6.7.8')!.lat).toBeCloseTo(48.9, 0);
    expect(geo.lookup('9.9.9.9')).toBeUndefined();
    expect(geo.lookup('not-an-ip')).toBeUndefined();
  });

  it('opens the bundled offline country database', () => {
    const geo = openGeo();
    expect(geo.lookup('8.8.8.8')?.country).toBe('US');
    expect(geo.lookup('2a00:1450:4001::1')?.country).toMatch(/^[A-Z]{2}$/);
  });

  it('table lookups match exact addresses and dotted prefixes', () => {
    const geo = new TableGeo({ '3.5.': { country: 'US' }, '1.2.3.4': { country: 'AU' } });
    expect(geo.lookup('3.5.9.9')?.country).toBe('US');
    expect(geo.lookup('1.2.3.4')?.country).toBe('AU');
    expect(geo.lookup('1.2.3.5')).toBeUndefined();
  });
});

describe('which calls are geolocated', () => {
  it.each([
    [{ sourceIp: '81.2.69.160' }, { ip: '81.2.69.160' }],
    [{ sourceIp: '10.1.2.3' }, { skip: 'private' }],
    [{ sourceIp: '172.20.0.1' }, { skip: 'private' }],
    [{ sourceIp: '192.168.1.1' }, { skip: 'private' }],
    [{ sourceIp: 'fd00::1' }, { skip: 'private' }],
    [{ sourceIp: 'AWS Internal' }, { skip: 'internal' }],
    [{ sourceIp: 'gce-internal-ip' }, { skip: 'internal' }],
    [{ sourceIp: 's3.amazonaws.com' }, { skip: 'service' }],
    [{ sourceIp: '81.2.69.160', viaService: 'ec2.amazonaws.com' }, { skip: 'service' }],
    [{}, { skip: 'no-ip' }],
  ])('%j -> %j', (patch, expected) => {
    expect(geolocatableIp(event(patch as Partial<KeyEvent>))).toEqual(expected);
  });
});

describe('geography helpers', () => {
  it('knows bordering countries in both directions', () => {
    expect(areBordering('FR', 'CH')).toBe(true);
    expect(areBordering('ch', 'fr')).toBe(true);
    expect(areBordering('GB', 'US')).toBe(false);
  });
  it('measures great-circle distances', () => {
    expect(haversineKm(51.5, -0.1, 40.7, -74.0)).toBeGreaterThan(5500);
    expect(haversineKm(51.5, -0.1, 40.7, -74.0)).toBeLessThan(5600);
  });
});
