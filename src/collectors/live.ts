// What every live collector (aws, azure, gcp, pkcs11) gives the scan pipeline, and what it gets. Each
// provider's `flags.ts` exports `collectFromFlags(flags, ctx)`; src/pipeline/collectors.ts holds the
// registry. Secrets (PINs, credentials) stay inside the collectors: nothing here carries them.
import type { Clock } from '../core/clock.js';
import type { Gap, KeyContainer, KeyEvent, KeyRecord, LoggingConfig } from '../core/model.js';
import type { ProgressSink } from './progress.js';

export interface LiveCollection {
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
  /** Key-usage events read live for `LiveContext.events`, sorted by time then event id. */
  events: KeyEvent[];
  /** For Inventory.scope: what was scanned, under the provider's name (never a secret). */
  scope: Record<string, unknown>;
}

export interface LiveContext {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  signal?: AbortSignal;
  progress: ProgressSink;
  /** Read usage logs for this window (scan); absent for `collect`, which writes inventory only. */
  events?: { from: Date; to: Date };
}

export interface LiveCollectorModule {
  collectFromFlags(flags: Record<string, unknown>, ctx: LiveContext): Promise<LiveCollection>;
}

/** An empty collection, to fill in. */
export function emptyCollection(): LiveCollection {
  return { keys: [], containers: [], logging: [], gaps: [], events: [], scope: {} };
}

/** Splits a comma-separated flag value (`--aws-regions a,b`), dropping blanks and duplicates, sorted. */
export function listFlag(value: unknown): string[] {
  const parts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(','));
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 0))].sort();
}
