import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudTrailClient } from '../../../../src/collectors/aws/clients.js';
import { lookupKmsEvents } from '../../../../src/collectors/aws/cloudtrail/lookup.js';
import type { PaceClock } from '../../../../src/collectors/aws/pace.js';
import { awsError, startAwsJsonServer, type AwsJsonServer } from '../../../support/aws-server/server.js';
import { installFakeLookupEvents } from '../../../support/aws-server/cloudtrail.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`;

function record(i: number, source = 'kms.amazonaws.com'): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'AssumedRole', principalId: 'AROA:s', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/s`, accountId: ACCOUNT, sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/app`, accountId: ACCOUNT } } },
    eventTime: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString().replace('.000Z', 'Z'),
    eventSource: source,
    eventName: 'Decrypt',
    awsRegion: REGION,
    sourceIPAddress: '192.0.2.10',
    userAgent: 'aws-sdk',
    requestParameters: { keyId: KEY, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    responseElements: null,
    requestID: `req-${i}`,
    eventID: `evt-${String(i).padStart(4, '0')}`,
    readOnly: true,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
  };
}

/** A clock that only moves when the pacer sleeps: the test never waits. */
function fakePace(): PaceClock & { sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => t, sleep: (ms) => { sleeps.push(ms); t += ms; return Promise.resolve(); } };
}

describe('LookupEvents collector', () => {
  let server: AwsJsonServer;
  beforeAll(async () => {
    server = await startAwsJsonServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.faults.length = 0;
  });
  const client = () => cloudTrailClient({ region: REGION, credentials: { accessKeyId: 'AKIDCT', secretAccessKey: 'x' }, endpoint: server.url, maxAttempts: 1 });
  const window = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z') };

  it('pages through KMS events at no more than 2 requests per second and maps them with the offline mapper', async () => {
    const events = Array.from({ length: 120 }, (_, i) => record(i));
    events.push(record(500, 's3.amazonaws.com'));
    events.push({ ...record(7), eventID: 'bad', __raw: '{"eventSource":' });
    installFakeLookupEvents(server, events);
    const pace = fakePace();
    const out = await lookupKmsEvents({ account: ACCOUNT, region: REGION, client: client() }, { ...window, pace });
    expect(server.requests.map((r) => r.body['NextToken'] ?? null)).toEqual([null, '50', '100']);
    expect(server.requests[0]?.body['LookupAttributes']).toEqual([{ AttributeKey: 'EventSource', AttributeValue: 'kms.amazonaws.com' }]);
    expect(pace.sleeps).toEqual([500, 500]);
    expect(out.events).toHaveLength(120);
    expect(out.events[0]).toMatchObject({ time: '2026-11-01T00:00:00.000Z', provider: 'aws', account: ACCOUNT, region: REGION, keyId: KEY, operation: { raw: 'Decrypt', readOnly: true }, principal: { id: `arn:aws:iam::${ACCOUNT}:role/app` }, outcome: 'success', eventId: 'evt-0000', origin: { format: 'aws-lookup-events' } });
    expect(out.gaps).toMatchObject([{ code: 'MalformedRecord', count: 1, scope: `aws:${ACCOUNT}:${REGION}:cloudtrail:LookupEvents` }]);
  });

  it('keeps the events read before a persistent throttle and records a retryable gap', async () => {
    installFakeLookupEvents(server, Array.from({ length: 60 }, (_, i) => record(i)));
    server.faults.push((req) => (req.operation === 'LookupEvents' && req.body['NextToken'] === '50' ? awsError('ThrottlingException', 'Rate exceeded') : undefined));
    const out = await lookupKmsEvents({ account: ACCOUNT, region: REGION, client: client() }, { ...window, pace: fakePace() });
    expect(out.events).toHaveLength(50);
    expect(out.gaps).toMatchObject([{ code: 'Throttled', retryable: true }]);
  });
});
