// SDK errors → stable gap codes. The SDK has already retried throttling and transient errors
// (adaptive mode) by the time an error reaches these functions.
import type { Gap, ResourceRef } from '../../core/model.js';

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError']);

export interface ClassifiedError {
  /** Stable gap code. */
  /** Throttled, AccessDenied, Unreachable, NotFound, InvalidState, Unsupported, Unauthenticated, ReadOnlyViolation, or the SDK error name. */
  code: string;
  retryable: boolean;
  /** `<ErrorName>: <message>`; never contains request headers or credentials. */
  message: string;
}

export function errorName(err: unknown): string {
  if (err !== null && typeof err === 'object') {
    const e = err as { name?: unknown; code?: unknown };
    if (typeof e.code === 'string' && NETWORK.has(e.code)) return e.code;
    if (typeof e.name === 'string') return e.name;
  }
  return 'Error';
}

export function classifyAwsError(err: unknown): ClassifiedError {
  const name = errorName(err);
  const raw = err instanceof Error ? err.message : String(err);
  const message = `${name}: ${raw.length > 300 ? `${raw.slice(0, 300)}…` : raw}`;
  if (THROTTLING.has(name)) return { code: 'Throttled', retryable: true, message };
  if (DENIED.has(name)) return { code: 'AccessDenied', retryable: false, message };
  if (NETWORK.has(name)) return { code: 'Unreachable', retryable: true, message };
  if (name === 'NotFoundException') return { code: 'NotFound', retryable: false, message };
  if (name === 'KMSInvalidStateException') return { code: 'InvalidState', retryable: false, message };
  if (name === 'UnsupportedOperationException') return { code: 'Unsupported', retryable: false, message };
  // An opt-in Region that is not enabled answers UnrecognizedClientException; so do bad credentials.
  if (name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId' || name === 'ExpiredTokenException') {
    return { code: 'Unauthenticated', retryable: false, message };
  }
  if (name === 'ReadOnlyViolation') return { code: 'ReadOnlyViolation', retryable: false, message };
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return { code: name, retryable: status !== undefined && status >= 500, message };
}

/** `aws:<account>:<region>:<service>:<Operation>` */
export const awsScope = (account: string, region: string, service: string, operation: string): string =>
  `aws:${account}:${region}:${service}:${operation}`;

export function awsGap(source: string, scope: string, err: unknown, resource?: ResourceRef): Gap {
  const c = classifyAwsError(err);
  return { source, scope, code: c.code, message: c.message, retryable: c.retryable, ...(resource !== undefined ? { resource } : {}) };
}
