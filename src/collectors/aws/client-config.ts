// The configuration every AWS client keywarden builds shares, in a module that imports no SDK client
// (type imports only), so that a KMS worker thread loads @aws-sdk/client-kms and nothing else (EC2 and
// S3 alone cost about a second of CPU to load, in every thread).
import type { KMSClientConfig } from '@aws-sdk/client-kms';

export type AwsCredentials = NonNullable<KMSClientConfig['credentials']>;

export interface AwsClientOptions {
  region: string;
  /** A credential identity or provider; absent = the SDK default chain (with `profile` if set). */
  credentials?: AwsCredentials;
  /** Shared-config profile (`--aws-profile`); ignored when `credentials` is given. */
  profile?: string;
  /** Attempts per call including the first (SDK retries with adaptive back-off). Default 5. */
  maxAttempts?: number;
  /** Explicit endpoint; normally absent so that AWS_ENDPOINT_URL[_<SERVICE>] apply. */
  endpoint?: string;
  /** SDK retry mode; default adaptive (a client-side rate limiter that slows down on throttling). */
  retryMode?: 'standard' | 'adaptive';
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function baseConfig(options: AwsClientOptions) {
  return {
    region: options.region,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // Adaptive mode adds a client-side token bucket that slows down when AWS throttles.
    retryMode: options.retryMode ?? 'adaptive',
    // Resolve each command class's middleware stack once per client instead of on every call (about a
    // tenth of the CPU per call at KMS quota rates). The guard is part of the cached stack and still
    // runs on every call; it is added when the client is built, before the first send.
    cacheMiddleware: true,
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.credentials === undefined && options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
  } as const;
}

/** The parts of an SDK client's resolved config `tuneClient` touches. */
interface TunableClient {
  config: object;
}

/** Applies the per-call CPU savings below to a freshly built client; returns the same client. */
export function tuneClient<C extends TunableClient>(client: C): C {
  memoiseDefaultUserAgent(client.config);
  withCacheableConfigLookups(client.config);
  return client;
}

/**
 * The SDK recomputes its default user-agent sections on every call (OS name and release, Node.js
 * version, app id: a uname system call and a dozen small arrays). They cannot change while the
 * process runs, so each client computes them once; the header sent is the same.
 */
function memoiseDefaultUserAgent(config: { defaultUserAgentProvider?: unknown }): void {
  const provider = config.defaultUserAgentProvider;
  if (typeof provider !== 'function') return;
  let sections: Promise<unknown[]> | undefined;
  config.defaultUserAgentProvider = async (): Promise<unknown[]> => {
    sections ??= (provider as () => Promise<unknown[]>)();
    // A fresh array each time: the middleware may append to what it is given.
    return [...(await sections)];
  };
}

/**
 * Makes property reads on the client's resolved config cheap. The SDK builds `client.config` by
 * merging a few dozen properties in steps, which leaves V8 holding it as a hash table ("dictionary
 * mode"); every middleware reads and spreads it on every call, and those reads cannot be cached by V8's
 * inline caches. Using the object as a prototype is V8's documented path to lookups it can cache (the
 * same object, same properties and values; nothing about the request changes). Measured: about a fifth of
 * the CPU per KMS call. Applied last, after every change to the config.
 */
function withCacheableConfigLookups(config: object): void {
  function ConfigLookups(): void {}
  ConfigLookups.prototype = config;
  void Reflect.construct(ConfigLookups, []);
}
