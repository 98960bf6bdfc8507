// Every AWS client keywarden uses is built here, and every one passes through the read-only guard.
// Endpoints are the SDK's own business: it honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
// (KMS, CLOUDTRAIL, S3, STS, ORGANIZATIONS, IAM, EC2) natively, so an explicit `endpoint` is only an
// override for embedding. Credentials default to the SDK's Node.js chain (environment, SSO, profiles,
// credential_process, web identity, container, instance metadata).
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { guardClient } from './guard.js';

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

function baseConfig(options: AwsClientOptions) {
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

export const kmsClient = (o: AwsClientOptions): KMSClient => guardClient(new KMSClient(baseConfig(o)));
export const cloudTrailClient = (o: AwsClientOptions): CloudTrailClient => guardClient(new CloudTrailClient(baseConfig(o)));
export const stsClient = (o: AwsClientOptions): STSClient => guardClient(new STSClient(baseConfig(o)));
export const organizationsClient = (o: AwsClientOptions): OrganizationsClient =>
  guardClient(new OrganizationsClient(baseConfig(o)));
export const ec2Client = (o: AwsClientOptions): EC2Client => guardClient(new EC2Client(baseConfig(o)));
export const iamClient = (o: AwsClientOptions): IAMClient => guardClient(new IAMClient(baseConfig(o)));
// Path-style addressing so that a custom endpoint (VPC endpoint, tests) needs no bucket DNS names;
// region redirects followed because a trail's bucket may live in another Region than the scan's home.
export const s3Client = (o: AwsClientOptions): S3Client =>
  guardClient(new S3Client({ ...baseConfig(o), forcePathStyle: o.endpoint !== undefined || hasS3EndpointOverride(), followRegionRedirects: true }));

function hasS3EndpointOverride(): boolean {
  return Boolean(process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL']);
}
