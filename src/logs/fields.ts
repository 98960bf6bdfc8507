// Small, total accessors for untrusted parsed JSON: they return undefined instead of throwing.
import { isIP } from 'node:net';

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Normalises a timestamp (any precision, any offset) to ISO 8601 UTC with milliseconds. */
export function isoTime(v: unknown): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  // Fast path for CloudTrail's whole-second UTC form (2024-05-01T10:00:00Z): no Date round trip.
  if (s.length === 20 && s.charCodeAt(19) === 0x5a && s.charCodeAt(10) === 0x54 && WHOLE_SECOND_UTC.test(s)) return `${s.slice(0, 19)}.000Z`;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const WHOLE_SECOND_UTC = /^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\dZ$/;

/** An IPv4/IPv6 literal (CloudTrail and Cloud Logging also put host names and words there). */
export function ipLiteral(v: unknown): string | undefined {
  const s = str(v);
  return s !== undefined && isIP(s) !== 0 ? s : undefined;
}

/**
 * A copy without undefined values, so that mapped objects stay compact and deterministic. Copying
 * (rather than `delete`) keeps V8's fast object layout for the millions of events that follow.
 */
export function compact<T extends object>(o: T): T {
  const out = {} as Record<string, unknown>;
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** Properties that are not undefined (for details maps). */
export function definedOnly(o: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k in o) {
    const v = o[k];
    if (v !== undefined) (out ??= {})[k] = v;
  }
  return out;
}

/** Result of mapping one provider record: an event, a record to skip (not about keys), or an error. */
export type MapResult<T> = { kind: 'event'; event: T } | { kind: 'skip'; reason: string } | { kind: 'error'; message: string };
