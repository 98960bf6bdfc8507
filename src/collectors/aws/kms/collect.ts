// KMS for one account+Region: raw reads → KeyRecords, custom key stores → KeyContainers, and a gap
// for every key store that is not CONNECTED (its keys cannot be used, so the scan must say so).
import type { CustomKeyStoresListEntry } from '@aws-sdk/client-kms';
import type { Gap, KeyContainer, KeyRecord } from '../../../core/model.js';
import { awsScope } from '../errors.js';
import { mapKmsKey } from './map.js';
import { KMS_SOURCE, readKmsRegion, type KmsReadOptions, type KmsRegionTarget } from './read.js';

export interface KmsCollected {
  keys: KeyRecord[];
  containers: KeyContainer[];
  gaps: Gap[];
}

export function mapCustomKeyStore(account: string, region: string, s: CustomKeyStoresListEntry): KeyContainer {
  const id = s.CustomKeyStoreId ?? '';
  const state = s.ConnectionState;
  return {
    ref: { provider: 'aws', account, region, type: 'custom-key-store', id, ...(s.CustomKeyStoreName !== undefined ? { name: s.CustomKeyStoreName } : {}) },
    provider: 'aws',
    account,
    region,
    id,
    ...(s.CustomKeyStoreName !== undefined ? { name: s.CustomKeyStoreName } : {}),
    kind: 'custom-key-store',
    raw: Object.fromEntries(
      Object.entries({
        CustomKeyStoreType: s.CustomKeyStoreType,
        ConnectionState: state,
        ConnectionErrorCode: s.ConnectionErrorCode,
        CloudHsmClusterId: s.CloudHsmClusterId,
        XksProxyConnectivity: s.XksProxyConfiguration?.Connectivity,
      }).filter(([, v]) => v !== undefined),
    ),
  };
}

export async function collectKmsRegion(target: KmsRegionTarget, options: KmsReadOptions = {}): Promise<KmsCollected> {
  const { account, region } = target;
  const read = await readKmsRegion(target, options);
  const keys = read.keys.map(mapKmsKey).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const containers = read.customKeyStores.map((s) => mapCustomKeyStore(account, region, s)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const gaps = [...read.gaps];
  for (const store of read.customKeyStores) {
    if (store.ConnectionState === undefined || store.ConnectionState === 'CONNECTED') continue;
    const container = mapCustomKeyStore(account, region, store);
    gaps.push({
      source: KMS_SOURCE,
      scope: awsScope(account, region, 'kms', `custom-key-store:${container.id}`),
      code: 'Disconnected',
      message: `custom key store ${store.CustomKeyStoreName ?? container.id} is ${store.ConnectionState}${store.ConnectionErrorCode !== undefined ? ` (${store.ConnectionErrorCode})` : ''}: its keys cannot be used`,
      retryable: false,
      resource: container.ref,
    });
  }
  return { keys, containers, gaps };
}
