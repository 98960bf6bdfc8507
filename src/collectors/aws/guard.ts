// Read-only by construction: every AWS client keywarden creates goes through `guardClient`, which adds
// an SDK middleware at the very first step (initialize). It checks the command against an explicit
// allowlist of read operations and throws before the request is built, signed or sent. Anything not
// listed (including reads that return key material, such as GetParametersForImport, and every
// cryptographic operation: Decrypt, Encrypt, GenerateDataKey*, Sign, ...) is refused.

/** The AWS services keywarden talks to, by the SDK client's `clientName`. */
export type AwsService = 'kms' | 'cloudtrail' | 's3' | 'sts' | 'organizations' | 'iam' | 'ec2';

const CLIENT_SERVICE: Readonly<Record<string, AwsService>> = {
  KMSClient: 'kms',
  CloudTrailClient: 'cloudtrail',
  S3Client: 's3',
  STSClient: 'sts',
  OrganizationsClient: 'organizations',
  IAMClient: 'iam',
  EC2Client: 'ec2',
};

/**
 * Operation names (without the `Command` suffix) keywarden may call, per service: exactly the reads
 * it makes (docs/permissions.md lists each with its purpose), nothing "just in case". Notes on the less obvious entries:
 * - CloudTrail Lake `StartQuery` only runs a SQL SELECT over an event data store (Lake rejects any
 *   statement but SELECT) and `GetQueryResults` reads its rows: neither changes a resource.
 * - STS `AssumeRole` obtains temporary credentials for the read-only role in each member account; it
 *   changes nothing in the account.
 * - KMS `GetPublicKey` and `GetParametersForImport` are deliberately absent: keywarden never asks for
 *   key material or import tokens.
 */
export const READ_ONLY_OPERATIONS: Readonly<Record<AwsService, ReadonlySet<string>>> = {
  kms: new Set([
    'ListKeys',
    'DescribeKey',
    'GetKeyRotationStatus',
    'ListKeyRotations',
    'GetKeyPolicy',
    'ListAliases',
    'ListGrants',
    'ListResourceTags',
    'DescribeCustomKeyStores',
    'GetKeyLastUsage',
  ]),
  cloudtrail: new Set([
    'DescribeTrails',
    'GetTrailStatus',
    'GetEventSelectors',
    'LookupEvents',
    'StartQuery',
    'GetQueryResults',
  ]),
  s3: new Set(['GetObject', 'ListObjectsV2']),
  sts: new Set(['AssumeRole', 'GetCallerIdentity']),
  organizations: new Set(['ListAccounts']),
  iam: new Set(['GetAccountAuthorizationDetails']),
  // The account's enabled Regions (default for --aws-regions).
  ec2: new Set(['DescribeRegions']),
};

/** Thrown by the guard; carries the refused operation so callers can report it. */
export class ReadOnlyViolation extends Error {
  override readonly name = 'ReadOnlyViolation';
  constructor(
    readonly service: string,
    readonly operation: string,
  ) {
    super(`keywarden is read-only: ${service}:${operation} is not an allowed read operation`);
  }
}

/** Throws ReadOnlyViolation unless `operation` of `clientName` is on the allowlist. */
export function assertReadOnly(clientName: string | undefined, commandName: string | undefined): void {
  const service = clientName === undefined ? undefined : CLIENT_SERVICE[clientName];
  const operation = (commandName ?? '').replace(/Command$/, '');
  if (service === undefined) throw new ReadOnlyViolation(clientName ?? '(unknown client)', operation || '(unknown)');
  if (!READ_ONLY_OPERATIONS[service].has(operation)) throw new ReadOnlyViolation(service, operation || '(unknown)');
}

/** The part of an SDK v3 client the guard needs (every @aws-sdk client has it). */
export interface GuardableClient {
  middlewareStack: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's overloaded, generic signature
    add(middleware: any, options: any): void;
  };
}

export const GUARD_MIDDLEWARE_NAME = 'keywardenReadOnlyGuard';

const guardMiddleware =
  (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) =>
  async (args: unknown) => {
    // async so that a refusal is a rejected promise from send(), like any SDK error
    assertReadOnly(context.clientName, context.commandName);
    return next(args);
  };
const GUARD_OPTIONS = { step: 'initialize', name: GUARD_MIDDLEWARE_NAME, priority: 'high', override: true } as const;

/** Adds the read-only guard to `client` (idempotent) and returns the same client. */
export function guardClient<C extends GuardableClient>(client: C): C {
  client.middlewareStack.add(guardMiddleware, GUARD_OPTIONS);
  return client;
}

/**
 * The same guard as an SDK plugin, for clients the SDK creates itself (the STS client inside
 * `fromTemporaryCredentials`, passed as `clientPlugins`).
 */
export const readOnlyGuardPlugin = {
  applyToStack(stack: GuardableClient['middlewareStack']): void {
    stack.add(guardMiddleware, GUARD_OPTIONS);
  },
};
