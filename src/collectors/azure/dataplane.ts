// Data plane of one vault or Managed HSM: list keys (paged by nextLink), then per key, under a bounded
// pool: getKey (kty, key_ops, n / crv, exportable), the rotation policy and the versions. A vault the
// scanner cannot reach (firewall 403 ForbiddenByFirewall, private endpoint or DNS, missing data-plane
// role) is one gap; its keys come from ARM instead (arm-keys.ts) with the data-plane fields unknown.
// Per-key failures mark that key's fields unknown and are summed into one gap per operation and code.
import type { KeyClient } from '@azure/keyvault-keys';
import type { Gap, ResourceRef } from '../../core/model.js';
import { mapLimited } from '../aws/limit.js';
import type { ProgressSink } from '../progress.js';
import { classifyAzureError } from './errors.js';
import type { KeyPropsLike, KeyReadings, RotationPolicyLike } from './map-key.js';

export const DATA_PLANE_SOURCE = 'azure-keyvault';

export interface VaultTarget {
  name: string;
  subscription: string;
  location: string;
  uri: string;
  ref: ResourceRef;
}

export interface DataPlaneOptions {
  /** Keys read at once per vault (each key is 3 requests). Default 16. */
  concurrency?: number;
  /** Read every version of every key (createdAt, history). Default true. */
  versions?: boolean;
  progress: ProgressSink;
  signal?: AbortSignal;
}

export type DataPlaneResult = { ok: true; keys: KeyReadings[]; gaps: Gap[] } | { ok: false; gap: Gap };

const scopeOf = (t: VaultTarget, what: string) => `azure:${t.subscription}:${t.location}:keyvault:${t.name}:${what}`;

export async function readVaultKeys(client: KeyClient, target: VaultTarget, options: DataPlaneOptions): Promise<DataPlaneResult> {
  const source = `azure ${target.name}`;
  const listed: KeyPropsLike[] = [];
  try {
    for await (const p of client.listPropertiesOfKeys({ ...(options.signal ? { abortSignal: options.signal } : {}) })) {
      listed.push(p);
      if (listed.length % 100 === 0) options.progress.update(source, 'keys listed', listed.length);
    }
  } catch (err) {
    const c = classifyAzureError(err);
    const why = c.code === 'Unreachable' ? "the data plane is out of the scanner's network reach (firewall, private endpoint or DNS)" : c.code === 'AccessDenied' ? 'the scanner has no data-plane role on the vault (Key Vault Reader or an access policy with get/list)' : 'the data plane could not be read';
    return {
      ok: false,
      gap: { source: DATA_PLANE_SOURCE, scope: scopeOf(target, 'data-plane'), code: c.code, message: `${target.uri}: ${why}; key attributes and rotation policies were not read (${c.message})`, retryable: c.retryable, resource: target.ref },
    };
  }
  listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const failures = new Map<string, { count: number; code: string; message: string; retryable: boolean }>();
  const fail = (op: string, err: unknown): string => {
    const c = classifyAzureError(err);
    const k = `${op}\u0000${c.code}`;
    const f = failures.get(k);
    if (f) f.count += 1;
    else failures.set(k, { count: 1, code: c.code, message: c.message, retryable: c.retryable });
    return `${c.code}: ${op} (${c.message.slice(0, 160)})`;
  };
  let done = 0;
  const keys = await mapLimited(listed, options.concurrency ?? 16, async (props) => {
    const readings: KeyReadings = { props, unknown: {} };
    if (options.signal?.aborted === true) {
      readings.unknown.rotation = 'Aborted: the scan was interrupted';
      return readings;
    }
    const [key, policy, versions] = await Promise.all([
      client.getKey(props.name).then(
        (k) => ({ material: { kty: k.keyType ?? k.key?.kty, keyOps: k.keyOperations ?? k.key?.keyOps ?? [], n: k.key?.n, crv: k.key?.crv }, props: k.properties }),
        (err) => {
          const why = fail('getKey', err);
          for (const f of ['keyType', 'sizeBits', 'curve', 'protectionLevel', 'usage']) readings.unknown[f] = why;
          return undefined;
        },
      ),
      client.getKeyRotationPolicy(props.name).then(
        (p): RotationPolicyLike | null => ({ lifetimeActions: p.lifetimeActions ?? [], ...(p.expiresIn ? { expiresIn: p.expiresIn } : {}) }),
        (err) => {
          if (classifyAzureError(err).code === 'NotFound') return null;
          readings.unknown.rotation = fail('getKeyRotationPolicy', err);
          return undefined;
        },
      ),
      options.versions === false
        ? Promise.resolve(undefined)
        : collect(client.listPropertiesOfKeyVersions(props.name)).catch((err) => {
            const why = fail('listPropertiesOfKeyVersions', err);
            readings.unknown.versions = why;
            readings.unknown.lastRotatedAt = why;
            return undefined;
          }),
    ]);
    if (key) readings.key = key;
    if (policy !== undefined) readings.rotationPolicy = policy;
    if (versions) readings.versions = versions;
    done += 1;
    options.progress.update(source, 'keys', done, listed.length);
    return readings;
  });
  options.progress.end(source, 'keys', keys.length);
  const gaps: Gap[] = [...failures.entries()].sort().map(([k, f]) => ({
    source: DATA_PLANE_SOURCE,
    scope: scopeOf(target, k.split('\u0000')[0]!),
    code: f.code,
    message: `${f.count} key(s): ${f.message}`,
    retryable: f.retryable,
    resource: target.ref,
    count: f.count,
  }));
  return { ok: true, keys, gaps };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
