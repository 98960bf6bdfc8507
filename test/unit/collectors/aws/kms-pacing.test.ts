import { DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsClient } from '../../../../src/collectors/aws/clients.js';
import { kmsRate, paceKmsClient } from '../../../../src/collectors/aws/kms/quotas.js';
import { startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { fakeKey, installFakeKms } from '../../../support/aws-server/kms.js';

describe('KMS client pacing at the request quotas', () => {
  let server: AwsJsonServer;
  beforeAll(async () => {
    server = await startAwsJsonServer();
    installFakeKms(server).regions.set('eu-west-1', [{ metadata: fakeKey('111122223333', 'eu-west-1', 'k1') }]);
  });
  afterAll(() => server.close());

  it('spaces calls of one operation at 1/rate and leaves other operations alone', async () => {
    let t = 0;
    const sleeps: number[] = [];
    const clock = { now: () => t, sleep: (ms: number) => { sleeps.push(ms); t += ms; return Promise.resolve(); } };
    const client = paceKmsClient(kmsClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDP', secretAccessKey: 'x' }, endpoint: server.url }), { clock, rates: { DescribeKey: 4 }, share: 1 });
    for (let i = 0; i < 3; i += 1) await client.send(new DescribeKeyCommand({ KeyId: 'k1' }));
    await client.send(new ListKeysCommand({}));
    expect(sleeps).toEqual([250, 250]);
    expect(server.requests.map((r) => r.operation)).toEqual(['DescribeKey', 'DescribeKey', 'DescribeKey', 'ListKeys']);
    client.destroy();
  });

  it('uses 90% of the documented quotas by default', () => {
    expect(kmsRate('DescribeKey')).toBe(1800);
    expect(kmsRate('ListGrants')).toBe(90);
    expect(kmsRate('ListResourceTags')).toBe(90);
    expect(kmsRate('ListGrants', { rates: { ListGrants: 300 }, share: 1 })).toBe(300);
  });
});
