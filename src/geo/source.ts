// Which calls can be geolocated. Service-originated calls (invokedBy, `*.amazonaws.com`,
// "AWS Internal"), private and internal addresses carry no geography and must never feed the
// geography or travel detectors.
import { isIP } from 'node:net';
import type { KeyEvent } from '../core/model.js';

export type GeoSkip = 'service' | 'internal' | 'private' | 'no-ip';

/** The public IP to geolocate, or why there is none. */
export function geolocatableIp(ev: KeyEvent): { ip: string } | { skip: GeoSkip } {
  if (ev.viaService) return { skip: 'service' };
  const raw = ev.sourceIp?.trim();
  if (!raw) return { skip: 'no-ip' };
  const kind = isIP(raw);
  if (kind === 0) {
    // Hostnames (s3.amazonaws.com, cloudkms.googleapis.com) are services; other words are internal.
    return /\.(amazonaws\.com|googleapis\.com|azure\.com|windows\.net)$/i.test(raw) ? { skip: 'service' } : { skip: 'internal' };
  }
  if (kind === 4 ? isPrivateV4(raw) : isPrivateV6(raw)) return { skip: 'private' };
  return { ip: raw };
}

export function isPrivateV4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a >= 224
  );
}

export function isPrivateV6(ip: string): boolean {
  const s = ip.toLowerCase();
  if (s === '::1' || s === '::') return true;
  if (s.startsWith('::ffff:')) return isIP(s.slice(7)) === 4 ? isPrivateV4(s.slice(7)) : true;
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(s);
}
