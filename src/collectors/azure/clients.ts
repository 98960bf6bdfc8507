// Every Azure client keywarden uses is built here, and every one carries the read-only policy
// (./guard.ts). Endpoints: KEYWARDEN_AZURE_ARM_ENDPOINT (default https://management.azure.com) and
// KEYWARDEN_AZURE_LOGS_ENDPOINT (default https://api.loganalytics.io/v1) for sovereign clouds, private
// links and tests; vault data-plane endpoints come from ARM's vaultUri / hsmUri. TLS trust is the
// process's (NODE_EXTRA_CA_CERTS) unless `ca` is given (embedding, in-process tests). Throttling
// (429 + Retry-After) and transient errors are retried by the core pipeline, then become gaps.
import type { TokenCredential } from '@azure/core-auth';
import { RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { MonitorClient } from '@azure/arm-monitor';
import { KeyClient } from '@azure/keyvault-keys';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { readOnlyPolicy } from './guard.js';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_LOGS_ENDPOINT = 'https://api.loganalytics.io/v1';

export interface AzureClientOptions {
  credential: TokenCredential;
  armEndpoint: string;
  logsEndpoint: string;
  /** PEM trust anchors for this process's clients only; default the Node.js store (+ NODE_EXTRA_CA_CERTS). */
  ca?: string;
  /** Retries after the first attempt on 429 / 5xx / network errors (Retry-After honoured). Default 3. */
  maxRetries?: number;
  /** First back-off for network errors and 5xx (exponential, jittered). Default 800 ms. */
  retryDelayMs?: number;
  /** Cap on one retry wait; a longer Retry-After is cut to this. Default 30 s. */
  maxRetryDelayMs?: number;
  /**
   * Skip the Key Vault SDK's check that the challenge resource matches the vault host, for vaults on a
   * loopback address only (local emulators and tests: 127.0.0.1 never ends with ".vault.azure.net").
   * Set by KEYWARDEN_AZURE_LOCAL_VAULTS=1. Real vault hosts are always verified.
   */
  localVaults?: boolean;
  /** Extra policies (tests count requests here); always after the read-only guard. */
  extraPolicies?: PipelinePolicy[];
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** Endpoints from the environment (trailing slashes removed). */
export function endpointsFromEnv(env: NodeJS.ProcessEnv): { armEndpoint: string; logsEndpoint: string; localVaults?: boolean } {
  return {
    ...(env.KEYWARDEN_AZURE_LOCAL_VAULTS === '1' ? { localVaults: true } : {}),
    armEndpoint: trimSlash(env.KEYWARDEN_AZURE_ARM_ENDPOINT || DEFAULT_ARM_ENDPOINT),
    logsEndpoint: trimSlash(env.KEYWARDEN_AZURE_LOGS_ENDPOINT || DEFAULT_LOGS_ENDPOINT),
  };
}

/**
 * arm-monitor 7 pins diagnostic settings to api-version 2017-05-01-preview, which predates category
 * groups (`audit`, `allLogs`); ask for 2021-05-01-preview so that group-based settings are visible.
 */
export const DIAGNOSTIC_SETTINGS_API_VERSION = '2021-05-01-preview';
const diagnosticApiVersionPolicy: PipelinePolicy = {
  name: 'keywardenDiagnosticSettingsApiVersion',
  sendRequest(request, next) {
    if (/\/providers\/microsoft\.insights\/diagnosticSettings/i.test(request.url)) {
      const url = new URL(request.url);
      url.searchParams.set('api-version', DIAGNOSTIC_SETTINGS_API_VERSION);
      request.url = url.toString();
    }
    return next(request);
  },
};

/**
 * The Key Vault client's paged calls keep only the top-level error code of a 403 ("Forbidden"), which
 * cannot tell a firewall (innererror ForbiddenByFirewall) from a missing role (ForbiddenByRbac). This
 * policy raises a 403 itself, with the whole error body as `details`.
 */
export const forbiddenDetailsPolicy: PipelinePolicy = {
  name: 'keywardenForbiddenDetails',
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status !== 403) return response;
    let body: { error?: { code?: string; message?: string } } | undefined;
    try {
      body = response.bodyAsText ? (JSON.parse(response.bodyAsText) as typeof body) : undefined;
    } catch {
      body = undefined;
    }
    throw new RestError(body?.error?.message ?? 'Forbidden', { statusCode: 403, ...(body?.error?.code ? { code: body.error.code } : {}), request, response });
  },
};

function pipelineOptions(o: AzureClientOptions, extra: PipelinePolicy[] = []) {
  const additionalPolicies = [readOnlyPolicy, ...extra, ...(o.extraPolicies ?? [])].map((policy) => ({ policy, position: 'perRetry' as const }));
  return {
    additionalPolicies,
    retryOptions: { maxRetries: o.maxRetries ?? 3, retryDelayInMs: o.retryDelayMs ?? 800, maxRetryDelayInMs: o.maxRetryDelayMs ?? 30_000 },
    ...(o.ca !== undefined ? { tlsOptions: { ca: o.ca } } : {}),
    userAgentOptions: { userAgentPrefix: 'keywarden' },
  };
}

const scopeOf = (endpoint: string) => `${new URL(endpoint).origin}/.default`;

export const keyVaultArmClient = (o: AzureClientOptions, subscriptionId: string): KeyVaultManagementClient =>
  new KeyVaultManagementClient(o.credential, subscriptionId, { ...pipelineOptions(o), endpoint: o.armEndpoint, credentials: { scopes: [scopeOf(o.armEndpoint)] } });

export const authorizationClient = (o: AzureClientOptions, subscriptionId: string): AuthorizationManagementClient =>
  new AuthorizationManagementClient(o.credential, subscriptionId, { ...pipelineOptions(o), endpoint: o.armEndpoint, credentialScopes: [scopeOf(o.armEndpoint)] });

export const monitorClient = (o: AzureClientOptions, subscriptionId: string): MonitorClient =>
  new MonitorClient(o.credential, subscriptionId, { ...pipelineOptions(o, [diagnosticApiVersionPolicy]), endpoint: o.armEndpoint, credentialScopes: [scopeOf(o.armEndpoint)] });

/** Data plane of one vault or Managed HSM; the scope comes from the vault's 401 challenge. */
export const keyClient = (o: AzureClientOptions, vaultUri: string): KeyClient =>
  new KeyClient(trimSlash(vaultUri), o.credential, { ...pipelineOptions(o, [forbiddenDetailsPolicy]), ...(o.localVaults === true && isLoopback(vaultUri) ? { disableChallengeResourceVerification: true } : {}) });

export function isLoopback(uri: string): boolean {
  const host = new URL(uri).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const logsClient = (o: AzureClientOptions): LogsQueryClient =>
  new LogsQueryClient(o.credential, { ...pipelineOptions(o), endpoint: o.logsEndpoint, credentials: { scopes: [scopeOf(o.logsEndpoint)] } });

/** DefaultAzureCredential, loaded only when Azure is scanned (environment, workload identity, managed identity, CLI). */
export async function defaultCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}
