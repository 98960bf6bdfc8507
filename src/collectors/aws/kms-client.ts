// The KMS client, in its own module so that a KMS worker thread loads only @aws-sdk/client-kms (see
// ./client-config.ts). Like every client keywarden builds, it passes through the read-only guard.
import { KMSClient } from '@aws-sdk/client-kms';
import { baseConfig, tuneClient, type AwsClientOptions } from './client-config.js';
import { guardClient } from './guard.js';

export const kmsClient = (o: AwsClientOptions): KMSClient => guardClient(tuneClient(new KMSClient(baseConfig(o))));
