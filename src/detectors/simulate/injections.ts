// The labelled anomalies injected into simulated traffic: one of each kind, after the warm-up,
// each with the rule that must find it and the principal or resource it concerns.
import type { KeyEvent } from '../../core/model.js';
import type { Emit } from './traffic.js';
import type { Random } from './random.js';
import { ACCOUNTS, IPS, KEYS, ROLES } from './cast.js';

export interface Injection {
  id: string;
  rule: string;
  start: number;
  end: number;
  /** The finding's principal (or resource id when `resource` is set). */
  principal?: string;
  resource?: string;
  note: string;
  /** Other rules that rightly describe the same incident (e.g. a new country is also a new network). */
  companions?: string[];
  emit(hourStart: number, rng: Random, emit: Emit): void;
  /** Events this injection removes (logging gap). */
  drops?(e: KeyEvent): boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIN = 60_000;

function base(principal: string, type: KeyEvent['principal']['type'], account: string, keyId: string, raw: string, cls: KeyEvent['operation']['class'], ip: string) {
  return {
    account: keyId.split(':')[4]!,
    region: keyId.split(':')[3]!,
    keyId,
    operation: { raw, class: cls, readOnly: false },
    principal: { id: principal, type, account },
    sourceIp: ip,
  };
}

/** Emit `n` events spread over [from, to) that fall into the hour starting at `hourStart`. */
function within(hourStart: number, from: number, to: number, n: number, make: (i: number) => Parameters<Emit>[1], emit: Emit): void {
  for (let i = 0; i < n; i++) {
    const at = from + Math.floor(((to - from) * i) / n);
    if (at >= hourStart && at < hourStart + HOUR) emit(at, make(i));
  }
}

export function plannedInjections(start: number): Injection[] {
  const at = (day: number, h: number, m = 0) => start + day * DAY + h * HOUR + m * MIN;
  const injections: Injection[] = [];
  const add = (inj: Injection) => injections.push(inj);
  // Bulk decrypt by the application role (exfiltration): 6000 calls in an hour, Tuesday 10:00.
  add({
    id: 'bulk-decrypt', rule: 'anomaly/op-spike', start: at(15, 10), end: at(15, 11), principal: ROLES.app, note: '6000 Decrypt in one hour',
    emit: (h, _r, emit) => within(h, at(15, 10), at(15, 11), 6000, () => base(ROLES.app, 'role', ACCOUNTS.prod, KEYS.app, 'Decrypt', 'decrypt', IPS.usNat), emit),
  });
  // Stolen CI credentials probing 15 keys: 300 AccessDenied in 40 minutes.
  add({
    id: 'denied-probe', rule: 'anomaly/error-burst', start: at(16, 14), end: at(16, 14, 40), principal: ROLES.ci, note: '300 AccessDenied over 15 keys',
    emit: (h, _r, emit) =>
      within(h, at(16, 14), at(16, 14, 40), 300, (i) => ({ ...base(ROLES.ci, 'role', ACCOUNTS.prod, KEYS.numbered('secret', i % 15), 'Decrypt', 'decrypt', IPS.usNat), outcome: 'failure', errorCode: 'AccessDeniedException' }), emit),
  });
  // bob's credentials used from Brazil on Saturday noon (14 h after his last US call: not travel).
  add({
    id: 'brazil', rule: 'anomaly/new-country', start: at(19, 12), end: at(19, 12, 10), principal: ROLES.bob, note: 'calls from BR', companions: ['anomaly/rare-asn'],
    emit: (h, _r, emit) => within(h, at(19, 12), at(19, 12, 10), 3, () => base(ROLES.bob, 'user', ACCOUNTS.prod, KEYS.app, 'Decrypt', 'decrypt', IPS.brAttacker), emit),
  });
  // carol (in Washington that day) is also seen in London 20 minutes after a US call.
  add({
    id: 'travel', rule: 'anomaly/impossible-travel', start: at(21, 15, 0), end: at(21, 15, 25), principal: ROLES.carol, note: 'US then GB within 25 minutes',
    emit: (h, _r, emit) => {
      within(h, at(21, 15, 0), at(21, 15, 1), 1, () => base(ROLES.carol, 'user', ACCOUNTS.prod, KEYS.app, 'Decrypt', 'decrypt', IPS.usCarol), emit);
      within(h, at(21, 15, 20), at(21, 15, 25), 2, () => base(ROLES.carol, 'user', ACCOUNTS.prod, KEYS.app, 'Decrypt', 'decrypt', IPS.gbCarol), emit);
    },
  });
  // A principal of a foreign account uses the application key.
  add({
    id: 'intruder', rule: 'anomaly/new-principal', start: at(22, 11), end: at(22, 11, 5), principal: ROLES.intruder, note: 'cross-account first use',
    emit: (h, _r, emit) => within(h, at(22, 11), at(22, 11, 5), 3, () => base(ROLES.intruder, 'role', ACCOUNTS.external, KEYS.app, 'Decrypt', 'decrypt', IPS.usIntruder), emit),
  });
  add({
    id: 'schedule-deletion', rule: 'anomaly/sensitive-operation', start: at(23, 10, 5), end: at(23, 10, 5), resource: KEYS.target, note: 'ScheduleKeyDeletion',
    emit: (h, _r, emit) => within(h, at(23, 10, 5), at(23, 10, 6), 1, () => ({ ...base(ROLES.admin, 'user', ACCOUNTS.prod, KEYS.target, 'ScheduleKeyDeletion', 'delete', IPS.usBob), details: { pendingWindowInDays: 7 } }), emit),
  });
  add({
    id: 'public-policy', rule: 'anomaly/sensitive-operation', start: at(23, 15, 30), end: at(23, 15, 30), resource: KEYS.app, note: 'PutKeyPolicy with Principal *',
    emit: (h, _r, emit) =>
      within(h, at(23, 15, 30), at(23, 15, 31), 1, () => ({
        ...base(ROLES.admin, 'user', ACCOUNTS.prod, KEYS.app, 'PutKeyPolicy', 'policy-change', IPS.usBob),
        details: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] }) },
      }), emit),
  });
  // The reporting role (two keys a day) describes 60 keys in half an hour.
  add({
    id: 'enumeration', rule: 'anomaly/breadth', start: at(24, 10), end: at(24, 10, 30), principal: ROLES.reporting, note: '60 distinct keys',
    emit: (h, _r, emit) => within(h, at(24, 10), at(24, 10, 30), 60, (i) => base(ROLES.reporting, 'role', ACCOUNTS.prod, KEYS.numbered('vault', i), 'DescribeKey', 'describe', IPS.vpcApp), emit),
  });
  // The trail is stopped, then the production source is silent for four hours (Friday).
  add({
    id: 'stop-logging', rule: 'anomaly/logging-gap', start: at(25, 8, 50), end: at(25, 8, 50), principal: ROLES.admin, note: 'StopLogging',
    emit: (h, _r, emit) =>
      within(h, at(25, 8, 50), at(25, 8, 51), 1, () => ({ ...base(ROLES.admin, 'user', ACCOUNTS.prod, KEYS.app, 'StopLogging', 'other', IPS.usBob), keyId: undefined }), emit),
  });
  add({
    id: 'silence', rule: 'anomaly/logging-gap', start: at(25, 9), end: at(25, 13), resource: `aws:${ACCOUNTS.prod}:us-east-1`, note: 'no events for four hours',
    emit: () => undefined,
    drops: (e) => e.account === ACCOUNTS.prod && e.region === 'us-east-1' && Date.parse(e.time) >= at(25, 9) && Date.parse(e.time) < at(25, 13),
  });
  return injections;
}
