// Request pacing for APIs with a hard per-account-per-Region rate (CloudTrail LookupEvents: 2/s).
// Time is injected: `now` and `sleep` come from the caller, so tests pace without waiting.

export interface PaceClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPaceClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Returns a function to await before each request: starts are at least 1000/ratePerSecond ms apart. */
export function createPacer(ratePerSecond: number, clock: PaceClock): () => Promise<void> {
  if (!(ratePerSecond > 0)) throw new RangeError(`rate must be positive, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  let nextStart = Number.NEGATIVE_INFINITY;
  return async () => {
    const t = clock.now();
    const start = Math.max(t, nextStart);
    nextStart = start + interval;
    if (start > t) await clock.sleep(start - t);
  };
}
