import { ListKeysCommand } from '@aws-sdk/client-kms';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { kmsClient, organizationsClient } from '../../../../src/collectors/aws/clients.js';
import { startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';

// The SDK reads AWS_ENDPOINT_URL[_<SERVICE>] and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself:
// keywarden passes no endpoint and no credentials, and the calls still land on the local server.
const ENV_NAMES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_KMS', 'AWS_ENDPOINT_URL_ORGANIZATIONS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'];

describe('endpoints and credentials from the environment', () => {
  let server: AwsJsonServer;
  const saved = new Map<string, string | undefined>();
  beforeAll(async () => {
    server = await startAwsJsonServer();
    server.handlers.set('TrentService.ListKeys', () => ({ Keys: [{ KeyId: 'k1', KeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1' }], Truncated: false }));
    server.handlers.set('AWSOrganizationsV20161128.ListAccounts', () => ({ Accounts: [] }));
    for (const name of ENV_NAMES) saved.set(name, process.env[name]);
  });
  afterAll(() => server.close());
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    server.requests.length = 0;
  });

  function useEnv(values: Record<string, string>) {
    for (const name of ENV_NAMES) delete process.env[name];
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDENVTEST', AWS_SECRET_ACCESS_KEY: 'env-secret' }, values);
  }

  it('honours AWS_ENDPOINT_URL_KMS and the environment credentials', async () => {
    useEnv({ AWS_ENDPOINT_URL_KMS: server.url });
    const client = kmsClient({ region: 'eu-west-1' });
    const out = await client.send(new ListKeysCommand({}));
    expect(out.Keys?.[0]?.KeyId).toBe('k1');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.accessKeyId).toBe('AKIDENVTEST');
    expect(server.requests[0]?.region).toBe('eu-west-1');
    // adaptive retry mode with the default 5 attempts
    expect(String(server.requests[0]?.headers['amz-sdk-request'])).toBe('attempt=1; max=5');
    client.destroy();
  });

  it('honours the catch-all AWS_ENDPOINT_URL for other services, and maxAttempts', async () => {
    useEnv({ AWS_ENDPOINT_URL: server.url });
    const client = organizationsClient({ region: 'us-east-1', maxAttempts: 2 });
    await client.send(new ListAccountsCommand({}));
    expect(server.requests.map((r) => r.operation)).toEqual(['ListAccounts']);
    expect(String(server.requests[0]?.headers['amz-sdk-request'])).toBe('attempt=1; max=2');
    client.destroy();
  });
});
