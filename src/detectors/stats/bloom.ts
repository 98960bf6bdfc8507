// Membership sketches with fixed memory: a Bloom filter (first-seen values once an exact set grows
// too large) and HyperLogLog (distinct counts). Both serialise to base64 for snapshots.

function hash32(s: string, seed: number): number {
  // FNV-1a with a seed, then a murmur3 finaliser for avalanche.
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class BloomFilter {
  readonly bits: Uint8Array;
  constructor(
    readonly size = 8192,
    readonly hashes = 4,
    bits?: Uint8Array,
  ) {
    this.bits = bits ?? new Uint8Array(size >> 3);
  }

  add(value: string): void {
    for (const i of this.indexes(value)) this.bits[i >> 3]! |= 1 << (i & 7);
  }

  has(value: string): boolean {
    for (const i of this.indexes(value)) if ((this.bits[i >> 3]! & (1 << (i & 7))) === 0) return false;
    return true;
  }

  toJSON(): { size: number; hashes: number; bits: string } {
    return { size: this.size, hashes: this.hashes, bits: Buffer.from(this.bits).toString('base64') };
  }

  static fromJSON(o: { size: number; hashes: number; bits: string }): BloomFilter {
    return new BloomFilter(o.size, o.hashes, new Uint8Array(Buffer.from(o.bits, 'base64')));
  }

  private indexes(value: string): number[] {
    const a = hash32(value, 1);
    const b = hash32(value, 2) | 1;
    const out: number[] = [];
    for (let k = 0; k < this.hashes; k++) out.push((a + Math.imul(k, b)) >>> 0) ;
    return out.map((h) => h % this.size);
  }
}

/** HyperLogLog with 2^p registers (p = 10: 1 KiB, about 3 % standard error). */
export class HyperLogLog {
  readonly registers: Uint8Array;
  constructor(
    readonly p = 10,
    registers?: Uint8Array,
  ) {
    this.registers = registers ?? new Uint8Array(1 << p);
  }

  add(value: string): void {
    const h = hash32(value, 7);
    const idx = h >>> (32 - this.p);
    const rest = (h << this.p) >>> 0;
    const rank = rest === 0 ? 32 - this.p + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers[idx]!) this.registers[idx] = rank;
  }

  count(): number {
    const m = this.registers.length;
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const estimate = (alpha * m * m) / sum;
    if (estimate <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(estimate);
  }

  toJSON(): { p: number; registers: string } {
    return { p: this.p, registers: Buffer.from(this.registers).toString('base64') };
  }

  static fromJSON(o: { p: number; registers: string }): HyperLogLog {
    return new HyperLogLog(o.p, new Uint8Array(Buffer.from(o.registers, 'base64')));
  }
}
