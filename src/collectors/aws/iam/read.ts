// IAM for one account: GetAccountAuthorizationDetails (paged) for users, groups, roles and
// customer-managed policies, reduced to the policies and the identities they are attached to. IAM is
// global: read once per account, whatever the Regions. A failure (typically AccessDenied) leaves the
// account's IAM unknown and records a gap: the IAM checks then say `unknown`, never `pass`.
import { paginateGetAccountAuthorizationDetails, type IAMClient, type ManagedPolicyDetail } from '@aws-sdk/client-iam';
import type { Gap, KeyContainer } from '../../../core/model.js';
import { awsGap, awsScope, classifyAwsError } from '../errors.js';
import { mapIamAccount, type RawIamPolicy } from './map.js';

export const IAM_SOURCE = 'aws-iam';

type Inline = { PolicyName?: string; PolicyDocument?: string };
type Attached = { PolicyArn?: string };

export async function readIamAccount(account: string, client: IAMClient): Promise<{ container: KeyContainer; gaps: Gap[] }> {
  const managed = new Map<string, ManagedPolicyDetail>();
  const attachments = new Map<string, Set<string>>();
  const inline: RawIamPolicy[] = [];
  const attach = (arn: string | undefined, identity: string | undefined) => {
    if (arn === undefined || identity === undefined) return;
    attachments.set(arn, (attachments.get(arn) ?? new Set()).add(identity));
  };
  const addInline = (identity: string | undefined, list: Inline[] | undefined) => {
    for (const p of list ?? []) {
      if (identity === undefined || p.PolicyName === undefined) continue;
      inline.push({ id: `${identity}#inline/${p.PolicyName}`, kind: 'inline', document: p.PolicyDocument, attachedTo: [identity] });
    }
  };
  const addIdentity = (arn: string | undefined, inlineList: Inline[] | undefined, attached: Attached[] | undefined) => {
    addInline(arn, inlineList);
    for (const a of attached ?? []) attach(a.PolicyArn, arn);
  };
  try {
    const pages = paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, { Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'] });
    for await (const page of pages) {
      for (const u of page.UserDetailList ?? []) addIdentity(u.Arn, u.UserPolicyList, u.AttachedManagedPolicies);
      for (const g of page.GroupDetailList ?? []) addIdentity(g.Arn, g.GroupPolicyList, g.AttachedManagedPolicies);
      for (const r of page.RoleDetailList ?? []) addIdentity(r.Arn, r.RolePolicyList, r.AttachedManagedPolicies);
      for (const p of page.Policies ?? []) if (p.Arn !== undefined) managed.set(p.Arn, p);
    }
  } catch (err) {
    const reason = `${classifyAwsError(err).message} (iam:GetAccountAuthorizationDetails)`;
    return { container: mapIamAccount(account, undefined, reason), gaps: [awsGap(IAM_SOURCE, awsScope(account, 'global', 'iam', 'GetAccountAuthorizationDetails'), err)] };
  }
  const policies: RawIamPolicy[] = [...inline];
  for (const [arn, p] of managed) {
    const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true) ?? p.PolicyVersionList?.[0];
    policies.push({ id: arn, kind: 'managed', document: version?.Document, attachedTo: [...(attachments.get(arn) ?? [])] });
  }
  return { container: mapIamAccount(account, policies), gaps: [] };
}
