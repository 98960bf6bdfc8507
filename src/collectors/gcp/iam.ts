// IAM policies (KMS keys and key rings, projects) → normalised AccessStatements, one per binding.
// Bindings of the key's ancestors (key ring, project) are attached to the key as `inherited`
// statements with the ancestor's name as scope, so per-key checks see the effective policy.
import type { AccessStatement, LoggingConfig } from '../../core/model.js';

/** google.iam.v1.Policy as the SDK returns it (etag is a Buffer; conditions may be null). */
export interface IamPolicy {
  version?: number | null;
  bindings?: { role?: string | null; members?: string[] | null; condition?: { title?: string | null; expression?: string | null; description?: string | null } | null }[] | null;
  auditConfigs?: { service?: string | null; auditLogConfigs?: { logType?: string | number | null; exemptedMembers?: string[] | null }[] | null }[] | null;
}

const PUBLIC = new Set(['allusers', 'allauthenticatedusers']);

export function isPublicMember(member: string): boolean {
  return PUBLIC.has(member.toLowerCase());
}

/** The policy's bindings as statements; `scope` names the resource the policy is attached to. */
export function bindingStatements(policy: IamPolicy, source: 'iam-binding' | 'inherited', scope?: string): AccessStatement[] {
  const out: AccessStatement[] = [];
  for (const b of policy.bindings ?? []) {
    const role = b.role ?? '';
    const principals = [...new Set(b.members ?? [])].sort();
    if (role === '' || principals.length === 0) continue;
    const c = b.condition;
    const conditions = c ? Object.fromEntries(Object.entries({ title: c.title, expression: c.expression, description: c.description }).filter(([, v]) => typeof v === 'string' && v !== '')) : {};
    out.push({
      effect: 'allow',
      principals,
      ...(principals.some(isPublicMember) ? { public: true } : {}),
      actions: [role],
      ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
      source,
      ...(scope !== undefined ? { scope } : {}),
    });
  }
  return out.sort((a, b) => {
    const ka = `${a.actions[0]}\u0000${a.principals.join(',')}`;
    const kb = `${b.actions[0]}\u0000${b.principals.join(',')}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** The policy as stored in `rawPolicy`: version and bindings (the etag is a concurrency token, left out). */
export function rawIamPolicy(policy: IamPolicy): Record<string, unknown> {
  return { version: policy.version ?? 1, bindings: (policy.bindings ?? []).map((b) => ({ role: b.role, members: [...(b.members ?? [])].sort(), ...(b.condition ? { condition: b.condition } : {}) })) };
}

const KMS_SERVICE = 'cloudkms.googleapis.com';
const LOG_TYPES = ['LOG_TYPE_UNSPECIFIED', 'ADMIN_READ', 'DATA_WRITE', 'DATA_READ'];

const logType = (t: string | number | null | undefined): string => (typeof t === 'number' ? (LOG_TYPES[t] ?? String(t)) : (t ?? ''));

/**
 * The project's Data Access audit configuration for Cloud KMS: one LoggingConfig per auditConfigs
 * entry for cloudkms.googleapis.com or allServices; when there is none, one record saying Data
 * Access logs are off (so the coverage check fails rather than staying unknown).
 */
export function auditConfigs(project: string, policy: IamPolicy): LoggingConfig[] {
  const relevant = (policy.auditConfigs ?? []).filter((c) => c.service === KMS_SERVICE || c.service === 'allServices');
  const record = (service: string, configs: { logType: string; exemptedMembers?: string[] }[], present: boolean): LoggingConfig => {
    const types = new Set(configs.map((c) => c.logType));
    const id = `projects/${project}/auditConfigs/${service}`;
    return {
      ref: { provider: 'gcp', account: project, type: 'audit-config', id, name: service },
      provider: 'gcp',
      account: project,
      id,
      kind: 'gcp-audit-config',
      enabled: present && configs.length > 0,
      readEvents: types.has('DATA_READ'),
      writeEvents: types.has('DATA_WRITE'),
      covers: [service],
      raw: { auditLogConfigs: configs, ...(present ? {} : { configured: false }) },
    };
  };
  if (relevant.length === 0) return [record(KMS_SERVICE, [], false)];
  return relevant
    .map((c) =>
      record(
        c.service ?? KMS_SERVICE,
        (c.auditLogConfigs ?? []).map((l) => ({ logType: logType(l.logType), ...(l.exemptedMembers && l.exemptedMembers.length > 0 ? { exemptedMembers: [...l.exemptedMembers].sort() } : {}) })),
        true,
      ),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
