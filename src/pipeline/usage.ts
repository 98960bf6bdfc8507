// Key usage seen in the logs, per key: what the policies for unused and orphaned keys need
// ("no successful cryptographic use in N days" from the logs the scan read).
import type { KeyEvent, OperationClass } from '../core/model.js';

const CRYPTO: ReadonlySet<OperationClass> = new Set(['encrypt', 'decrypt', 'generate-data-key', 'sign', 'verify', 'mac', 're-encrypt', 'wrap', 'unwrap']);

export interface KeyUsage {
  events: number;
  cryptoEvents: number;
  failures: number;
  firstSeen: string;
  lastSeen: string;
  /** Last successful cryptographic operation. */
  lastCryptoUseAt?: string;
  principals: number;
  operations: Partial<Record<OperationClass, number>>;
}

export class UsageAccumulator {
  private readonly byKey = new Map<string, KeyUsage & { principalSet: Set<string> }>();
  private earliest: string | undefined;
  private latest: string | undefined;
  events = 0;

  observe(e: KeyEvent): void {
    this.events++;
    if (this.earliest === undefined || e.time < this.earliest) this.earliest = e.time;
    if (this.latest === undefined || e.time > this.latest) this.latest = e.time;
    // The event's key, then any others it names (re-encrypt): no array is built per event.
    if (e.keyId) this.count(e.keyId, e);
    if (e.otherKeyIds) for (const id of e.otherKeyIds) if (id) this.count(id, e);
  }

  private count(id: string, e: KeyEvent): void {
    let u = this.byKey.get(id);
    if (!u) {
      u = { events: 0, cryptoEvents: 0, failures: 0, firstSeen: e.time, lastSeen: e.time, principals: 0, operations: {}, principalSet: new Set() };
      this.byKey.set(id, u);
    }
    u.events++;
    if (e.time < u.firstSeen) u.firstSeen = e.time;
    if (e.time > u.lastSeen) u.lastSeen = e.time;
    if (e.outcome === 'failure') u.failures++;
    u.operations[e.operation.class] = (u.operations[e.operation.class] ?? 0) + 1;
    if (u.principalSet.size < 1000) u.principalSet.add(e.principal.id);
    if (CRYPTO.has(e.operation.class) && e.outcome === 'success') {
      u.cryptoEvents++;
      if (!u.lastCryptoUseAt || e.time > u.lastCryptoUseAt) u.lastCryptoUseAt = e.time;
    }
  }

  /** Per key id (sorted), plus the span of the events seen. */
  summary(): { window?: { start: string; end: string }; keys: Record<string, KeyUsage> } {
    const keys: Record<string, KeyUsage> = {};
    for (const id of [...this.byKey.keys()].sort()) {
      const { principalSet, ...u } = this.byKey.get(id)!;
      keys[id] = { ...u, principals: principalSet.size };
    }
    return { ...(this.earliest && this.latest ? { window: { start: this.earliest, end: this.latest } } : {}), keys };
  }
}
