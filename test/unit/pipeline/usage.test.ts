import { describe, expect, it } from 'vitest';
import type { KeyEvent } from '../../../src/core/model.js';
import { UsageAccumulator } from '../../../src/pipeline/usage.js';

const ev = (time: string, extra: Partial<KeyEvent> = {}): KeyEvent => ({
  time,
  provider: 'aws',
  keyId: 'k1',
  operation: { raw: 'Decrypt', class: 'decrypt', readOnly: true },
  principal: { id: 'p1', type: 'role' },
  outcome: 'success',
  eventId: time,
  ...extra,
});

describe('UsageAccumulator', () => {
  it('counts an event for its key and every other key it names, and events without a key only in the window', () => {
    const u = new UsageAccumulator();
    u.observe(ev('2026-10-02T00:00:00Z', { operation: { raw: 'ReEncrypt', class: 're-encrypt', readOnly: false }, otherKeyIds: ['k2', '', 'k3'] }));
    u.observe(ev('2026-10-01T00:00:00Z', { keyId: undefined, principal: { id: 'p9', type: 'user' } }));
    u.observe(ev('2026-10-03T00:00:00Z', { keyId: 'k2', outcome: 'failure' }));
    const s = u.summary();
    expect(u.events).toBe(3);
    expect(s.window).toEqual({ start: '2026-10-01T00:00:00Z', end: '2026-10-03T00:00:00Z' });
    expect(Object.keys(s.keys)).toEqual(['k1', 'k2', 'k3']);
    expect(s.keys.k1).toEqual({ events: 1, cryptoEvents: 1, failures: 0, firstSeen: '2026-10-02T00:00:00Z', lastSeen: '2026-10-02T00:00:00Z', lastCryptoUseAt: '2026-10-02T00:00:00Z', principals: 1, operations: { 're-encrypt': 1 } });
    expect(s.keys.k2).toEqual({ events: 2, cryptoEvents: 1, failures: 1, firstSeen: '2026-10-02T00:00:00Z', lastSeen: '2026-10-03T00:00:00Z', lastCryptoUseAt: '2026-10-02T00:00:00Z', principals: 1, operations: { 're-encrypt': 1, decrypt: 1 } });
    expect(s.keys.k3!.events).toBe(1);
  });
});
