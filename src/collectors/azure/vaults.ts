// ARM: key vaults and Managed HSMs of one subscription → KeyContainer. Wire names as ARM returns them
// (@azure/arm-keyvault 5 keeps them): enableSoftDelete, enablePurgeProtection (null while off),
// enableRbacAuthorization, networkAcls, publicNetworkAccess, privateEndpointConnections (flattened by the
// SDK: { id, privateLinkServiceConnectionState: { status } }), sku, vaultUri / hsmUri.
import type { KeyContainer, UnknownFields } from '../../core/model.js';

export interface ArmVaultLike {
  id?: string;
  name?: string;
  location?: string;
  tags?: Record<string, string>;
  sku?: { family?: string; name?: string };
  properties?: Record<string, unknown>;
}

interface Connection {
  id?: string;
  privateLinkServiceConnectionState?: { status?: string };
  properties?: { privateLinkServiceConnectionState?: { status?: string } };
}

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);

/** Where the vault's data plane lives (vaultUri or hsmUri), without a trailing slash. */
export function dataPlaneUri(v: ArmVaultLike): string | undefined {
  const p = v.properties ?? {};
  const uri = p.vaultUri ?? p.hsmUri;
  return typeof uri === 'string' && uri !== '' ? uri.replace(/\/+$/, '') : undefined;
}

export function mapVault(v: ArmVaultLike, kind: 'key-vault' | 'managed-hsm', subscription: string): KeyContainer | undefined {
  if (v.id === undefined) return undefined;
  const p = v.properties ?? {};
  const unknown: UnknownFields = {};
  const acls = p.networkAcls as { bypass?: string; defaultAction?: string; ipRules?: { value?: string }[]; virtualNetworkRules?: { id?: string }[] } | undefined;
  const connections = ((p.privateEndpointConnections ?? []) as Connection[]).map((c) => ({
    ...(c.id !== undefined ? { id: c.id } : {}),
    status: c.privateLinkServiceConnectionState?.status ?? c.properties?.privateLinkServiceConnectionState?.status ?? 'Unknown',
  }));
  const pna = lower(p.publicNetworkAccess);
  const rbac: boolean | undefined = kind === 'managed-hsm' ? true : typeof p.enableRbacAuthorization === 'boolean' ? p.enableRbacAuthorization : undefined;
  if (rbac === undefined) unknown.rbacAuthorization = 'NotReturned: ARM did not return enableRbacAuthorization';
  const sku = (p.sku as { family?: string; name?: string } | undefined) ?? v.sku;
  const uri = dataPlaneUri(v);
  const container: KeyContainer = {
    ref: { provider: 'azure', account: subscription, ...(v.location ? { region: v.location } : {}), type: kind, id: v.id, ...(v.name ? { name: v.name } : {}) },
    provider: 'azure',
    account: subscription,
    ...(v.location ? { region: v.location } : {}),
    id: v.id,
    ...(v.name ? { name: v.name } : {}),
    kind,
    // Since API 2019-09-01 soft delete cannot be turned off: absent means on; only an explicit false is off.
    softDelete: p.enableSoftDelete !== false,
    ...(typeof p.softDeleteRetentionInDays === 'number' ? { softDeleteRetentionDays: p.softDeleteRetentionInDays } : {}),
    purgeProtection: p.enablePurgeProtection === true,
    // Absent publicNetworkAccess is the default, Enabled; SecuredByPerimeter follows a network security perimeter.
    publicNetworkAccess: pna === undefined || pna === 'enabled',
    // No networkAcls at all is the default firewall: allow every network.
    networkDefaultAllow: (lower(acls?.defaultAction) ?? 'allow') === 'allow',
    privateEndpoint: connections.some((c) => c.status.toLowerCase() === 'approved'),
    ...(rbac !== undefined ? { rbacAuthorization: rbac } : {}),
    ...(v.tags && Object.keys(v.tags).length > 0 ? { tags: { ...v.tags } } : {}),
    raw: compactRaw({
      sku: sku?.name,
      skuFamily: sku?.family,
      [kind === 'managed-hsm' ? 'hsmUri' : 'vaultUri']: uri,
      tenantId: p.tenantId,
      createMode: p.createMode,
      provisioningState: p.provisioningState,
      publicNetworkAccess: p.publicNetworkAccess,
      networkAcls: acls === undefined ? undefined : {
        bypass: acls.bypass,
        defaultAction: acls.defaultAction,
        ipRules: (acls.ipRules ?? []).map((r) => ({ value: r.value })),
        virtualNetworkRules: (acls.virtualNetworkRules ?? []).map((r) => ({ id: r.id })),
      },
      privateEndpointConnections: connections,
      accessPolicies: kind === 'key-vault' && rbac !== true ? p.accessPolicies ?? [] : undefined,
      enabledForDiskEncryption: p.enabledForDiskEncryption,
      enabledForDeployment: p.enabledForDeployment,
      enabledForTemplateDeployment: p.enabledForTemplateDeployment,
    }),
  };
  if (Object.keys(unknown).length > 0) container.unknown = unknown;
  return container;
}

function compactRaw(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

/** `/subscriptions/s/resourceGroups/RG/providers/...` → RG */
export function resourceGroupOf(id: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}
