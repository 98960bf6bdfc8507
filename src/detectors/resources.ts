// The resource a finding is attached to: the key when the event names one, else the principal
// (as a pseudo-resource of type 'principal'), or the log source.
import type { Finding, KeyEvent } from '../core/model.js';

export function keyResource(ev: KeyEvent): Finding['resource'] {
  return {
    provider: ev.provider,
    account: ev.account ?? accountFromArn(ev.keyId) ?? 'unknown',
    ...(ev.region ? { region: ev.region } : {}),
    id: ev.keyId ?? 'unknown',
    type: 'key',
  };
}

export function principalResource(ev: KeyEvent): Finding['resource'] {
  return {
    provider: ev.provider,
    account: ev.principal.account ?? ev.account ?? accountFromArn(ev.principal.id) ?? 'unknown',
    id: ev.principal.id,
    type: 'principal',
  };
}

export function sourceKey(ev: KeyEvent): string {
  return `${ev.provider}:${ev.account ?? '-'}:${ev.region ?? '-'}`;
}

export function sourceResource(ev: KeyEvent): Finding['resource'] {
  return {
    provider: ev.provider,
    account: ev.account ?? 'unknown',
    ...(ev.region ? { region: ev.region } : {}),
    id: sourceKey(ev),
    type: 'log-source',
  };
}

/** The account field of an ARN (arn:partition:service:region:account:resource). */
export function accountFromArn(id: string | undefined): string | undefined {
  if (!id?.startsWith('arn:')) return undefined;
  const account = id.split(':')[4];
  return account ? account : undefined;
}
