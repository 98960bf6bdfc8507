// Who may do what with a vault's keys: Azure RBAC role assignments (at the vault, its resource group,
// the subscription or a management group) and legacy vault access policies, as AccessStatements. Built-in
// Key Vault roles are known by their fixed definition GUIDs; custom roles are resolved once per
// subscription and kept when they carry Microsoft.KeyVault data actions. The separation-of-duties check
// (kms-admin-usage-separation) compares role names and access-policy permissions.
import type { AccessStatement } from '../../core/model.js';

/** Built-in roles that grant Key Vault key rights (data plane), by role definition GUID. */
export const BUILTIN_KEY_VAULT_ROLES: Readonly<Record<string, string>> = {
  '00482a5a-887f-4fb3-b363-3b7fe8e74483': 'Key Vault Administrator',
  '14b46e9e-c2b7-41b4-b07b-48a6ebf60603': 'Key Vault Crypto Officer',
  '12338af0-0e69-4776-bea7-57ae8d297424': 'Key Vault Crypto User',
  'e147488a-f6f5-4113-8e2d-b22465e65bf6': 'Key Vault Crypto Service Encryption User',
  '08bbd89e-9f13-488c-ac41-acfcb10c90ab': 'Key Vault Crypto Service Release User',
  '21090545-7ca7-4776-b22c-e363652d74d2': 'Key Vault Reader',
};

/** Every key permission of an access policy, for `all`. */
export const ALL_KEY_PERMISSIONS = [
  'backup', 'create', 'decrypt', 'delete', 'encrypt', 'get', 'getrotationpolicy', 'import', 'list', 'purge', 'recover',
  'release', 'restore', 'rotate', 'setrotationpolicy', 'sign', 'unwrapkey', 'update', 'verify', 'wrapkey',
];

/** Key data actions → access-policy verbs, so custom roles compare like access policies. */
const DATA_ACTION_VERBS: [RegExp, string[]][] = [
  [/^microsoft\.keyvault\/(vaults|managedhsm)\/keys\/\*$/, ALL_KEY_PERMISSIONS],
  [/\/keys\/encrypt\/action$/, ['encrypt']],
  [/\/keys\/decrypt\/action$/, ['decrypt']],
  [/\/keys\/wrap\/action$/, ['wrapkey']],
  [/\/keys\/unwrap\/action$/, ['unwrapkey']],
  [/\/keys\/sign\/action$/, ['sign']],
  [/\/keys\/verify\/action$/, ['verify']],
  [/\/keys\/create\/action$/, ['create']],
  [/\/keys\/import\/action$/, ['import']],
  [/\/keys\/delete$/, ['delete']],
  [/\/deletedkeys\/delete$/, ['purge']],
  [/\/keys\/rotate\/action$/, ['rotate']],
  [/\/keys\/read$/, ['get', 'list']],
];

export interface RoleDefinitionLike {
  id?: string;
  roleName?: string;
  permissions?: { actions?: string[]; dataActions?: string[] }[];
}

export interface RoleAssignmentLike {
  id?: string;
  scope?: string;
  roleDefinitionId?: string;
  principalId?: string;
  principalType?: string;
  condition?: string;
}

export const roleGuid = (roleDefinitionId: string | undefined): string | undefined => roleDefinitionId?.split('/').pop()?.toLowerCase();

/** A role's key rights: its name plus the verbs of its key data actions; undefined when it grants none. */
export function roleRights(def: RoleDefinitionLike): string[] | undefined {
  const dataActions = (def.permissions ?? []).flatMap((p) => p.dataActions ?? []).map((a) => a.toLowerCase());
  const verbs = new Set<string>();
  for (const a of dataActions) {
    if (a === 'microsoft.keyvault/*' || a === '*') ALL_KEY_PERMISSIONS.forEach((v) => verbs.add(v));
    for (const [re, vs] of DATA_ACTION_VERBS) if (re.test(a)) vs.forEach((v) => verbs.add(v));
  }
  if (verbs.size === 0) return undefined;
  return [...(def.roleName ? [def.roleName] : []), ...[...verbs].sort()];
}

/** True when an assignment at `scope` applies to `resourceId` (same or an ancestor scope). */
export function scopeCovers(scope: string, resourceId: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const r = resourceId.toLowerCase();
  if (s.startsWith('/providers/microsoft.management/managementgroups/') || s === '' || s === '/') return true;
  return r === s || r.startsWith(`${s}/`);
}

/** Statements for one vault from the subscription's assignments; `rightsOf` resolves a role GUID. */
export function rbacStatements(vaultId: string, assignments: readonly RoleAssignmentLike[], rightsOf: (guid: string) => string[] | undefined): AccessStatement[] {
  const out: AccessStatement[] = [];
  for (const a of assignments) {
    const guid = roleGuid(a.roleDefinitionId);
    if (guid === undefined || a.principalId === undefined || a.scope === undefined || !scopeCovers(a.scope, vaultId)) continue;
    const actions = rightsOf(guid);
    if (actions === undefined) continue;
    out.push({
      effect: 'allow',
      principals: [a.principalId],
      actions,
      source: 'rbac',
      scope: a.scope,
      ...(a.condition ? { conditions: { condition: a.condition } } : {}),
      ...(a.id ? { sid: a.id } : {}),
    });
  }
  return out.sort((x, y) => (`${x.principals[0]}${x.scope}${x.actions[0]}` < `${y.principals[0]}${y.scope}${y.actions[0]}` ? -1 : 1));
}

export interface AccessPolicyLike {
  tenantId?: string;
  objectId?: string;
  applicationId?: string;
  permissions?: { keys?: string[] };
}

/** Legacy access policies (vaults with enableRbacAuthorization=false): key permissions, `all` expanded. */
export function accessPolicyStatements(vaultId: string, policies: readonly AccessPolicyLike[]): AccessStatement[] {
  const out: AccessStatement[] = [];
  for (const p of policies) {
    const perms = (p.permissions?.keys ?? []).map((k) => k.toLowerCase());
    if (p.objectId === undefined || perms.length === 0) continue;
    const actions = [...new Set(perms.includes('all') ? ALL_KEY_PERMISSIONS : perms)].sort();
    out.push({
      effect: 'allow',
      principals: [p.objectId],
      actions,
      source: 'vault-access-policy',
      scope: vaultId,
      ...(p.applicationId ? { conditions: { applicationid: p.applicationId } } : {}),
    });
  }
  return out;
}
