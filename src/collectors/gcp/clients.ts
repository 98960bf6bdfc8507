// The Google clients keywarden uses, all on one guarded transport (./transport.ts): KMS and Resource
// Manager through their SDKs in REST-fallback mode (HTTP/1.1 JSON, so payloads are plain JSON and no
// gRPC channel is opened), Cloud Logging `entries:list` called directly (the Logging SDK's fallback
// cannot decode AuditLog payloads; see docs/gcp.md). Credentials: Application Default Credentials
// unless an auth client is injected (embedding, tests).
import { KeyManagementServiceClient } from '@google-cloud/kms';
import { ProjectsClient } from '@google-cloud/resource-manager';
import { GoogleAuth } from 'google-auth-library';
import type { Endpoint, GcpEndpoints, GcpService } from './endpoints.js';
import { GuardedAuth, replyError, type GcpAuth, type RequestStats, type RetryPolicy } from './transport.js';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS (service-account key, workload
 * identity federation or impersonation config), gcloud's ADC file, then the metadata server.
 * Service-account keys sign their own JWT (no token endpoint round trip), as Google's clients do.
 * `projectId` spares the external-account client a Resource Manager lookup of its own.
 */
export function applicationDefaultAuth(projectId: string | undefined, keyFilename?: string): GcpAuth {
  const auth = new GoogleAuth({
    scopes: [CLOUD_PLATFORM_SCOPE],
    ...(projectId !== undefined ? { projectId } : {}),
    ...(keyFilename !== undefined && keyFilename !== '' ? { keyFilename } : {}),
  });
  auth.useJWTAccessWithScope = true;
  return auth;
}

export interface GcpClients {
  kms: KeyManagementServiceClient;
  projects: ProjectsClient;
  logging: LoggingRest;
  close(): Promise<void>;
}

export interface ClientSetup {
  auth: GcpAuth;
  endpoints: GcpEndpoints;
  stats: RequestStats;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

type SdkOptions = ConstructorParameters<typeof KeyManagementServiceClient>[0];

function sdkOptions(e: Endpoint, guarded: GuardedAuth): SdkOptions {
  return {
    fallback: true,
    protocol: e.protocol,
    apiEndpoint: e.host,
    port: e.port,
    // GuardedAuth has what gax's REST stub calls (fetch, getRequestHeaders, universeDomain).
    authClient: guarded as unknown as NonNullable<SdkOptions>['authClient'],
  };
}

export function createClients(setup: ClientSetup): GcpClients {
  const guarded = (service: GcpService) => new GuardedAuth(setup.auth, service, setup.stats, setup.retry, setup.signal);
  const kms = new KeyManagementServiceClient(sdkOptions(setup.endpoints.kms, guarded('kms')));
  const projects = new ProjectsClient(sdkOptions(setup.endpoints.resourcemanager, guarded('resourcemanager')));
  const logging = new LoggingRest(setup.endpoints.logging, guarded('logging'));
  return {
    kms,
    projects,
    logging,
    close: async () => {
      await Promise.allSettled([kms.close(), projects.close()]);
    },
  };
}

/** One page of `entries.list` (Cloud Logging v2 REST): LogEntry objects as JSON. */
export interface EntriesPage {
  entries?: unknown[];
  nextPageToken?: string;
}

export interface EntriesListRequest {
  resourceNames: string[];
  filter: string;
  orderBy: 'timestamp asc' | 'timestamp desc';
  pageSize: number;
  pageToken?: string;
}

/** Cloud Logging v2 `POST /v2/entries:list` through the guarded transport. */
export class LoggingRest {
  constructor(
    private readonly endpoint: Endpoint,
    private readonly auth: GuardedAuth,
  ) {}

  async listEntries(request: EntriesListRequest): Promise<EntriesPage> {
    const res = await this.auth.fetch(`${this.endpoint.baseUrl}/v2/entries:list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!res.ok) throw await replyError(res);
    const data: unknown = await res.json();
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('entries:list: the reply is not a JSON object');
    return data;
  }
}
