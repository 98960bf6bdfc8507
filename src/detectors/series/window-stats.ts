// A sliding window of the last N numbers that keeps them sorted, so the median and the median
// absolute deviation (MAD) of the window cost O(N) per update instead of a full sort.

export class SortedWindow {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private size = 0;
  private readonly scratch: Float64Array;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(x: number): void {
    if (this.size === this.capacity) {
      const old = this.ring[this.head]!;
      this.removeSorted(old);
      this.ring[this.head] = x;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.ring[(this.head + this.size) % this.capacity] = x;
      this.size++;
    }
    this.insertSorted(x);
  }

  /** The value at quantile q (0..1) of the window, by nearest rank. */
  quantile(q: number): number {
    if (this.size === 0) return 0;
    const i = Math.min(this.size - 1, Math.max(0, Math.round(q * (this.size - 1))));
    return this.sorted[i]!;
  }

  median(): number {
    const n = this.size;
    if (n === 0) return 0;
    const mid = n >> 1;
    return n % 2 === 1 ? this.sorted[mid]! : (this.sorted[mid - 1]! + this.sorted[mid]!) / 2;
  }

  /** Median absolute deviation around `center`, by merging the two sorted halves (O(n)). */
  mad(center: number): number {
    const n = this.size;
    if (n === 0) return 0;
    // Deviations left of the centre decrease, right of it increase: merge them in order.
    let split = 0;
    while (split < n && this.sorted[split]! < center) split++;
    let l = split - 1;
    let r = split;
    const target = n >> 1;
    let k = 0;
    let last = 0;
    while (k <= target) {
      const dl = l >= 0 ? center - this.sorted[l]! : Infinity;
      const dr = r < n ? this.sorted[r]! - center : Infinity;
      if (dl <= dr) {
        last = dl;
        l--;
      } else {
        last = dr;
        r++;
      }
      this.scratch[k] = last;
      k++;
    }
    if (n % 2 === 1) return last;
    return (this.scratch[target - 1]! + last) / 2;
  }

  values(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.ring[(this.head + i) % this.capacity]!);
    return out;
  }

  private insertSorted(x: number): void {
    let lo = 0;
    let hi = this.size - 1; // size already counts x
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.copyWithin(lo + 1, lo, this.size - 1);
    this.sorted[lo] = x;
  }

  private removeSorted(x: number): void {
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.copyWithin(lo, lo + 1, this.size);
  }
}
