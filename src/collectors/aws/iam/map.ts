// IAM GetAccountAuthorizationDetails → one KeyContainer per account (kind `aws-account`) whose
// `access` holds every identity-policy statement (source `iam`, with its Resource patterns and the
// policy it comes from). Pure. Principals are the identities the policy is attached to (users, roles,
// groups); an unattached customer-managed policy keeps an empty principal list, because AWS Security
// Hub KMS.1 judges it too. Policy documents arrive URL-encoded (RFC 3986) and are decoded here.
import type { AccessStatement, KeyContainer } from '../../../core/model.js';

type Json = Record<string, unknown>;

export interface RawIamPolicy {
  /** Managed policy ARN, or `<identity ARN>#inline/<name>`. */
  id: string;
  kind: 'managed' | 'inline';
  /** The (default version's) policy document, URL-encoded JSON as IAM returns it, or parsed. */
  document: string | Json | undefined;
  attachedTo: string[];
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const strings = (v: unknown): string[] => asList(v).filter((x): x is string => typeof x === 'string');

export function decodePolicyDocument(document: string | Json | undefined): Json | undefined {
  if (document === undefined) return undefined;
  if (typeof document !== 'string') return document;
  for (const text of [safeDecode(document), document]) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function lowerConditions(condition: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (condition === null || typeof condition !== 'object') return out;
  for (const [op, entries] of Object.entries(condition as Json)) {
    const inner: Record<string, unknown> = {};
    if (entries !== null && typeof entries === 'object') for (const [k, v] of Object.entries(entries as Json)) inner[k.toLowerCase()] = v;
    out[op.toLowerCase()] = inner;
  }
  return out;
}

/** One identity-policy statement. NotAction / NotResource are kept as pseudo-conditions (they invert meaning). */
export function iamStatement(statement: Json, policy: RawIamPolicy): AccessStatement {
  const conditions = lowerConditions(statement['Condition']);
  if (statement['NotAction'] !== undefined) conditions['notaction'] = { values: strings(statement['NotAction']) };
  if (statement['NotResource'] !== undefined) conditions['notresource'] = { values: strings(statement['NotResource']) };
  const out: AccessStatement = {
    effect: typeof statement['Effect'] === 'string' && statement['Effect'].toLowerCase() === 'deny' ? 'deny' : 'allow',
    principals: [...policy.attachedTo].sort(),
    actions: strings(statement['Action']),
    resources: strings(statement['Resource']),
    source: 'iam',
    policy: policy.id,
  };
  if (Object.keys(conditions).length > 0) out.conditions = conditions;
  if (typeof statement['Sid'] === 'string' && statement['Sid'] !== '') out.sid = statement['Sid'];
  return out;
}

export const KMS_ADMIN_ACTIONS = ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:CreateKey', 'kms:CreateGrant'];
export const KMS_USAGE_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:Sign'];

/** IAM action pattern (`kms:*`, `kms:De*`, `*`, `kms:?ecrypt`) matches an action, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(action.toLowerCase());
}

function grants(s: AccessStatement, action: string): boolean {
  if (s.effect !== 'allow') return false;
  const not = (s.conditions?.['notaction'] as { values?: string[] } | undefined)?.values;
  if (not !== undefined) return !not.some((p) => actionMatches(p, action));
  return s.actions.some((p) => actionMatches(p, action));
}

/** Resource `*`, or a KMS key ARN pattern with wildcards for both Region and key id. */
export function coversAllKeys(resource: string, account: string): boolean {
  const probes = [`arn:aws:kms:us-east-1:${account}:key/00000000-probe`, `arn:aws:kms:ap-southeast-2:${account}:key/zzzz-other`];
  return probes.every((p) => actionMatches(resource, p));
}

/**
 * Separation-of-duties facts from identity policies alone: principals whose policies allow both a
 * key-administration and a key-usage action on every key of the account.
 */
export function adminAndUsagePrincipals(statements: readonly AccessStatement[], account: string): { principal: string; admin: string[]; usage: string[] }[] {
  const admin = new Map<string, Set<string>>();
  const usage = new Map<string, Set<string>>();
  for (const s of statements) {
    if (!(s.resources ?? []).some((r) => coversAllKeys(r, account))) continue;
    for (const p of s.principals) {
      for (const a of KMS_ADMIN_ACTIONS) if (grants(s, a)) admin.set(p, (admin.get(p) ?? new Set()).add(a));
      for (const a of KMS_USAGE_ACTIONS) if (grants(s, a)) usage.set(p, (usage.get(p) ?? new Set()).add(a));
    }
  }
  return [...admin.keys()]
    .filter((p) => usage.has(p))
    .sort()
    .map((principal) => ({ principal, admin: [...admin.get(principal)!].sort(), usage: [...usage.get(principal)!].sort() }));
}

export function accountContainerRef(account: string) {
  return { provider: 'aws' as const, account, type: 'account', id: `aws-account:${account}` };
}

export function mapIamAccount(account: string, policies: readonly RawIamPolicy[] | undefined, unreadable?: string): KeyContainer {
  const container: KeyContainer = { ref: accountContainerRef(account), provider: 'aws', account, id: `aws-account:${account}`, kind: 'aws-account' };
  if (policies === undefined) {
    container.unknown = { access: unreadable ?? 'IAM policies not read' };
    return container;
  }
  const access: AccessStatement[] = [];
  const unparsable: string[] = [];
  for (const policy of [...policies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const doc = decodePolicyDocument(policy.document);
    if (doc === undefined) {
      unparsable.push(policy.id);
      continue;
    }
    for (const st of asList(doc['Statement'])) if (st !== null && typeof st === 'object') access.push(iamStatement(st as Json, policy));
  }
  container.access = access;
  if (unparsable.length > 0) container.unknown = { access: `unparsable policy documents: ${unparsable.join(', ')}` };
  container.raw = { policies: policies.length, kmsAdminAndUsage: adminAndUsagePrincipals(access, account) };
  return container;
}
