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
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** An IPv4/IPv6 literal (CloudTrail and Cloud Logging also put host names and words there). */
export function ipLiteral(v: unknown): string | undefined {
  const s = str(v);
  return s !== undefined && isIP(s) !== 0 ? s : undefined;
}

/** Drops undefined values so that mapped objects stay compact and deterministic. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Result of mapping one provider record: an event, a record to skip (not about keys), or an error. */
export type MapResult<T> = { kind: 'event'; event: T } | { kind: 'skip'; reason: string } | { kind: 'error'; message: string };
