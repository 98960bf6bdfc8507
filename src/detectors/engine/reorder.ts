// The reorder buffer: events in arrival order go to a plain FIFO (the common case costs O(1));
// only events older than the last one queued go to a heap. Events leave in time order.
import { TimeHeap } from './heap.js';

export class ReorderBuffer<T extends { time: number; seq: number }> {
  private readonly heap = new TimeHeap<T>();
  private fifo: T[] = [];
  private head = 0;

  get size(): number {
    return this.heap.size + this.fifo.length - this.head;
  }

  push(item: T): void {
    const last = this.fifo[this.fifo.length - 1];
    if (this.head === this.fifo.length || (last && item.time >= last.time)) this.fifo.push(item);
    else this.heap.push(item);
  }

  /** The earliest item, without removing it. */
  peek(): T | undefined {
    const a = this.head < this.fifo.length ? this.fifo[this.head] : undefined;
    const b = this.heap.peek();
    if (!a) return b;
    if (!b) return a;
    return b.time < a.time || (b.time === a.time && b.seq < a.seq) ? b : a;
  }

  /** Removes and returns the earliest item if its time is at most `limit` (one peek, not two). */
  popUpTo(limit: number): T | undefined {
    const top = this.peek();
    if (!top || top.time > limit) return undefined;
    return this.take(top);
  }

  pop(): T | undefined {
    const top = this.peek();
    return top ? this.take(top) : undefined;
  }

  private take(top: T): T {
    if (top === this.heap.peek()) return this.heap.pop()!;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
    return top;
  }
}
