// Shared setup: the local Azure server and a stub TokenCredential that records the scopes asked for.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AzureClientOptions } from '../../../../src/collectors/azure/clients.js';
import type { AzureTestServer } from '../../../support/azure-server/server.mjs';

export interface StubCredential extends TokenCredential {
  seen: { scopes: string[]; tenantId?: string }[];
}

export function stubCredential(): StubCredential {
  const seen: StubCredential['seen'] = [];
  return {
    seen,
    getToken(scopes: string | string[], opts?: GetTokenOptions): Promise<AccessToken> {
      seen.push({ scopes: Array.isArray(scopes) ? scopes : [scopes], ...(opts?.tenantId ? { tenantId: opts.tenantId } : {}) });
      return Promise.resolve({ token: 'stub-token', expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  };
}

export function clientOptions(server: AzureTestServer, credential: TokenCredential, extra: Partial<AzureClientOptions> = {}): AzureClientOptions {
  return { credential, armEndpoint: server.armEndpoint, logsEndpoint: server.logsEndpoint, ca: server.ca, maxRetries: 1, retryDelayMs: 20, localVaults: true, ...extra };
}
