// Where the three Google APIs are reached: the public endpoints by default, or a base URL from
// KEYWARDEN_GCP_KMS_ENDPOINT / _LOGGING_ / _RESOURCEMANAGER_ (private endpoints, sovereign clouds,
// local tests). A plain http:// endpoint is used without TLS, with a warning.
import { ToolError } from '../../core/errors.js';

export type GcpService = 'kms' | 'logging' | 'resourcemanager';

export const DEFAULT_ENDPOINTS: Readonly<Record<GcpService, string>> = {
  kms: 'https://cloudkms.googleapis.com',
  logging: 'https://logging.googleapis.com',
  resourcemanager: 'https://cloudresourcemanager.googleapis.com',
};

export const ENDPOINT_ENV: Readonly<Record<GcpService, string>> = {
  kms: 'KEYWARDEN_GCP_KMS_ENDPOINT',
  logging: 'KEYWARDEN_GCP_LOGGING_ENDPOINT',
  resourcemanager: 'KEYWARDEN_GCP_RESOURCEMANAGER_ENDPOINT',
};

export interface Endpoint {
  /** `https://host[:port]`, without a trailing slash. */
  baseUrl: string;
  protocol: 'http' | 'https';
  host: string;
  port: number;
  /** Not the default public endpoint. */
  overridden: boolean;
}

export type GcpEndpoints = Record<GcpService, Endpoint>;

export function parseEndpoint(service: GcpService, value: string, overridden = true): Endpoint {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badEndpoint(service, value, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badEndpoint(service, value, 'use http:// or https://');
  // The clients build paths from the API's own REST mapping (/v1/projects/...), so a base path cannot be honoured.
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') throw badEndpoint(service, value, 'give a base URL without a path');
  if (url.username !== '' || url.password !== '') throw badEndpoint(service, value, 'credentials do not belong in the URL');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port !== '' ? Number(url.port) : protocol === 'http' ? 80 : 443;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { baseUrl: `${protocol}://${url.host}`, protocol, host, port, overridden };
}

function badEndpoint(service: GcpService, value: string, why: string): ToolError {
  return new ToolError('usage', `${ENDPOINT_ENV[service]}=${value}: ${why}`, { actions: [`Set ${ENDPOINT_ENV[service]} to a base URL such as ${DEFAULT_ENDPOINTS[service]}.`] });
}

/** The endpoints from the environment, plus one warning per plain-http endpoint. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv): { endpoints: GcpEndpoints; warnings: string[] } {
  const warnings: string[] = [];
  const pick = (service: GcpService): Endpoint => {
    const given = env[ENDPOINT_ENV[service]];
    const e = given !== undefined && given.trim() !== '' ? parseEndpoint(service, given.trim()) : parseEndpoint(service, DEFAULT_ENDPOINTS[service], false);
    if (e.protocol === 'http') warnings.push(`warning: ${ENDPOINT_ENV[service]} is plain http (${e.baseUrl}): Google Cloud requests and tokens travel without TLS; use only for local testing`);
    return e;
  };
  return { endpoints: { kms: pick('kms'), logging: pick('logging'), resourcemanager: pick('resourcemanager') }, warnings };
}
