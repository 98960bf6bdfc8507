// anomaly/new-principal: a principal never seen before using a key, after the key's warm-up; a
// principal from another account is reported with a higher severity. Per key: an exact set of
// principals up to `exactLimit`, then a Bloom filter (memory stays fixed for busy shared keys).
import { type Alert, type Detector, DAY, iso, NO_ALERTS } from '../types.js';
import { keyResource, accountFromArn } from '../resources.js';
import { BloomFilter } from '../stats/bloom.js';
import { noteNew, sweepIdle } from '../stats/idle-sweep.js';

const lastSeenOf = (k: { lastSeen: number }): number => k.lastSeen;

export interface NewPrincipalParams {
  warmupDays: number;
  /** Principals of these types never alert (AWS services act for many callers). */
  ignorePrincipalTypes: string[];
  successOnly: boolean;
  exactLimit: number;
  crossAccountSeverity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  idleDays: number;
}

interface KeyPrincipals {
  born: number;
  lastSeen: number;
  principals: string[];
  bloom?: ReturnType<BloomFilter['toJSON']>;
}

interface NewPrincipalState {
  keys: Map<string, KeyPrincipals>;
  blooms: Map<string, BloomFilter>;
}

export const newPrincipal: Detector<NewPrincipalParams, NewPrincipalState> = {
  id: 'new-principal',
  defaults: { warmupDays: 7, ignorePrincipalTypes: ['service'], successOnly: true, exactLimit: 256, crossAccountSeverity: 'high', idleDays: 90 },
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      warmupDays: { type: 'number', minimum: 0 },
      ignorePrincipalTypes: { type: 'array', items: { type: 'string' } },
      successOnly: { type: 'boolean' },
      exactLimit: { type: 'integer', minimum: 1 },
      crossAccountSeverity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
      idleDays: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  init: () => ({ keys: new Map(), blooms: new Map() }),
  observe(state, e, params) {
    const ev = e.event;
    if (!ev.keyId || (params.successOnly && ev.outcome !== 'success')) return NO_ALERTS;
    if (params.ignorePrincipalTypes.includes(ev.principal.type) || ev.viaService) return NO_ALERTS;
    let k = state.keys.get(ev.keyId);
    if (!k) {
      k = { born: e.time, lastSeen: e.time, principals: [] };
      state.keys.set(ev.keyId, k);
      noteNew(state.keys, e.time);
    }
    k.lastSeen = Math.max(k.lastSeen, e.time);
    const id = ev.principal.id;
    const bloom = state.blooms.get(ev.keyId);
    const known = k.principals.includes(id) || (bloom?.has(id) ?? false);
    if (known) return NO_ALERTS;
    if (k.principals.length < params.exactLimit) k.principals.push(id);
    else {
      const b = bloom ?? new BloomFilter();
      b.add(id);
      state.blooms.set(ev.keyId, b);
    }
    if (e.time - k.born < params.warmupDays * DAY) return NO_ALERTS;
    const keyAccount = ev.account ?? accountFromArn(ev.keyId);
    const principalAccount = ev.principal.account ?? accountFromArn(id);
    const crossAccount = Boolean(keyAccount && principalAccount && keyAccount !== principalAccount);
    const alert: Alert = {
      foldKey: `${ev.keyId}|${id}`,
      resource: keyResource(ev),
      principal: id,
      start: e.time,
      end: e.time,
      message: `${id}${crossAccount ? ` (account ${principalAccount}, key account ${keyAccount})` : ''} used key ${ev.keyId} for the first time (${ev.operation.raw})`,
      evidence: {
        observed: id,
        expected: k.principals.length > 20 ? `${k.principals.length - 1} known principals` : k.principals.filter((p) => p !== id).sort(),
        baseline: { keySeenSince: iso(k.born), knownPrincipals: k.principals.length - 1 + (bloom ? 1 : 0) },
        threshold: { warmupDays: params.warmupDays },
        score: crossAccount ? 2 : 1,
        crossAccount,
        ...(principalAccount ? { principalAccount } : {}),
        ...(keyAccount ? { keyAccount } : {}),
        principalType: ev.principal.type,
        operation: ev.operation.raw,
        ...(ev.sourceIp ? { sourceIp: ev.sourceIp } : {}),
        firstEventId: ev.eventId,
        lastEventId: ev.eventId,
      },
      ...(crossAccount ? { severity: params.crossAccountSeverity } : {}),
    };
    return [alert];
  },
  tick(state, now, params) {
    sweepIdle(state.keys, now, params.idleDays * DAY, lastSeenOf, (id) => {
      state.keys.delete(id);
      state.blooms.delete(id);
    });
    return NO_ALERTS;
  },
  snapshot: (state) => ({
    keys: [...state.keys].map(([id, k]) => [id, { ...k, ...(state.blooms.has(id) ? { bloom: state.blooms.get(id)!.toJSON() } : {}) }]),
  }),
  restore(saved) {
    const keys = new Map<string, KeyPrincipals>();
    const blooms = new Map<string, BloomFilter>();
    for (const [id, k] of (saved as { keys: [string, KeyPrincipals][] }).keys) {
      const { bloom, ...rest } = k;
      keys.set(id, rest);
      if (bloom) blooms.set(id, BloomFilter.fromJSON(bloom));
    }
    return { keys, blooms };
  },
  size: (state) => state.keys.size,
};
