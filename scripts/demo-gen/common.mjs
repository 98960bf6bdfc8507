// Shared helpers of the demo generator: a seeded PRNG (no Math.random, no wall clock) and the demo's
// fixed anchor time, so every run writes byte-identical files.

export const ANCHOR = '2026-11-01T00:00:00Z';
export const ANCHOR_MS = Date.parse(ANCHOR);
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** ISO time `days` before the anchor (fractions allowed). */
export function daysAgo(days) {
  return new Date(ANCHOR_MS - Math.round(days * DAY)).toISOString().replace('.000Z', 'Z');
}

/** ISO 8601 to the second, as CloudTrail, Key Vault and the demo inventory write it. */
export function iso(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    hex: (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
    uuid() {
      const h = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(next() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    /** Poisson sample (Knuth; fine for the small means used here). */
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * (next() + next() + next() - 1.5) * 2));
      const l = Math.exp(-mean);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
  };
}

/** Stable JSON: objects with sorted keys are not needed; insertion order is deterministic already. */
export function json(value) {
  return JSON.stringify(value, null, 2) + '\n';
}
