// Reads one project's Cloud KMS estate: locations → key rings (+ IAM) → crypto keys → versions (+ IAM).
// Every request goes through the shared limiter (bounded concurrency across the whole scan); each
// failed call becomes a gap and marks what it would have filled as unknown, and the rest goes on.
import type { KeyManagementServiceClient } from '@google-cloud/kms';
import type { AccessStatement, Gap, KeyContainer, KeyRecord, UnknownFields } from '../../../core/model.js';
import type { Limiter } from '../../aws/limit.js';
import type { ProgressSink } from '../../progress.js';
import { gcpGap, gcpScope, unknownReason } from '../errors.js';
import { bindingStatements, rawIamPolicy, type IamPolicy } from '../iam.js';
import { mapCryptoKey, mapKeyRing } from './map.js';
import type { KmsCryptoKey, KmsKeyRing, KmsVersion } from './types.js';

export const KMS_SOURCE = 'gcp-kms';
/** The largest page the KMS list methods accept. */
export const KMS_PAGE_SIZE = 1000;

export interface ProjectKmsInput {
  project: string;
  kms: KeyManagementServiceClient;
  limit: Limiter;
  progress: ProgressSink;
  /** `--gcp-locations`; default every location `ListLocations` returns. */
  locations?: string[];
  /** The project's IAM bindings as inherited statements; undefined when the project policy was unreadable. */
  projectAccess?: AccessStatement[];
  /** Why the project policy is unknown (then every key's `unknown['access.project']`). */
  projectUnknown?: string;
}

export interface ProjectKms {
  keys: KeyRecord[];
  containers: KeyContainer[];
  gaps: Gap[];
}

type Page<Req, Item> = Promise<[Item[], Req | null, unknown]>;

/** Every page of a KMS list call, one limited request per page. */
async function listAll<Req extends { pageToken?: string | null }, Item>(limit: Limiter, call: (req: Req) => Page<Req, Item>, first: Req): Promise<Item[]> {
  const items: Item[] = [];
  let req: Req | null = first;
  while (req !== null) {
    const current: Req = req;
    const [page, next] = await limit(() => call(current));
    items.push(...page);
    req = next && next.pageToken ? next : null;
  }
  return items;
}

const policyOptions = { requestedPolicyVersion: 3 };
/** One page per call: listAll pages itself, so each page passes the limiter and gax does not warn. */
const MANUAL = { autoPaginate: false } as const;

