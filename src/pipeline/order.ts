// Detectors need events in time order, but log files arrive grouped by provider, account, region and
// day (and `gcloud logging read` prints newest first). The scan reads them with
// `readLogsInTimeOrder` (src/logs/time-ordered.ts): files ordered by the time their path carries or
// their first events, merged k-way by time, then a bounded time-window reorder, all in one pass whose
// memory does not grow with the number of events. Live events are merged in by time too.
// What the window could not put in order is passed on and reported here as a gap.
import type { Gap } from '../core/model.js';
import type { OrderStats } from '../logs/index.js';

export { DEFAULT_REORDER_WINDOW_MS } from '../logs/index.js';

const minutes = (ms: number): string => `${Math.round(ms / 60_000).toLocaleString('en-US')} min`;

/** A gap when some events reached usage and the detectors out of time order; undefined otherwise. */
export function outOfOrderGap(order: OrderStats): Gap | undefined {
  if (order.late === 0) return undefined;
  return {
    source: 'pipeline',
    scope: 'anomaly-detection',
    code: 'EventsNotTimeOrdered',
    message:
      `${order.late.toLocaleString('en-US')} events arrived more than the ${minutes(order.reorderWindowMs)} reorder window after later ones ` +
      `(up to ${minutes(order.maxLatenessMs)} late): they were counted and passed to the detectors, which treat them as arriving at the latest time seen ` +
      `(check for log files whose names or first events misstate their time, or scan smaller windows with --since/--until)`,
    retryable: false,
    count: order.late,
  };
}
