// Read-only by construction: every HTTP request keywarden sends to Google Cloud (KMS and Resource
// Manager through their SDK clients, Cloud Logging directly) passes through `assertReadOnlyRequest`
// in the transport (./transport.ts) before any byte leaves the process. A request is allowed only if
// its method and path match an explicit list of read RPCs of that service; everything else, including
// cryptographic calls (:encrypt, :decrypt, :asymmetricSign, ...), getPublicKey, setIamPolicy, PATCH
// and DELETE, is refused with ReadOnlyViolation.
import type { GcpService } from './endpoints.js';

const SEG = '[^/:?#]+';
const PROJECT = `projects/${SEG}`;
const LOCATION = `${PROJECT}/locations/${SEG}`;
const RING = `${LOCATION}/keyRings/${SEG}`;
const KEY = `${RING}/cryptoKeys/${SEG}`;

interface ReadRpc {
  /** RPC name, for messages and docs. */
  rpc: string;
  method: 'GET' | 'POST';
  path: RegExp;
}

const rpc = (name: string, method: 'GET' | 'POST', path: string): ReadRpc => ({ rpc: name, method, path: new RegExp(`^/${path}$`) });

/**
 * The read RPCs keywarden may call, per service, as their REST mappings. getIamPolicy and
 * entries:list are POSTs that read (the body carries options or the query), nothing else is.
 */
export const READ_ONLY_RPCS: Readonly<Record<GcpService, readonly ReadRpc[]>> = {
  kms: [
    rpc('ListLocations', 'GET', `v1/${PROJECT}/locations`),
    rpc('ListKeyRings', 'GET', `v1/${LOCATION}/keyRings`),
    rpc('GetKeyRing', 'GET', `v1/${RING}`),
    rpc('ListCryptoKeys', 'GET', `v1/${RING}/cryptoKeys`),
    rpc('GetCryptoKey', 'GET', `v1/${KEY}`),
    rpc('ListCryptoKeyVersions', 'GET', `v1/${KEY}/cryptoKeyVersions`),
    rpc('GetIamPolicy (key ring)', 'POST', `v1/${RING}:getIamPolicy`),
    rpc('GetIamPolicy (crypto key)', 'POST', `v1/${KEY}:getIamPolicy`),
  ],
  resourcemanager: [rpc('GetProject', 'GET', `v3/${PROJECT}`), rpc('GetIamPolicy (project)', 'POST', `v3/${PROJECT}:getIamPolicy`)],
  logging: [rpc('ListLogEntries', 'POST', 'v2/entries:list')],
};

export class ReadOnlyViolation extends Error {
  override readonly name = 'ReadOnlyViolation';
  constructor(
    readonly service: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`keywarden is read-only: ${method} ${path} is not an allowed ${service} read request`);
  }
}

/** The allowed read RPC the request is, or throws ReadOnlyViolation. Only the path counts, not the query. */
export function assertReadOnlyRequest(service: GcpService, method: string, url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  const m = method.toUpperCase();
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    throw new ReadOnlyViolation(service, m, u.pathname);
  }
  // A decoded path must not climb out of its segments (`..`), nor carry a second path in a segment.
  if (path.split('/').some((s) => s === '..' || s === '.')) throw new ReadOnlyViolation(service, m, path);
  const hit = READ_ONLY_RPCS[service].find((r) => r.method === m && r.path.test(path));
  if (hit === undefined) throw new ReadOnlyViolation(service, m, path);
  return hit.rpc;
}
