// Role assignments of one subscription, read once (GET /subscriptions/{id}/providers/
// Microsoft.Authorization/roleAssignments, paged: every assignment at, above and below the
// subscription), then matched to each vault by scope. (The SDK puts `/{scope}` in the path, so the
// scope is passed without its leading slash.) Custom role definitions referenced by the
// assignments are fetched once each; only roles with Key Vault key data actions are kept.
import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { Gap } from '../../core/model.js';
import { BUILTIN_KEY_VAULT_ROLES, roleGuid, roleRights, type RoleAssignmentLike } from './access.js';
import { azureGap, azureScope, classifyAzureError } from './errors.js';

export const AUTHORIZATION_SOURCE = 'azure-authorization';

export interface RoleIndex {
  assignments: RoleAssignmentLike[];
  /** Key rights of a role definition GUID; undefined = grants no key rights. */
  rightsOf: (guid: string) => string[] | undefined;
  gaps: Gap[];
  /** Set when the assignments could not be read: access is unknown. */
  unknown?: string;
}

export async function loadRoleAssignments(client: AuthorizationManagementClient, sub: string, signal?: AbortSignal): Promise<RoleIndex> {
  const gaps: Gap[] = [];
  const opts = signal ? { abortSignal: signal } : {};
  const assignments: RoleAssignmentLike[] = [];
  try {
    for await (const a of client.roleAssignments.listForScope(`subscriptions/${sub}`, opts)) assignments.push(a);
  } catch (err) {
    const gap = azureGap(AUTHORIZATION_SOURCE, azureScope(sub, 'global', 'authorization', 'roleAssignments'), err);
    return { assignments: [], rightsOf: () => undefined, gaps: [gap], unknown: `${gap.code}: Microsoft.Authorization/roleAssignments/read (${classifyAzureError(err).message.slice(0, 120)})` };
  }
  const custom = new Map<string, string[] | undefined>();
  const wanted = [...new Set(assignments.map((a) => roleGuid(a.roleDefinitionId)).filter((g): g is string => g !== undefined && BUILTIN_KEY_VAULT_ROLES[g] === undefined))].sort();
  for (const guid of wanted) {
    try {
      custom.set(guid, roleRights(await client.roleDefinitions.get(`subscriptions/${sub}`, guid, opts)));
    } catch (err) {
      custom.set(guid, undefined);
      gaps.push(azureGap(AUTHORIZATION_SOURCE, azureScope(sub, 'global', 'authorization', `roleDefinitions:${guid}`), err));
    }
  }
  return {
    assignments,
    rightsOf: (guid) => {
      const builtin = BUILTIN_KEY_VAULT_ROLES[guid];
      return builtin !== undefined ? [builtin] : custom.get(guid);
    },
    gaps,
  };
}
