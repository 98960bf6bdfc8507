// Eviction of idle entities at the hourly tick without walking every entity every hour: the oldest
// last-seen time left after a sweep is remembered per map, and no entity can be idle before that
// time plus the idle span, so the walk is skipped until then (100,000 keys x 336 hourly ticks).
// Exact as long as an entity's last-seen time never decreases and new entities are noted (noteNew).

const oldest = new WeakMap<Map<string, unknown>, number>();

/** Deletes (through `evict`) every entry idle for more than `idleMs` at `now`, walking only when one may be. */
export function sweepIdle<V>(entries: Map<string, V>, now: number, idleMs: number, lastSeen: (v: V) => number, evict: (id: string) => void): void {
  const known = oldest.get(entries);
  if (known !== undefined && now - known <= idleMs) return;
  let min = Infinity;
  for (const [id, v] of entries) {
    const t = lastSeen(v);
    if (now - t > idleMs) evict(id);
    else if (t < min) min = t;
  }
  oldest.set(entries, min);
}

/** Records a new entry's last-seen time (it may be older than the oldest the last sweep kept). */
export function noteNew(entries: Map<string, unknown>, lastSeen: number): void {
  const known = oldest.get(entries);
  if (known !== undefined && lastSeen < known) oldest.set(entries, lastSeen);
}
