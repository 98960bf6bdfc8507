// Azure SDK errors → stable gap codes. The core pipeline has already retried 429 (honouring
// Retry-After), 5xx and network errors by the time an error reaches these functions.
import type { Gap, ResourceRef } from '../../core/model.js';

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'REQUEST_SEND_ERROR']);
/** Key Vault's 403 inner codes when the network, not the identity, is refused. */
const NETWORK_REFUSALS = /ForbiddenByFirewall|ForbiddenByConnection|Client address is not authorized|Public network access is disabled/i;

export interface ClassifiedError {
  /** Throttled, AccessDenied, Unreachable, NotFound, Unauthenticated, ReadOnlyViolation, or the service's code. */
  code: string;
  retryable: boolean;
  /** `<service code>: <message>`; never contains headers or tokens. */
  message: string;
}

interface RestLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  details?: unknown;
  response?: { bodyAsText?: string | null };
}

/** The error body: RestError.details, else the raw response text (paged calls keep only that). */
function errorBody(e: RestLike): { body: unknown; text: string } {
  const text = typeof e.response?.bodyAsText === 'string' ? e.response.bodyAsText.slice(0, 2000) : '';
  if (e.details !== undefined) return { body: e.details, text };
  try {
    return { body: text ? JSON.parse(text) : undefined, text };
  } catch {
    return { body: undefined, text };
  }
}

/** The innermost service code in a Key Vault / ARM error body ({error: {code, innererror: {code}}}). */
function innerCode(details: unknown): string | undefined {
  // RestError.details is the error body ({ error: {...} }) or, for some clients, its `error` member.
  const d = details as { error?: unknown } | undefined;
  let e = (d !== null && typeof d === 'object' && 'error' in d ? d.error : d) as { code?: unknown; innererror?: unknown } | undefined;
  let code: string | undefined;
  for (let depth = 0; e !== undefined && e !== null && typeof e === 'object' && depth < 4; depth++) {
    if (typeof e.code === 'string') code = e.code;
    e = e.innererror as typeof e;
  }
  return code;
}

export function classifyAzureError(err: unknown): ClassifiedError {
  const e = (err !== null && typeof err === 'object' ? err : {}) as RestLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const { body, text: bodyText } = errorBody(e);
  const serviceCode = innerCode(body) ?? (typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'Error');
  const bodyMessage = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  const raw = `${typeof e.message === 'string' ? e.message : String(err)}${typeof bodyMessage === 'string' && !String(e.message).includes(bodyMessage) ? `: ${bodyMessage}` : ''}`;
  const text = raw.length > 300 ? `${raw.slice(0, 300)}…` : raw;
  const message = `${serviceCode}: ${text}`;
  if (e.name === 'ReadOnlyViolation') return { code: 'ReadOnlyViolation', retryable: false, message };
  if (status === 429) return { code: 'Throttled', retryable: true, message };
  if (status === 403 && (NETWORK_REFUSALS.test(serviceCode) || NETWORK_REFUSALS.test(raw) || NETWORK_REFUSALS.test(bodyText))) return { code: 'Unreachable', retryable: false, message };
  if (status === 403 || serviceCode === 'AuthorizationFailed') return { code: 'AccessDenied', retryable: false, message };
  if (status === 401 || e.name === 'CredentialUnavailableError' || e.name === 'AuthenticationError' || e.name === 'AggregateAuthenticationError') {
    return { code: 'Unauthenticated', retryable: false, message };
  }
  if (typeof e.code === 'string' && NETWORK.has(e.code)) return { code: 'Unreachable', retryable: true, message };
  if (typeof e.code === 'string' && /DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|CERT_/.test(e.code)) {
    return { code: 'Unreachable', retryable: false, message: `${message} (TLS: is the CA in NODE_EXTRA_CA_CERTS?)` };
  }
  if (status === 404) return { code: 'NotFound', retryable: false, message };
  return { code: serviceCode, retryable: status !== undefined && status >= 500, message };
}

/** `azure:<subscription>:<location>:<service>:<what>` */
export const azureScope = (subscription: string, location: string, service: string, what: string): string => `azure:${subscription}:${location}:${service}:${what}`;

export function azureGap(source: string, scope: string, err: unknown, resource?: ResourceRef): Gap {
  const c = classifyAzureError(err);
  return { source, scope, code: c.code, message: c.message, retryable: c.retryable, ...(resource !== undefined ? { resource } : {}) };
}
