// The one HTTP path to Google Cloud. Every SDK client (KMS, Resource Manager) gets a `GuardedAuth` as
// its `authClient`: google-gax's REST fallback sends each request through `authClient.fetch`, and
// the Logging reader calls the same `fetch`. Here each request is (1) checked against the read-only
// allowlist (./guard.ts) before it is sent, (2) given the credentials' headers and sent with Node's
// own fetch (cheaper than the gaxios path: 17 s instead of 22 s of CPU for the 10,106 requests of
// bench/gcp), (3) counted,
// (4) retried on 429 / RESOURCE_EXHAUSTED and 502/503 after Retry-After (or a capped exponential
// pause); a final error reply goes back to the caller to become a gap.
import type { GcpService } from './endpoints.js';
import { assertReadOnlyRequest } from './guard.js';

/** The part of a google-auth-library client (GoogleAuth, OAuth2Client, JWT, ...) keywarden uses. */
export interface GcpAuth {
  /** The Authorization (and quota-project) headers for a request to `url`. */
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

  /**
   * Sends one read request (after the guard) with Node's fetch and the credentials' headers, retrying
   * 429/502/503. Returns the Response as gax expects it (a final error reply is returned, not thrown:
   * gax decodes Google's error body into a GoogleError); network failures throw.
   */
  async fetch(input: string | URL, init: Record<string, unknown> = {}): Promise<Response> {
    const method = typeof init.method === 'string' ? init.method.toUpperCase() : 'GET';
    const rpc = assertReadOnlyRequest(this.service, method, input);
    const url = String(input);
    const maxAttempts = Math.max(1, this.retry.maxAttempts ?? 4);
    const maxDelay = this.retry.maxDelayMs ?? 30_000;
    const sleep = this.retry.sleep ?? realSleep;
    for (let attempt = 1; ; attempt++) {
      if (this.signal?.aborted === true) throw this.signal.reason instanceof Error ? this.signal.reason : new Error('aborted');
      const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
      mergeHeaders(headers, await this.inner.getRequestHeaders(url));
      this.stats.requests += 1;
      this.stats.byRpc[rpc] = (this.stats.byRpc[rpc] ?? 0) + 1;
      const res = await fetch(url, {
        method,
        headers,
        ...(method !== 'GET' && init.body !== undefined ? { body: init.body as NonNullable<RequestInit['body']> } : {}),
        ...(init.signal instanceof AbortSignal ? { signal: init.signal } : this.signal ? { signal: this.signal } : {}),
      });
      if (!RETRY_STATUS.has(res.status) || attempt >= maxAttempts) return res;
      const after = retryAfterMs({ response: res });
      await res.arrayBuffer().catch(() => undefined); // frees the connection
      const wait = Math.min(after ?? (this.retry.baseDelayMs ?? 500) * 2 ** (attempt - 1), maxDelay);
      this.stats.retries += 1;
      await sleep(wait);
    }
  }
}

const RETRY_STATUS = new Set([429, 502, 503]);

/** Adds the credentials' headers (a Headers object or a plain record, by google-auth-library version). */
function mergeHeaders(into: Headers, from: unknown): void {
  if (from instanceof Headers || (from !== null && typeof from === 'object' && typeof (from as Headers).forEach === 'function' && typeof (from as Headers).get === 'function')) {
    (from as Headers).forEach((v, k) => into.set(k, v));
  } else if (from !== null && typeof from === 'object') {
    for (const [k, v] of Object.entries(from as Record<string, unknown>)) if (typeof v === 'string') into.set(k, v);
  }
}

/** An error with the reply's status, body and headers, for callers that read replies themselves. */
export async function replyError(res: Response): Promise<Error> {
  const text = await res.text().catch(() => '');
  const e = new Error(text !== '' ? text : `HTTP ${res.status}`) as Error & { status: number; response: { status: number; headers: Headers } };
  e.status = res.status;
  e.response = { status: res.status, headers: res.headers };
  return e;
}
