// The reorder buffer: events leave in time order (ties in arrival order). Events in arrival order
// go to a ring of parallel arrays (the common case costs O(1) and allocates nothing per event);
// only events older than the last one queued go to a heap of small entry objects.
import { MinHeap } from '../../core/min-heap.js';

/** One buffered event: the event, its (clamped) time, arrival sequence and log source key. */
export interface Buffered<E> {
  event: E;
  time: number;
  seq: number;
  source: string;
}

export class ReorderBuffer<E> {
  private readonly heap = new MinHeap<Buffered<E>>(earlier);
  private events: (E | undefined)[] = new Array<E | undefined>(1024);
  private sources: (string | undefined)[] = new Array<string | undefined>(1024);
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  /** Ring indices: the oldest in-order entry and the count; capacity is a power of two. */
  private head = 0;
  private count = 0;

  get size(): number {
    return this.heap.size + this.count;
  }

  push(event: E, time: number, seq: number, source: string): void {
    if (this.count > 0 && time < this.times[(this.head + this.count - 1) & (this.times.length - 1)]!) {
      this.heap.push({ event, time, seq, source });
      return;
    }
    if (this.count === this.times.length) this.grow();
    const i = (this.head + this.count) & (this.times.length - 1);
    this.events[i] = event;
    this.sources[i] = source;
    this.times[i] = time;
    this.seqs[i] = seq;
    this.count++;
  }

  /** Moves the earliest entry into `out` if its time is at most `limit`; false when there is none. */
  popUpTo(limit: number, out: Buffered<E>): boolean {
    const top = this.heap.peek();
    if (this.count > 0) {
      const i = this.head;
      const time = this.times[i]!;
      if (!top || time < top.time || (time === top.time && this.seqs[i]! < top.seq)) {
        if (time > limit) return false;
        out.event = this.events[i]!;
        out.time = time;
        out.seq = this.seqs[i]!;
        out.source = this.sources[i]!;
        // Dropped at once, so the buffer never keeps a processed event alive.
        this.events[i] = undefined;
        this.sources[i] = undefined;
        this.head = (i + 1) & (this.times.length - 1);
        this.count--;
        return true;
      }
    }
    if (!top || top.time > limit) return false;
    this.heap.pop();
    out.event = top.event;
    out.time = top.time;
    out.seq = top.seq;
    out.source = top.source;
    return true;
  }

  /** Moves the earliest entry into `out`, whatever its time; false when the buffer is empty. */
  pop(out: Buffered<E>): boolean {
    return this.popUpTo(Infinity, out);
  }

  private grow(): void {
    const n = this.times.length;
    const order = (k: number) => (this.head + k) & (n - 1);
    const events = new Array<E | undefined>(n * 2);
    const sources = new Array<string | undefined>(n * 2);
    const times = new Float64Array(n * 2);
    const seqs = new Float64Array(n * 2);
    for (let k = 0; k < this.count; k++) {
      events[k] = this.events[order(k)];
      sources[k] = this.sources[order(k)];
      times[k] = this.times[order(k)]!;
      seqs[k] = this.seqs[order(k)]!;
    }
    this.events = events;
    this.sources = sources;
    this.times = times;
    this.seqs = seqs;
    this.head = 0;
  }
}

/** Time order, ties in arrival order (stable). */
function earlier(a: { time: number; seq: number }, b: { time: number; seq: number }): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
