// Turning the values of deny / warn / violation rules into Findings. Elements may be strings
// (conftest), objects with `msg` plus metadata (conftest), or keywarden result objects
// { msg, resource, status: 'fail' | 'unknown', reason, evidence, severity }. Unknown never becomes pass.
import { fingerprint } from '../core/fingerprint.js';
import type { Finding, Provider, RuleMeta, Severity } from '../core/model.js';
import { normaliseSeverity } from './metadata.js';
import { resolveResource, type ResourceIndex } from './resources.js';

export interface ResultContext {
  meta: RuleMeta;
  /** The rule the value came from: deny, warn_x, violation, ... */
  ruleName: string;
  index: ResourceIndex;
  providers: readonly Provider[];
}

function asMessage(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return undefined;
  return JSON.stringify(v);
}

/** One element of a result set → a Finding, or an error text when the element cannot be understood. */
export function toFinding(element: unknown, ctx: ResultContext): Finding | { error: string } {
  const isWarn = ctx.ruleName.startsWith('warn');
  let msg: string | undefined;
  let obj: Record<string, unknown> = {};
  if (typeof element === 'string') msg = element;
  else if (element && typeof element === 'object' && !Array.isArray(element)) {
    obj = element as Record<string, unknown>;
    msg = asMessage(obj.msg ?? obj.message);
  }
  if (msg === undefined) return { error: `${ctx.ruleName}: a result must be a string or an object with "msg", got ${JSON.stringify(element)?.slice(0, 120)}` };
  const status = obj.status === 'unknown' ? 'unknown' : 'fail';
  const ruleId = typeof obj.id === 'string' && obj.id ? obj.id : ctx.meta.id;
  const resource = resolveResource(obj.resource, msg, ctx.index, ruleId, ctx.providers);
  const severity: Severity = normaliseSeverity(obj.severity) ?? ctx.meta.severity;
  const evidenceRaw = obj.evidence ?? obj.details ?? obj.metadata;
  const evidence: Record<string, unknown> =
    evidenceRaw && typeof evidenceRaw === 'object' && !Array.isArray(evidenceRaw) ? { ...(evidenceRaw as Record<string, unknown>) } : evidenceRaw === undefined ? {} : { value: evidenceRaw };
  if (isWarn) evidence.ruleKind = 'warn';
  const finding: Finding = {
    ruleId,
    kind: 'policy',
    severity,
    status,
    message: msg,
    resource,
    evidence,
    // Results that name no resource are told apart by their message (conftest policies often have none).
    fingerprint: resource.type === 'policy' ? fingerprint(ruleId, resource.provider, resource.id, msg) : fingerprint(ruleId, resource.provider, resource.id),
  };
  if (status === 'unknown') finding.reason = asMessage(obj.reason) ?? 'an input this policy needs could not be read';
  if (ctx.meta.remediation) finding.remediation = ctx.meta.remediation;
  if (ctx.meta.frameworks) finding.frameworks = ctx.meta.frameworks;
  return finding;
}

/** A rule's value (a set arrives as an array; a boolean `deny = true` is one message) → elements. */
export function elementsOf(value: unknown, ruleName: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === true) return [`${ruleName} is true`];
  if (value === false || value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>);
  return [];
}
