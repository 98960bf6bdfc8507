// Read-only by construction: every Azure client keywarden creates (ARM Key Vault, Authorization,
// Monitor, the Key Vault data plane, Log Analytics) carries `readOnlyPolicy` in its HTTP pipeline. The
// policy sits after the retry policy, so it sees every attempt, and refuses any request that is not a
// GET, except the POST endpoints that only read: the Log Analytics query API (KQL is read-only).
// Anything else (PUT, PATCH, DELETE, key operations such as POST /keys/{name}/decrypt, /create,
// /backup) throws before a byte is sent.
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

export const READ_ONLY_POLICY_NAME = 'keywardenReadOnly';

/**
 * POST requests that are reads, by path: Log Analytics `POST /v1/workspaces/{id}/query` (one KQL query
 * over a workspace). `$batch` is deliberately absent: keywarden sends single queries.
 */
export const READ_ONLY_POSTS: readonly RegExp[] = [/\/workspaces\/[^/]+\/query$/i];

export class AzureReadOnlyViolation extends Error {
  override readonly name = 'ReadOnlyViolation';
  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(`keywarden is read-only: ${method} ${path} is not an allowed read request`);
  }
}

/** Throws AzureReadOnlyViolation unless `method url` is a GET or an allowlisted read POST. */
export function assertReadOnlyRequest(method: string, url: string): void {
  const path = safePath(url);
  const m = method.toUpperCase();
  if (m === 'GET') return;
  if (m === 'POST' && READ_ONLY_POSTS.some((re) => re.test(path))) return;
  throw new AzureReadOnlyViolation(m, path);
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** The pipeline policy; add it with `position: 'perRetry'` (see clients.ts). */
export const readOnlyPolicy: PipelinePolicy = {
  name: READ_ONLY_POLICY_NAME,
  async sendRequest(request: PipelineRequest, next) {
    assertReadOnlyRequest(request.method, request.url);
    return next(request);
  },
};
