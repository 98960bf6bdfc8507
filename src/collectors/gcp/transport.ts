// The one HTTP path to Google Cloud. Every SDK client (KMS, Resource Manager) gets a `GuardedAuth` as
// its `authClient`: google-gax's REST fallback sends each request through `authClient.fetch`, and
// the Logging reader calls the same `fetch`. Here each request is (1) checked against the read-only
// allowlist (./guard.ts) before it is sent, (2) counted, (3) retried on 429 / RESOURCE_EXHAUSTED
// and 503 after Retry-After (or a capped exponential pause), then the error is left to become a gap.
import { isRetryable } from './errors.js';
import type { GcpService } from './endpoints.js';
import { assertReadOnlyRequest } from './guard.js';

/** The part of a google-auth-library client (GoogleAuth, OAuth2Client, JWT, ...) keywarden uses. */
export interface GcpAuth {
  fetch(input: string | URL, init?: Record<string, unknown>): Promise<unknown>;
  getRequestHeaders(url?: string | URL): Promise<unknown>;
  universeDomain?: unknown;
}

export interface RequestStats {
  /** Requests sent (each retry counts). */
  requests: number;
  retries: number;
  byRpc: Record<string, number>;
}

export const newStats = (): RequestStats => ({ requests: 0, retries: 0, byRpc: {} });

export interface RetryPolicy {
  /** Attempts per request, first included. Default 4. */
  maxAttempts?: number;
  /** First pause without Retry-After; doubles per attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** No pause is longer than this, Retry-After included. Default 30 s. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const headers = (err as { response?: { headers?: unknown } } | null)?.response?.headers;
  let value: unknown;
  // gaxios may hand back its own fetch implementation's Headers: duck-type get()
  if (headers !== null && typeof headers === 'object' && typeof (headers as { get?: unknown }).get === 'function') value = (headers as { get(n: string): unknown }).get('retry-after');
  else if (headers !== null && typeof headers === 'object') value = (headers as Record<string, unknown>)['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An error for a response the inner client returned instead of throwing (validateStatus off). */
function responseError(res: { status: number; headers?: unknown; statusText?: string }): Error {
  const e = new Error(`HTTP ${res.status} ${res.statusText ?? ''}`.trim()) as Error & { status: number; response: unknown };
  e.status = res.status;
  e.response = res;
  return e;
}

export class GuardedAuth {
  readonly universeDomain: string;
  constructor(
    private readonly inner: GcpAuth,
    readonly service: GcpService,
    readonly stats: RequestStats,
    private readonly retry: RetryPolicy = {},
    private readonly signal?: AbortSignal,
  ) {
    this.universeDomain = typeof inner.universeDomain === 'string' ? inner.universeDomain : 'googleapis.com';
  }

  getRequestHeaders(url?: string | URL): Promise<unknown> {
    return this.inner.getRequestHeaders(url);
  }

  async fetch(input: string | URL, init: Record<string, unknown> = {}): Promise<unknown> {
    const method = typeof init.method === 'string' ? init.method : 'GET';
    const rpc = assertReadOnlyRequest(this.service, method, input);
    const maxAttempts = Math.max(1, this.retry.maxAttempts ?? 4);
    const sleep = this.retry.sleep ?? realSleep;
    for (let attempt = 1; ; attempt++) {
      if (this.signal?.aborted === true) throw this.signal.reason instanceof Error ? this.signal.reason : new Error('aborted');
      this.stats.requests += 1;
      this.stats.byRpc[rpc] = (this.stats.byRpc[rpc] ?? 0) + 1;
      let failure: unknown;
      try {
        const res = await this.inner.fetch(input, init);
        const status = (res as { status?: unknown }).status;
        if (typeof status !== 'number' || status < 400) return res;
        failure = responseError(res as { status: number });
      } catch (err) {
        failure = err;
      }
      if (attempt >= maxAttempts || !isRetryable(failure)) throw failure;
      const base = Math.min((this.retry.baseDelayMs ?? 500) * 2 ** (attempt - 1), this.retry.maxDelayMs ?? 30_000);
      const wait = Math.min(retryAfterMs(failure) ?? base, this.retry.maxDelayMs ?? 30_000);
      this.stats.retries += 1;
      await sleep(wait);
    }
  }
}
