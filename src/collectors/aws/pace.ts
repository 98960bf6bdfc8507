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

/**
 * Returns a function to await before each request: a token bucket refilled at `ratePerSecond` holding
 * at most `burst` tokens (default 1: releases at least 1000/rate ms apart). Waiters queue in order and
 * one wakes at a time and reads the clock again, so a stalled event loop (GC, a busy machine) does not
 * release a flood of overdue requests at once (what makes a quota answer ThrottlingException), while a
 * burst of 2 lets a late wake-up catch up on the time it lost.
 */
export function createPacer(ratePerSecond: number, clock: PaceClock, burst = 1): () => Promise<void> {
  if (!(ratePerSecond > 0)) throw new RangeError(`rate must be positive, got ${ratePerSecond}`);
  if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
  const interval = 1000 / ratePerSecond;
  let tokens = burst;
  let at: number | undefined;
  const refill = () => {
    const now = clock.now();
    if (at !== undefined) tokens = Math.min(burst, tokens + (now - at) / interval);
    at = now;
  };
  let queue: Promise<void> = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      refill();
      if (tokens < 1) {
        await clock.sleep((1 - tokens) * interval);
        refill();
      }
      tokens = Math.max(0, tokens - 1);
    });
    queue = turn;
    return turn;
  };
}
