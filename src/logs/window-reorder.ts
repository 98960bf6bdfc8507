// Bounded reordering by event time. Events enter almost in time order (a k-way merge of files that
// are each roughly ordered); each is held until the newest time seen is `windowMs` past it, then
// released in (time, source, record) order. Memory is therefore the events of one window of event
// time, however many events the input holds. An event that arrives after a later one was already
// released is late: it is still released (immediately) and counted, never dropped.
import type { KeyEvent } from '../core/model.js';
import { MinHeap } from '../core/min-heap.js';

export interface TimedEvent {
  event: KeyEvent;
  /** Event time in ms (0 when unparsable: such events sort first). */
  ms: number;
  /** Source index: negative for events handed in by the caller, then files in path order. */
  src: number;
  /** Position inside its source. */
  rec: number;
}

export const earlier = (a: TimedEvent, b: TimedEvent): boolean => a.ms < b.ms || (a.ms === b.ms && (a.src < b.src || (a.src === b.src && a.rec < b.rec)));

export const DEFAULT_REORDER_WINDOW_MS = 60 * 60_000;

export class TimeWindowReorder {
  private readonly heap = new MinHeap<TimedEvent>(earlier);
  // The common case (arrival already in order) goes to a FIFO: O(1) instead of a heap step.
  private fifo: TimedEvent[] = [];
  private head = 0;
  private newest = Number.NEGATIVE_INFINITY;
  private released: TimedEvent | undefined;
  /** Events released after a later event (out of order by more than the window). */
  late = 0;
  /** How far behind the last released event the latest late event was, at most (ms). */
  maxLatenessMs = 0;
  /** Largest number of events held at once. */
  peak = 0;

  constructor(
    private readonly release: (e: TimedEvent) => void,
    readonly windowMs = DEFAULT_REORDER_WINDOW_MS,
  ) {}

  get size(): number {
    return this.heap.size + this.fifo.length - this.head;
  }

  push(item: TimedEvent): void {
    if (this.released && earlier(item, this.released)) {
      this.late++;
      this.maxLatenessMs = Math.max(this.maxLatenessMs, this.released.ms - item.ms);
      this.release(item);
      return;
    }
    const last = this.fifo[this.fifo.length - 1];
    if (this.head === this.fifo.length || (last !== undefined && !earlier(item, last))) this.fifo.push(item);
    else this.heap.push(item);
    const size = this.size;
    if (size > this.peak) this.peak = size;
    if (item.ms > this.newest) {
      this.newest = item.ms;
      this.drainUpTo(this.newest - this.windowMs);
    }
  }

  /** Releases everything still held. */
  flush(): void {
    this.drainUpTo(Number.POSITIVE_INFINITY);
  }

  private drainUpTo(limit: number): void {
    for (;;) {
      const a = this.head < this.fifo.length ? this.fifo[this.head] : undefined;
      const b = this.heap.peek();
      const top = a === undefined ? b : b === undefined ? a : earlier(b, a) ? b : a;
      if (top === undefined || top.ms > limit) return;
      if (top === b) this.heap.pop();
      else {
        this.head++;
        if (this.head > 4096 && this.head * 2 > this.fifo.length) {
          this.fifo = this.fifo.slice(this.head);
          this.head = 0;
        }
      }
      this.released = top;
      this.release(top);
    }
  }
}
