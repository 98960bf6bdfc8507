// anomaly/sensitive-operation: single-event rules on key destruction and access widening. Each
// matcher names operations (provider names, case-insensitive) and may require the call to grant
// access to a public or external principal (policy text, grantee, IAM binding in `details`).
import type { OperationClass, Severity } from '../../core/model.js';
import { type Alert, type Detector, NO_ALERTS } from '../types.js';
import { keyResource, principalResource, accountFromArn } from '../resources.js';

export interface SensitiveMatcher {
  name: string;
  operations?: string[];
  classes?: OperationClass[];
  /** Only when the call grants access to a public or external principal. */
  requireExternalOrPublic?: boolean;
  severity?: Severity;
}

export interface SensitiveOperationParams {
  matchers: SensitiveMatcher[];
  /** Accounts (besides the key's own) that count as internal. */
  trustedAccounts: string[];
  successOnly: boolean;
}

export const sensitiveOperation: Detector<SensitiveOperationParams, Record<string, never>> = {
  id: 'sensitive-operation',
  defaults: {
    matchers: [
      { name: 'key-deletion', operations: ['ScheduleKeyDeletion', 'DeleteKey', 'DestroyCryptoKeyVersion', 'KeyDelete', 'KeyPurge', 'VaultDelete', 'PurgeDeletedKey', 'DeleteKeyVault'], severity: 'high' },
      { name: 'key-disabled', operations: ['DisableKey', 'DisableCryptoKeyVersion', 'KeyUpdateDisabled'], severity: 'high' },
      { name: 'rotation-disabled', operations: ['DisableKeyRotation'], severity: 'medium' },
      { name: 'imported-material-deleted', operations: ['DeleteImportedKeyMaterial', 'ImportKeyMaterial'], severity: 'high' },
      { name: 'access-widened', operations: ['PutKeyPolicy', 'CreateKey', 'SetIamPolicy', 'CreateGrant', 'VaultPut', 'VaultPatch', 'SetVaultAccessPolicy'], requireExternalOrPublic: true, severity: 'critical' },
    ],
    trustedAccounts: [],
    successOnly: true,
  },
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      matchers: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          anyOf: [{ required: ['operations'] }, { required: ['classes'] }],
          properties: {
            name: { type: 'string', minLength: 1 },
            operations: { type: 'array', items: { type: 'string' } },
            classes: { type: 'array', items: { type: 'string' } },
            requireExternalOrPublic: { type: 'boolean' },
            severity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
          },
        },
      },
      trustedAccounts: { type: 'array', items: { type: 'string' } },
      successOnly: { type: 'boolean' },
    },
  },
  init: () => ({}),
  observe(_state, e, params) {
    const ev = e.event;
    if (params.successOnly && ev.outcome !== 'success') return NO_ALERTS;
    const op = lowerName(ev.operation.raw);
    // Almost no call is sensitive: one screen over all matchers before trying each.
    const any = screen(params.matchers);
    if (!any.names.has(op) && !any.classes.has(ev.operation.class)) return NO_ALERTS;
    const alerts: Alert[] = [];
    for (const m of params.matchers) {
      const byName = lowerSet(m.operations).has(op);
      const byClass = m.classes?.includes(ev.operation.class) ?? false;
      if (!byName && !byClass) continue;
      let widened: { public: boolean; externalAccounts: string[] } | undefined;
      if (m.requireExternalOrPublic) {
        widened = grantsOutside(ev.details, [ev.account, ev.principal.account, accountFromArn(ev.keyId), ...params.trustedAccounts]);
        if (!widened.public && widened.externalAccounts.length === 0) continue;
      }
      const resource = ev.keyId ? keyResource(ev) : principalResource(ev);
      alerts.push({
        foldKey: `${resource.id}|${m.name}|${ev.principal.id}`,
        resource,
        principal: ev.principal.id,
        start: e.time,
        end: e.time,
        message: `${ev.principal.id} called ${ev.operation.raw}${ev.keyId ? ` on ${ev.keyId}` : ''} (${m.name}${widened?.public ? ', public principal' : ''}${widened && widened.externalAccounts.length > 0 ? `, external accounts ${widened.externalAccounts.join(', ')}` : ''})`,
        evidence: {
          observed: ev.operation.raw,
          expected: 'no such operation',
          baseline: null,
          threshold: { matcher: m.name },
          score: 1,
          matcher: m.name,
          ...(widened ? { publicPrincipal: widened.public, externalAccounts: widened.externalAccounts } : {}),
          ...(ev.details ? { details: ev.details } : {}),
          ...(ev.sourceIp ? { sourceIp: ev.sourceIp } : {}),
          firstEventId: ev.eventId,
          lastEventId: ev.eventId,
        },
        ...(m.severity ? { severity: m.severity } : {}),
      });
    }
    return alerts;
  },
  tick: () => [],
  snapshot: () => ({}),
  restore: () => ({}),
  size: () => 0,
};

const lowered = new WeakMap<string[], Set<string>>();
/** Lower-cased operation names, computed once per params array. */
export function lowerSet(names: string[] | undefined): Set<string> {
  if (!names) return EMPTY;
  let set = lowered.get(names);
  if (!set) {
    set = new Set(names.map((n) => n.toLowerCase()));
    lowered.set(names, set);
  }
  return set;
}
const EMPTY = new Set<string>();

const PUBLIC = /"(?:AWS|Principal)"\s*:\s*(?:\[\s*)?"\*"|\ballUsers\b|\ballAuthenticatedUsers\b/;

/** Does a policy, grant or binding in `details` name a public principal or a foreign account? */
export function grantsOutside(details: Record<string, unknown> | undefined, own: (string | undefined)[]): { public: boolean; externalAccounts: string[] } {
  if (!details) return { public: false, externalAccounts: [] };
  const text = Object.values(details)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join('\n')
    .replace(/\\"/g, '"');
  const internal = new Set(own.filter((a): a is string => Boolean(a)));
  const accounts = new Set<string>();
  for (const m of text.matchAll(/arn:aws[\w-]*:iam::(\d{12}):|"(\d{12})"/g)) {
    const account = m[1] ?? m[2];
    if (account && !internal.has(account)) accounts.add(account);
  }
  return { public: PUBLIC.test(text), externalAccounts: [...accounts].sort() };
}

/** Operation names lower-cased once each (a few hundred names make all the calls; bounded). */
const lowerNames = new Map<string, string>();
export function lowerName(raw: string): string {
  let lower = lowerNames.get(raw);
  if (lower === undefined) {
    if (lowerNames.size >= 10_000) lowerNames.clear();
    lower = raw.toLowerCase();
    lowerNames.set(raw, lower);
  }
  return lower;
}

/** Every matcher's lower-cased names and classes together, per params array. */
const screens = new WeakMap<SensitiveOperationParams['matchers'], { names: Set<string>; classes: Set<string> }>();
function screen(matchers: SensitiveOperationParams['matchers']): { names: Set<string>; classes: Set<string> } {
  let s = screens.get(matchers);
  if (!s) {
    s = { names: new Set(matchers.flatMap((m) => [...lowerSet(m.operations)])), classes: new Set(matchers.flatMap((m) => m.classes ?? [])) };
    screens.set(matchers, s);
  }
  return s;
}
