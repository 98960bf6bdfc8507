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

/** Source keys by provider, account and region: built once, not per event (bounded). */
const sourceKeys = new Map<string, Map<string, Map<string, string>>>();

export function sourceKey(ev: KeyEvent): string {
  const account = ev.account ?? '-';
  const region = ev.region ?? '-';
  let byAccount = sourceKeys.get(ev.provider);
  if (!byAccount) {
    if (sourceKeys.size >= 64) sourceKeys.clear();
    byAccount = new Map();
    sourceKeys.set(ev.provider, byAccount);
  }
  let byRegion = byAccount.get(account);
  if (!byRegion) {
    if (byAccount.size >= 10_000) byAccount.clear();
    byRegion = new Map();
    byAccount.set(account, byRegion);
  }
  let key = byRegion.get(region);
  if (key === undefined) {
    key = `${ev.provider}:${account}:${region}`;
    byRegion.set(region, key);
  }
  return key;
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
