// Every AWS client keywarden uses is built here, and every one passes through the read-only guard.
// Endpoints are the SDK's own business: it honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
// (KMS, CLOUDTRAIL, S3, STS, ORGANIZATIONS, IAM, EC2) natively, so an explicit `endpoint` is only an
// override for embedding. Credentials default to the SDK's Node.js chain (environment, SSO, profiles,
// credential_process, web identity, container, instance metadata).
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { baseConfig, tuneClient, type AwsClientOptions } from './client-config.js';
import { guardClient } from './guard.js';

export type { AwsClientOptions, AwsCredentials } from './client-config.js';
export { DEFAULT_MAX_ATTEMPTS } from './client-config.js';
export { kmsClient } from './kms-client.js';

export const cloudTrailClient = (o: AwsClientOptions): CloudTrailClient => guardClient(tuneClient(new CloudTrailClient(baseConfig(o))));
export const stsClient = (o: AwsClientOptions): STSClient => guardClient(tuneClient(new STSClient(baseConfig(o))));
export const organizationsClient = (o: AwsClientOptions): OrganizationsClient =>
  guardClient(tuneClient(new OrganizationsClient(baseConfig(o))));
export const ec2Client = (o: AwsClientOptions): EC2Client => guardClient(tuneClient(new EC2Client(baseConfig(o))));
export const iamClient = (o: AwsClientOptions): IAMClient => guardClient(tuneClient(new IAMClient(baseConfig(o))));
// Path-style addressing so that a custom endpoint (VPC endpoint, tests) needs no bucket DNS names;
// region redirects followed because a trail's bucket may live in another Region than the scan's home.
export const s3Client = (o: AwsClientOptions): S3Client =>
  guardClient(tuneClient(new S3Client({ ...baseConfig(o), forcePathStyle: o.endpoint !== undefined || hasS3EndpointOverride(), followRegionRedirects: true })));

function hasS3EndpointOverride(): boolean {
  return Boolean(process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL']);
}
