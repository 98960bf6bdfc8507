import { CreateKeyCommand, DecryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
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

  it('reads in worker threads only from built JavaScript and with credentials a thread can receive', () => {
    // These tests run from the TypeScript sources: no worker entry, always in-process.
    expect(canReadInWorker({ region: 'eu-west-1', credentials })).toBe(false);
    expect(canReadInWorker({ region: 'eu-west-1', credentials: () => Promise.resolve(credentials) })).toBe(false);
  });
});
