// The project around the keys, through Resource Manager v3: its IAM policy (owners, separation of
// duties, public members, inherited by every key) with the Data Access audit configuration
// (auditConfigs → LoggingConfig), and its parent (organisation or folder, for org-policy scope).
import type { ProjectsClient } from '@google-cloud/resource-manager';
import type { AccessStatement, Gap, KeyContainer, LoggingConfig, UnknownFields } from '../../core/model.js';
import type { Limiter } from '../aws/limit.js';
import { gcpGap, gcpScope, unknownReason } from './errors.js';
import { auditConfigs, bindingStatements, rawIamPolicy, type IamPolicy } from './iam.js';

export const RESOURCE_MANAGER_SOURCE = 'gcp-resourcemanager';

export interface ProjectInfo {
  container: KeyContainer;
  logging: LoggingConfig[];
  gaps: Gap[];
  /** Project bindings as `inherited` statements for the keys; undefined when unreadable. */
  inherited?: AccessStatement[];
  /** Why the project IAM policy is unknown. */
  unknown?: string;
}

export async function readProject(project: string, client: ProjectsClient, limit: Limiter): Promise<ProjectInfo> {
  const id = `projects/${project}`;
  const ref = { provider: 'gcp' as const, account: project, type: 'project', id, name: project };
  const gaps: Gap[] = [];
  const unknown: UnknownFields = {};
  const [policy, meta] = await Promise.all([
    limit(() => client.getIamPolicy({ resource: id, options: { requestedPolicyVersion: 3 } }))
      .then(([p]) => p as unknown as IamPolicy)
      .catch((err: unknown) => {
        gaps.push(gcpGap(RESOURCE_MANAGER_SOURCE, gcpScope(project, undefined, 'resourcemanager', 'GetIamPolicy'), err, ref));
        unknown.access = unknownReason(err);
        return undefined;
      }),
    limit(() => client.getProject({ name: id }))
      .then(([p]) => p as { name?: string | null; parent?: string | null; state?: string | null; displayName?: string | null })
      .catch((err: unknown) => {
        gaps.push(gcpGap(RESOURCE_MANAGER_SOURCE, gcpScope(project, undefined, 'resourcemanager', 'GetProject'), err, ref));
        unknown['raw.organization'] = unknownReason(err);
        return undefined;
      }),
  ]);
  const parent = meta?.parent ?? '';
  const raw: Record<string, unknown> = {};
  if (meta !== undefined) {
    // A project outside any organisation has no parent; under a folder the organisation is further up.
    raw.parent = parent === '' ? null : parent;
    raw.organization = parent === '' ? 'none' : parent.startsWith('organizations/') ? parent : null;
    if (meta.name) raw.projectNumber = meta.name.replace(/^projects\//, '');
    if (meta.state) raw.state = meta.state;
  }
  if (policy !== undefined) raw.iamPolicy = rawIamPolicy(policy);
  // Organisation policies (constraints/cloudkms.*) are not read: gcp-kms-destroy-guardrails stays unknown.
  unknown['raw.orgPolicies'] = 'not collected: keywarden does not read the Organization Policy API yet';
  const container: KeyContainer = {
    ref,
    provider: 'gcp',
    account: project,
    id,
    name: project,
    kind: 'project',
    ...(policy !== undefined ? { access: bindingStatements(policy, 'iam-binding', id) } : {}),
    unknown: Object.fromEntries(Object.entries(unknown).sort(([a], [b]) => (a < b ? -1 : 1))),
    ...(Object.keys(raw).length > 0 ? { raw } : {}),
  };
  return {
    container,
    logging: policy !== undefined ? auditConfigs(project, policy) : [],
    gaps,
    ...(policy !== undefined ? { inherited: bindingStatements(policy, 'inherited', id) } : { unknown: unknown.access! }),
  };
}
