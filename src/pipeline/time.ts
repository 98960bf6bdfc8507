// `--since` / `--until`: ISO 8601 times or relative durations counted back from `now` (7d, 12h, 30m, 2w).
import { ToolError } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export function parseTimeFlag(flag: string, value: string, now: Date): Date {
  const v = value.trim();
  const rel = /^(\d+)\s*([smhdw])$/i.exec(v);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * (UNIT_MS[rel[2]!.toLowerCase()] ?? 0));
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const t = new Date(/T/.test(v) && !/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? `${v}Z` : v);
    if (!Number.isNaN(t.getTime())) return t;
  }
  throw new ToolError('usage', `--${flag} "${value}" is neither an ISO 8601 time nor a relative duration`, {
    actions: [`Use e.g. --${flag} 2026-10-01, --${flag} 2026-10-01T12:00:00Z or --${flag} 7d (units s, m, h, d, w).`],
  });
}

export function parseWindow(opts: { since?: string; until?: string }, now: Date): { since?: Date; until?: Date } {
  const since = opts.since ? parseTimeFlag('since', opts.since, now) : undefined;
  const until = opts.until ? parseTimeFlag('until', opts.until, now) : undefined;
  if (since && until && since.getTime() >= until.getTime()) {
    throw new ToolError('usage', `--since (${since.toISOString()}) must be before --until (${until.toISOString()})`);
  }
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}

/** Live collectors read usage logs for --since/--until; without --since, the last 7 days. */
export const DEFAULT_LIVE_WINDOW_MS = 7 * 86_400_000;

export function liveEventWindow(flags: { since?: string | undefined; until?: string | undefined }, now: Date): { from: Date; to: Date } {
  const w = parseWindow({ ...(flags.since ? { since: flags.since } : {}), ...(flags.until ? { until: flags.until } : {}) }, now);
  const to = w.until ?? now;
  return { from: w.since ?? new Date(to.getTime() - DEFAULT_LIVE_WINDOW_MS), to };
}
