// Detectors need events in time order, but log files arrive grouped by provider, account, region and
// day (and `gcloud logging read` prints newest first). Events are therefore buffered and fed in time
// order; past `maxBuffered` events the rest is fed in arrival order and a gap says so, so memory
// stays bounded on very large inputs.
import type { Gap, KeyEvent } from '../core/model.js';

// About 1.3 KB of heap per buffered event: 200,000 events stay near 260 MB.
export const DEFAULT_MAX_BUFFERED = 200_000;

export class TimeOrderedFeed {
  private buffer: { ms: number; seq: number; event: KeyEvent }[] = [];
  private overflowed = 0;
  private seq = 0;

  constructor(
    private readonly sink: (e: KeyEvent) => void,
    private readonly maxBuffered = DEFAULT_MAX_BUFFERED,
  ) {}

  push(event: KeyEvent): void {
    if (this.buffer.length < this.maxBuffered && this.overflowed === 0) {
      const ms = Date.parse(event.time);
      this.buffer.push({ ms: Number.isNaN(ms) ? 0 : ms, seq: this.seq++, event });
      return;
    }
    if (this.overflowed === 0) this.drain();
    this.overflowed++;
    this.sink(event);
  }

  /** Feed what is buffered; returns a gap when events had to be fed out of order. */
  finish(): Gap | undefined {
    this.drain();
    if (this.overflowed === 0) return undefined;
    return {
      source: 'pipeline',
      scope: 'anomaly-detection',
      code: 'EventsNotTimeOrdered',
      message: `more than ${this.maxBuffered.toLocaleString('en-US')} events: the first were sorted by time, the other ${this.overflowed.toLocaleString('en-US')} reached the detectors in file order (scan smaller windows with --since/--until for exact ordering)`,
      retryable: false,
      count: this.overflowed,
    };
  }

  private drain(): void {
    this.buffer.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
    for (const b of this.buffer) this.sink(b.event);
    this.buffer = [];
  }
}
