// Key-policy documents → normalised AccessStatements. Pure. Condition operators and keys are
// lower-cased because AWS compares them case-insensitively; values are kept as given.
import type { AccessStatement } from '../../../core/model.js';

type Json = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** Flattens `"*"`, `{ AWS: [...] }`, `{ Service: ... }`, `{ Federated: ... }` into principal strings. */
export function principalsOf(principal: unknown): string[] {
  if (typeof principal === 'string') return [principal];
  if (principal === null || typeof principal !== 'object') return [];
  const out: string[] = [];
  for (const key of Object.keys(principal).sort()) {
    for (const v of asList((principal as Json)[key])) if (typeof v === 'string') out.push(v);
  }
  return out;
}

function lowerConditions(condition: unknown): Record<string, unknown> | undefined {
  if (condition === null || typeof condition !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [op, entries] of Object.entries(condition as Json)) {
    const inner: Record<string, unknown> = {};
    if (entries !== null && typeof entries === 'object') {
      for (const [key, value] of Object.entries(entries as Json)) inner[key.toLowerCase()] = value;
    }
    out[op.toLowerCase()] = inner;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * One statement. `NotPrincipal` / `NotAction` are rare in key policies and invert meaning: they are
 * kept verbatim as `notprincipal` / `notaction` pseudo-conditions so that nothing is silently widened
 * or narrowed; the raw policy stays on the record for full fidelity.
 */
export function normaliseStatement(statement: Json): AccessStatement {
  const principals = principalsOf(statement['Principal']);
  const actions = asList(statement['Action']).filter((a): a is string => typeof a === 'string');
  const conditions = lowerConditions(statement['Condition']) ?? {};
  if (statement['NotPrincipal'] !== undefined) conditions['notprincipal'] = { values: principalsOf(statement['NotPrincipal']) };
  if (statement['NotAction'] !== undefined) conditions['notaction'] = { values: asList(statement['NotAction']) };
  const isPublic = principals.some((p) => p === '*');
  const out: AccessStatement = {
    effect: typeof statement['Effect'] === 'string' && statement['Effect'].toLowerCase() === 'deny' ? 'deny' : 'allow',
    principals,
    actions,
    source: 'key-policy',
  };
  if (isPublic) out.public = true;
  if (Object.keys(conditions).length > 0) out.conditions = conditions;
  if (typeof statement['Sid'] === 'string' && statement['Sid'] !== '') out.sid = statement['Sid'];
  return out;
}

export type ParsedPolicy = { ok: true; document: Json; access: AccessStatement[] } | { ok: false; error: string };

/** Parses GetKeyPolicy's `Policy` string (a JSON document) and normalises its statements. */
export function parseKeyPolicy(policy: string): ParsedPolicy {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch (err) {
    return { ok: false, error: `key policy is not JSON: ${(err as Error).message}` };
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { ok: false, error: 'key policy is not a JSON object' };
  }
  const statements = asList((document as Json)['Statement']).filter((s): s is Json => s !== null && typeof s === 'object');
  return { ok: true, document: document as Json, access: statements.map(normaliseStatement) };
}