export async function readProjectKms(input: ProjectKmsInput): Promise<ProjectKms> {
  const { project, kms, limit, progress } = input;
  const source = `gcp ${project}`;
  const gaps: Gap[] = [];
  const out: ProjectKms = { keys: [], containers: [], gaps };
  const projectRef = { provider: 'gcp' as const, account: project, type: 'project', id: `projects/${project}`, name: project };

  let locations = input.locations;
  if (locations === undefined) {
    try {
      const found: string[] = [];
      // autoPaginate false: the async iterator pages itself and gax warns otherwise
      for await (const l of kms.listLocationsAsync({ name: `projects/${project}`, pageSize: 100 }, { autoPaginate: false })) if (l.locationId) found.push(l.locationId);
      locations = [...new Set(found)].sort();
    } catch (err) {
      gaps.push(gcpGap(KMS_SOURCE, gcpScope(project, undefined, 'kms', 'ListLocations'), err, projectRef));
      return out;
    }
  }

  const rings = (
    await Promise.all(
      locations.map(async (location) => {
        try {
          const list = kms.listKeyRings.bind(kms) as unknown as (r: { parent: string; pageSize: number; pageToken?: string | null }, o: { autoPaginate: false }) => Page<{ pageToken?: string | null }, KmsKeyRing>;
          return await listAll(limit, (r) => list({ parent: `projects/${project}/locations/${location}`, pageSize: KMS_PAGE_SIZE, ...r }, MANUAL), {});
        } catch (err) {
          gaps.push(gcpGap(KMS_SOURCE, gcpScope(project, location, 'kms', 'ListKeyRings'), err, { ...projectRef, region: location }));
          return [];
        }
      }),
    )
  ).flat();
  progress.end(source, 'key rings', rings.length);

  let keysDone = 0;
  await Promise.all(
    rings.map(async (ring) => {
      const ringName = ring.name ?? '';
      const location = ringName.split('/')[3];
      const ringRef = { provider: 'gcp' as const, account: project, ...(location ? { region: location } : {}), type: 'key-ring', id: ringName, name: ringName.slice(ringName.lastIndexOf('/') + 1) };
      const [ringPolicy, keys] = await Promise.all([
        getPolicy(kms, limit, ringName).catch((err: unknown) => {
          gaps.push(gcpGap(KMS_SOURCE, gcpScope(project, location, 'kms', 'GetIamPolicy'), err, ringRef));
          return err instanceof Error ? err : new Error(String(err));
        }),
        (async () => {
          try {
            const list = kms.listCryptoKeys.bind(kms) as unknown as (r: { parent: string; pageSize: number; pageToken?: string | null }, o: { autoPaginate: false }) => Page<{ pageToken?: string | null }, KmsCryptoKey>;
            return await listAll(limit, (r) => list({ parent: ringName, pageSize: KMS_PAGE_SIZE, ...r }, MANUAL), {});
          } catch (err) {
            gaps.push(gcpGap(KMS_SOURCE, gcpScope(project, location, 'kms', 'ListCryptoKeys'), err, ringRef));
            return undefined;
          }
        })(),
      ]);
      const ringUnknown: UnknownFields = {};
      if (ringPolicy instanceof Error) ringUnknown.access = unknownReason(ringPolicy);
      if (keys === undefined) ringUnknown.keys = 'the key ring\'s keys could not be listed';
      out.containers.push(mapKeyRing(ring, ringPolicy instanceof Error ? undefined : bindingStatements(ringPolicy, 'iam-binding', ringName), ringUnknown));
      const inheritedFromRing = ringPolicy instanceof Error ? [] : bindingStatements(ringPolicy, 'inherited', ringName);

      await Promise.all(
        (keys ?? []).map(async (key) => {
          const keyName = key.name ?? '';
          const keyRef = { provider: 'gcp' as const, account: project, ...(location ? { region: location } : {}), type: 'crypto-key', id: keyName, name: keyName.slice(keyName.lastIndexOf('/') + 1) };
          const unknown: UnknownFields = {};
          const [versions, policy] = await Promise.all([
            (async () => {
              try {
                const list = kms.listCryptoKeyVersions.bind(kms) as unknown as (r: { parent: string; pageSize: number; pageToken?: string | null }, o: { autoPaginate: false }) => Page<{ pageToken?: string | null }, KmsVersion>;
                return await listAll(limit, (r) => list({ parent: keyName, pageSize: KMS_PAGE_SIZE, ...r }, MANUAL), {});
              } catch (err) {
                gaps.push(gcpGap(KMS_SOURCE, gcpScope(project, location, 'kms', 'ListCryptoKeyVersions'), err, keyRef));
                unknown.versions = unknownReason(err);
                return undefined;
              }
            })(),
            getPolicy(kms, limit, keyName).catch((err: unknown) => {
              gaps.push(gcpGap(KMS_SOURCE, gcpScope(project, location, 'kms', 'GetIamPolicy'), err, keyRef));
              unknown.access = unknownReason(err);
              return undefined;
            }),
          ]);
          if (ringPolicy instanceof Error) unknown['access.keyRing'] = unknownReason(ringPolicy);
          if (input.projectUnknown !== undefined) unknown['access.project'] = input.projectUnknown;
          const access = [...(policy ? bindingStatements(policy, 'iam-binding') : []), ...inheritedFromRing, ...(input.projectAccess ?? [])];
          out.keys.push(mapCryptoKey({ key, ...(versions !== undefined ? { versions } : {}), access, ...(policy ? { rawPolicy: rawIamPolicy(policy) } : {}), unknown }));
          keysDone += 1;
          progress.update(source, 'keys', keysDone);
        }),
      );
    }),
  );
  progress.end(source, 'keys', keysDone);
  return out;
}

async function getPolicy(kms: KeyManagementServiceClient, limit: Limiter, resource: string): Promise<IamPolicy> {
  const request = { resource, options: policyOptions } as unknown as Parameters<KeyManagementServiceClient['getIamPolicy']>[0];
  const [policy] = await limit(() => kms.getIamPolicy(request));
  return policy;
}
