// Errors from the Google clients (gaxios HTTP errors, gax GoogleErrors, network failures, the guard)
// → stable gap codes. The transport has already retried 429 / RESOURCE_EXHAUSTED and 503 by then.
import type { Gap, ResourceRef } from '../../core/model.js';

export interface ClassifiedError {
  /** AccessDenied, Throttled, Unauthenticated, NotFound, ApiDisabled, Unavailable, Unreachable, ReadOnlyViolation, InvalidArgument, Error. */
  code: string;
  retryable: boolean;
  /** `<STATUS>: <message>`; never request headers or tokens. */
  message: string;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

// google.rpc.Code numbers as gax reports them.
const GRPC_STATUS: Readonly<Record<number, string>> = {
  3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 5: 'NOT_FOUND', 7: 'PERMISSION_DENIED', 8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION', 13: 'INTERNAL', 14: 'UNAVAILABLE', 16: 'UNAUTHENTICATED',
};

const HTTP_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL', 502: 'UNAVAILABLE', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

interface Facts {
  httpStatus?: number;
  status?: string;
  message: string;
  network?: string;
}

/** The Google error body `{ error: { code, message, status } }` if `text` is one. */
function errorBody(text: unknown): { status?: string; message?: string; code?: number } | undefined {
  if (typeof text !== 'string' || !text.trimStart().startsWith('{')) return undefined;
  try {
    const e = (JSON.parse(text) as { error?: { status?: unknown; message?: unknown; code?: unknown } }).error;
    if (e === undefined || e === null || typeof e !== 'object') return undefined;
    return {
      ...(typeof e.status === 'string' ? { status: e.status } : {}),
      ...(typeof e.message === 'string' ? { message: e.message } : {}),
      ...(typeof e.code === 'number' ? { code: e.code } : {}),
    };
  } catch {
    return undefined;
  }
}

function facts(err: unknown): Facts {
  if (err === null || typeof err !== 'object') return { message: String(err) };
  const e = err as { code?: unknown; status?: unknown; message?: unknown; cause?: { code?: unknown }; response?: { status?: unknown; data?: unknown } };
  const rawMessage = typeof e.message === 'string' ? e.message : JSON.stringify(err);
  const network = [e.code, e.cause?.code].find((c): c is string => typeof c === 'string' && NETWORK.has(c));
  if (network !== undefined) return { message: rawMessage, network };
  const body = errorBody(rawMessage) ?? errorBody(typeof e.response?.data === 'string' ? e.response.data : undefined) ?? (e.response?.data && typeof e.response.data === 'object' ? errorBody(JSON.stringify(e.response.data)) : undefined);
  const httpStatus = typeof e.response?.status === 'number' ? e.response.status : typeof e.status === 'number' ? e.status : typeof body?.code === 'number' ? body.code : undefined;
  // gax GoogleError: numeric gRPC code
  const grpc = typeof e.code === 'number' && e.code < 100 ? GRPC_STATUS[e.code] : undefined;
  const status = body?.status ?? grpc ?? (httpStatus !== undefined ? HTTP_STATUS[httpStatus] : undefined);
  return { ...(httpStatus !== undefined ? { httpStatus } : {}), ...(status !== undefined ? { status } : {}), message: body?.message ?? rawMessage };
}

/** HTTP 429 / RESOURCE_EXHAUSTED and 502/503 / UNAVAILABLE: worth another attempt after a pause. */
export function isRetryable(err: unknown): boolean {
  const f = facts(err);
  return f.status === 'RESOURCE_EXHAUSTED' || f.status === 'UNAVAILABLE' || f.httpStatus === 429 || f.httpStatus === 503 || f.httpStatus === 502;
}

export function classifyGcpError(err: unknown): ClassifiedError {
  if (err instanceof Error && err.name === 'ReadOnlyViolation') return { code: 'ReadOnlyViolation', retryable: false, message: err.message };
  const f = facts(err);
  const short = f.message.length > 300 ? `${f.message.slice(0, 300)}…` : f.message;
  if (f.network !== undefined) return { code: 'Unreachable', retryable: true, message: `${f.network}: ${short}` };
  const status = f.status ?? 'UNKNOWN';
  const message = `${status}: ${short}`;
  switch (status) {
    case 'PERMISSION_DENIED':
      // A project where the API was never enabled answers 403 SERVICE_DISABLED.
      if (/SERVICE_DISABLED|has not been used in project|is disabled/i.test(f.message)) return { code: 'ApiDisabled', retryable: false, message };
      return { code: 'AccessDenied', retryable: false, message };
    case 'RESOURCE_EXHAUSTED':
      return { code: 'Throttled', retryable: true, message };
    case 'UNAUTHENTICATED':
      return { code: 'Unauthenticated', retryable: false, message };
    case 'NOT_FOUND':
      return { code: 'NotFound', retryable: false, message };
    case 'INVALID_ARGUMENT':
    case 'FAILED_PRECONDITION':
      return { code: 'InvalidArgument', retryable: false, message };
    case 'UNAVAILABLE':
    case 'DEADLINE_EXCEEDED':
    case 'INTERNAL':
      return { code: 'Unavailable', retryable: true, message };
    default:
      return { code: 'Error', retryable: f.httpStatus !== undefined && f.httpStatus >= 500, message };
  }
}

/** `gcp:<project>:<location or ->:<service>:<Rpc>` */
export const gcpScope = (project: string, location: string | undefined, service: string, rpc: string): string => `gcp:${project}:${location ?? '-'}:${service}:${rpc}`;

export function gcpGap(source: string, scope: string, err: unknown, resource?: ResourceRef): Gap {
  const c = classifyGcpError(err);
  return { source, scope, code: c.code, message: c.message, retryable: c.retryable, ...(resource !== undefined ? { resource } : {}) };
}

/** The reason put in a record's `unknown` map: `AccessDenied: PERMISSION_DENIED: ...`. */
export function unknownReason(err: unknown): string {
  const c = classifyGcpError(err);
  return `${c.code}: ${c.message}`;
}
