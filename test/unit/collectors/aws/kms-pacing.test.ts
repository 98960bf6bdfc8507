import { DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsClient } from '../../../../src/collectors/aws/clients.js';
import { kmsRate, paceKmsClient } from '../../../../src/collectors/aws/kms/quotas.js';
import { createPacer } from '../../../../src/collectors/aws/pace.js';
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
    const client = paceKmsClient(kmsClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDP', secretAccessKey: 'x' }, endpoint: server.url }), { clock, rates: { DescribeKey: 4 }, share: 1, burst: 1 });
    for (let i = 0; i < 3; i += 1) await client.send(new DescribeKeyCommand({ KeyId: 'k1' }));
    await client.send(new ListKeysCommand({}));
    expect(sleeps).toEqual([250, 250]);
    expect(server.requests.map((r) => r.operation)).toEqual(['DescribeKey', 'DescribeKey', 'DescribeKey', 'ListKeys']);
    client.destroy();
  });

  it('a burst of 2 lets two calls go back to back, then spaces them; a stalled clock does not release a flood', async () => {
    let t = 0;
    const sleeps: number[] = [];
    const clock = { now: () => t, sleep: (ms: number) => { sleeps.push(ms); t += ms; return Promise.resolve(); } };
    const pace = createPacer(10, clock, 2);
    for (let i = 0; i < 4; i += 1) await pace();
    expect(sleeps).toEqual([100, 100]);
    // 10 s of silence, then 5 waiters at once: 2 go at once (the burst), the rest 100 ms apart
    t += 10_000;
    sleeps.length = 0;
    await Promise.all([0, 1, 2, 3, 4].map(() => pace()));
    expect(sleeps).toEqual([100, 100, 100]);
  });

  it('uses 90% of the documented quotas by default', () => {
    expect(kmsRate('DescribeKey')).toBe(1800);
    expect(kmsRate('ListGrants')).toBe(90);
    expect(kmsRate('ListResourceTags')).toBe(90);
    expect(kmsRate('ListGrants', { rates: { ListGrants: 300 }, share: 1 })).toBe(300);
  });
});
