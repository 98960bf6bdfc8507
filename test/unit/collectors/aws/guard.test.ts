import * as kms from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsClient } from '../../../../src/collectors/aws/clients.js';
import { READ_ONLY_OPERATIONS, ReadOnlyViolation, assertReadOnly, readOnlyGuardPlugin } from '../../../../src/collectors/aws/guard.js';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';

const credentials = { accessKeyId: 'AKIDGUARDTEST', secretAccessKey: 'test-secret' };

type CommandClass = new (input: Record<string, unknown>) => kms.KMSClient extends { send(c: infer C): unknown } ? C : never;

function kmsCommands(): [string, CommandClass][] {
  return Object.entries(kms)
    .filter(([name, value]) => name.endsWith('Command') && name !== '$Command' && typeof value === 'function')
    .map(([name, value]) => [name.replace(/Command$/, ''), value as unknown as CommandClass]);
}

describe('read-only guard', () => {
  let server: AwsJsonServer;
  beforeAll(async () => {
    server = await startAwsJsonServer();
    server.handlers.set('TrentService.ListKeys', () => ({ Keys: [], Truncated: false }));
  });
  afterAll(() => server.close());

  it('refuses every KMS command outside the allowlist before anything is sent', async () => {
    const client = kmsClient({ region: 'eu-west-1', credentials, endpoint: server.url, maxAttempts: 1 });
    const refused = kmsCommands().filter(([op]) => !READ_ONLY_OPERATIONS.kms.has(op));
    // Every write and every cryptographic operation of the client is in the refused set.
    for (const op of ['CreateKey', 'PutKeyPolicy', 'ScheduleKeyDeletion', 'Decrypt', 'Encrypt', 'GenerateDataKey', 'Sign', 'GetParametersForImport', 'CreateGrant', 'DisableKeyRotation']) {
      expect(refused.map(([name]) => name)).toContain(op);
    }
    expect(refused.length).toBeGreaterThan(40);
    for (const [op, Command] of refused) {
      await expect(client.send(new Command({ KeyId: 'k' })), op).rejects.toBeInstanceOf(ReadOnlyViolation);
    }
    expect(server.requests).toHaveLength(0);
    client.destroy();
  });

  it('lets allowlisted reads through, and every allowlisted KMS operation is a real command', async () => {
    const names = new Set(kmsCommands().map(([op]) => op));
    for (const op of READ_ONLY_OPERATIONS.kms) expect(names, op).toContain(op);
    const client = kmsClient({ region: 'eu-west-1', credentials, endpoint: server.url, maxAttempts: 1 });
    const out = await client.send(new kms.ListKeysCommand({}));
    expect(out.Keys).toEqual([]);
    expect(server.requests.map((r) => r.operation)).toEqual(['ListKeys']);
    client.destroy();
  });

  it('as a plugin (for SDK-created STS clients) refuses STS writes before sending', async () => {
    const before = server.requests.length;
    const sts = new STSClient({ region: 'us-east-1', credentials, endpoint: server.url });
    sts.middlewareStack.use(readOnlyGuardPlugin);
    await expect(sts.send(new GetSessionTokenCommand({}))).rejects.toBeInstanceOf(ReadOnlyViolation);
    expect(server.requests.length).toBe(before);
    sts.destroy();
  });

  it('refuses clients and commands it does not know', () => {
    expect(() => assertReadOnly('EC2Client', 'DescribeInstancesCommand')).toThrow(ReadOnlyViolation);
    expect(() => assertReadOnly('KMSClient', undefined)).toThrow(ReadOnlyViolation);
    expect(() => assertReadOnly('STSClient', 'AssumeRoleCommand')).not.toThrow();
    expect(() => assertReadOnly('CloudTrailClient', 'StopLoggingCommand')).toThrow(/cloudtrail:StopLogging/);
  });
});
