import { CreateKeyCommand, DecryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsClient } from '../../../../src/collectors/aws/clients.js';
import { ReadOnlyViolation } from '../../../../src/collectors/aws/guard.js';
import { canReadInWorker } from '../../../../src/collectors/aws/kms/in-worker.js';
import { startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';

const credentials = { accessKeyId: 'AKIDREUSETEST', secretAccessKey: 'test-secret' };

describe('client reuse (cached middleware stacks)', () => {
  let server: AwsJsonServer;
  beforeAll(async () => {
    server = await startAwsJsonServer();
    server.handlers.set('TrentService.ListKeys', () => ({ Keys: [], Truncated: false }));
  });
  afterAll(() => server.close());

  it('caches the middleware stack per command, and the guard still refuses on every call', async () => {
    const client = kmsClient({ region: 'eu-west-1', credentials, endpoint: server.url, maxAttempts: 1 });
    expect(client.config.cacheMiddleware).toBe(true);
    for (let i = 0; i < 3; i++) {
      await expect(client.send(new CreateKeyCommand({}))).rejects.toBeInstanceOf(ReadOnlyViolation);
      await expect(client.send(new DecryptCommand({ CiphertextBlob: new Uint8Array([1]) }))).rejects.toBeInstanceOf(ReadOnlyViolation);
      await client.send(new ListKeysCommand({}));
    }
    expect(server.requests.map((r) => r.operation)).toEqual(['ListKeys', 'ListKeys', 'ListKeys']);
    client.destroy();
  });

  it('tuned clients (memoised user agent, cacheable config lookups) send the headers the SDK computes', async () => {
    const tuned = kmsClient({ region: 'eu-west-1', credentials, endpoint: server.url, maxAttempts: 1 });
    const plain = new KMSClient({ region: 'eu-west-1', credentials, endpoint: server.url, maxAttempts: 1, retryMode: 'adaptive' });
    const before = server.requests.length;
    for (let i = 0; i < 2; i++) {
      await tuned.send(new ListKeysCommand({}));
      await plain.send(new ListKeysCommand({}));
    }
    const sent = server.requests.slice(before).map((r) => [r.headers['user-agent'], r.headers['x-amz-user-agent']]);
    expect(sent[0]?.[0]).toMatch(/aws-sdk-js\/\S+ ua\/2\.1 os\/\S+ lang\/js md\/nodejs#\S+ api\/kms#/);
    expect(new Set(sent.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(tuned.config.region).toBeTypeOf('function');
    tuned.destroy();
    plain.destroy();
  });

  it('reads in worker threads only from built JavaScript and with credentials a thread can receive', () => {
    // These tests run from the TypeScript sources: no worker entry, always in-process.
    expect(canReadInWorker({ region: 'eu-west-1', credentials })).toBe(false);
    expect(canReadInWorker({ region: 'eu-west-1', credentials: () => Promise.resolve(credentials) })).toBe(false);
  });
});
