// Fallback for a vault whose data plane is out of reach: ARM lists the vault's keys
// (Microsoft.KeyVault/vaults/keys/read, granted by Reader) with kty, size, curve, attributes and, where
// ARM returns it, the rotation policy (the fix Prowler adopted for prowler#12654). What only the data
// plane has (versions, and the rotation policy when ARM omits it) is marked unknown with the data-plane
// gap's reason, so the checks that need it say unknown rather than fail.
import type { KeyVaultManagementClient } from '@azure/arm-keyvault';
import type { KeyReadings } from './map-key.js';

interface ArmKeyLike {
  name?: string;
  keyUri?: string;
  keyUriWithVersion?: string;
  kty?: string;
  keyOps?: string[];
  keySize?: number;
  curveName?: string;
  tags?: Record<string, string>;
  attributes?: { enabled?: boolean; notBefore?: number; expires?: number; created?: number; updated?: number; recoveryLevel?: string; exportable?: boolean };
  rotationPolicy?: { lifetimeActions?: { trigger?: { timeAfterCreate?: string; timeBeforeExpiry?: string }; action?: { type?: string } }[] };
}

const date = (epochSeconds: number | undefined) => (typeof epochSeconds === 'number' ? new Date(epochSeconds * 1000) : undefined);

export function armKeyReadings(k: ArmKeyLike, unreachable: string): KeyReadings | undefined {
  if (k.name === undefined) return undefined;
  const a = k.attributes ?? {};
  const props = {
    name: k.name,
    ...(k.keyUriWithVersion ? { id: k.keyUriWithVersion } : {}),
    ...(a.enabled !== undefined ? { enabled: a.enabled } : {}),
    ...(date(a.notBefore) ? { notBefore: date(a.notBefore)! } : {}),
    ...(date(a.expires) ? { expiresOn: date(a.expires)! } : {}),
    ...(date(a.created) ? { createdOn: date(a.created)! } : {}),
    ...(a.recoveryLevel ? { recoveryLevel: a.recoveryLevel } : {}),
    ...(a.exportable !== undefined ? { exportable: a.exportable } : {}),
    ...(k.tags ? { tags: k.tags } : {}),
  };
  const readings: KeyReadings = {
    props,
    key: { props, material: { ...(k.kty ? { kty: k.kty } : {}), keyOps: k.keyOps ?? [], ...(k.keySize ? { sizeBits: k.keySize } : {}), ...(k.curveName ? { crv: k.curveName } : {}) } },
    unknown: { versions: unreachable, lastRotatedAt: unreachable },
  };
  if (k.rotationPolicy) {
    readings.rotationPolicy = {
      lifetimeActions: (k.rotationPolicy.lifetimeActions ?? []).map((l) => ({
        ...(l.action?.type ? { action: l.action.type } : {}),
        ...(l.trigger?.timeAfterCreate ? { timeAfterCreate: l.trigger.timeAfterCreate } : {}),
        ...(l.trigger?.timeBeforeExpiry ? { timeBeforeExpiry: l.trigger.timeBeforeExpiry } : {}),
      })),
    };
  } else {
    readings.unknown.rotation = unreachable;
  }
  return readings;
}

/** The vault's keys through ARM, sorted by name. Throws what the SDK throws. */
export async function listKeysThroughArm(client: KeyVaultManagementClient, resourceGroup: string, vaultName: string, unreachable: string): Promise<KeyReadings[]> {
  const out: KeyReadings[] = [];
  for await (const k of client.keys.list(resourceGroup, vaultName)) {
    const r = armKeyReadings(k, unreachable);
    if (r) out.push(r);
  }
  return out.sort((a, b) => (a.props.name < b.props.name ? -1 : 1));
}
