// Time is injected: evaluation, detectors and state read `now` from a Clock so runs are reproducible
// (the demo pins its anchor time) and tests use fixed clocks instead of the wall clock.

export interface Clock {
  now(): Date;
}

/** The wall clock; only the command layer creates it. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that always returns the same instant. */
export function fixedClock(at: Date | string): Clock {
  const t = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(t.getTime())) throw new Error(`fixedClock: invalid time ${String(at)}`);
  return { now: () => new Date(t.getTime()) };
}

/** A clock tests can move forward by hand. */
export function manualClock(start: Date | string): Clock & { advance(ms: number): void; set(at: Date | string): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (at: Date | string) => {
      t = new Date(at).getTime();
    },
  };
}
