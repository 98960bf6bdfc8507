// Bounded-memory duplicate detection by event id. Providers re-deliver the same event (CloudTrail can
// write one event to two files; exports overlap) within a short time, so ids are remembered only for a
// window (default 24 h) behind the newest event seen for that provider. Ids are kept in hourly buckets;
// when the newest time moves on, whole buckets older than the window are forgotten at once.
//
// Consequence (documented in docs/performance.md): a duplicate whose copies are more than the window
// apart in event time, or an event older than the window that arrives after newer ones, is not caught.

const HOUR_MS = 3_600_000;

export class DedupeWindow {
  private readonly idBucket = new Map<string, number>();
  private readonly buckets = new Map<number, string[]>();
  private newestBucket = Number.NEGATIVE_INFINITY;
  private oldestBucket = Number.POSITIVE_INFINITY;
  private readonly windowBuckets: number;

  constructor(windowMs = 24 * HOUR_MS) {
    this.windowBuckets = Math.max(1, Math.ceil(windowMs / HOUR_MS));
  }

  /** true when this id was already seen (the event is a duplicate); records it otherwise. */
  seen(id: string, timeMs: number): boolean {
    if (this.idBucket.has(id)) return true;
    const bucket = Math.floor(timeMs / HOUR_MS);
    if (bucket > this.newestBucket) {
      this.newestBucket = bucket;
      this.evictBefore(bucket - this.windowBuckets);
    }
    // Too old to remember: it can still match a remembered id (checked above) but is not stored.
    if (bucket < this.newestBucket - this.windowBuckets) return false;
    this.idBucket.set(id, bucket);
    let ids = this.buckets.get(bucket);
    if (!ids) {
      ids = [];
      this.buckets.set(bucket, ids);
      if (bucket < this.oldestBucket) this.oldestBucket = bucket;
    }
    ids.push(id);
    return false;
  }

  /** Ids currently remembered (for tests and memory reporting). */
  get size(): number {
    return this.idBucket.size;
  }

  private evictBefore(limit: number): void {
    if (this.oldestBucket >= limit) return;
    for (const [bucket, ids] of this.buckets) {
      if (bucket >= limit) continue;
      for (const id of ids) this.idBucket.delete(id);
      this.buckets.delete(bucket);
    }
    let oldest = Number.POSITIVE_INFINITY;
    for (const bucket of this.buckets.keys()) if (bucket < oldest) oldest = bucket;
    this.oldestBucket = oldest;
  }
}

/** One window per provider, so that interleaved providers' clocks do not evict each other. */
export class ProviderDedupe {
  private readonly windows = new Map<string, DedupeWindow>();
  constructor(private readonly windowMs?: number) {}

  seen(provider: string, id: string, timeMs: number): boolean {
    let w = this.windows.get(provider);
    if (!w) {
      w = new DedupeWindow(this.windowMs);
      this.windows.set(provider, w);
    }
    return w.seen(id, timeMs);
  }
}
