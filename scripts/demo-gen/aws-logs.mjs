// CloudTrail records for the demo: prod as S3-delivered gzip files ({"Records":[...]}), dev as an
// NDJSON export of a CloudTrail Lake store. Field shapes follow the AWS KMS developer guide examples.
import { ANCHOR_MS, DAY, HOUR, MINUTE, iso } from './common.mjs';
import { DEV, PARTNER, PROD } from './aws.mjs';
import { steady, nightly } from './traffic.mjs';

const READ_ONLY = new Set(['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey', 'ListKeys', 'ListAliases', 'GetKeyPolicy', 'Sign', 'Verify', 'GenerateMac', 'ReEncrypt']);

function role(rng, acct, name) {
  const id = `AROA${rng.hex(16).toUpperCase()}`;
  return (session) => ({
    type: 'AssumedRole', principalId: `${id}:${session}`, arn: `arn:aws:sts::${acct}:assumed-role/${name}/${session}`, accountId: acct,
    accessKeyId: `ASIA${id.slice(4, 20)}`,
    sessionContext: { sessionIssuer: { type: 'Role', principalId: id, arn: `arn:aws:iam::${acct}:role/${name}`, accountId: acct, userName: name }, attributes: { creationDate: '2026-10-01T00:00:00Z', mfaAuthenticated: 'false' } },
  });
}

function user(rng, acct, name) {
  const id = `AIDA${rng.hex(16).toUpperCase()}`;
  return () => ({ type: 'IAMUser', principalId: id, arn: `arn:aws:iam::${acct}:user/${name}`, accountId: acct, accessKeyId: `AKIA${id.slice(4, 20)}`, userName: name });
}

function keyOf(keys, alias, acct, region) {
  const k = keys.find((x) => x.provider === 'aws' && x.aliases.includes(alias) && x.account === acct && x.region === region);
  if (!k) throw new Error(`demo: no AWS key ${alias} in ${acct}/${region}`);
  return k.id;
}

export function awsRecords(rng, keys) {
  const out = { prod: [], dev: [] };
  const rec = (bucket, r) => {
    const acct = r.account;
    const record = {
      eventVersion: '1.09', userIdentity: r.identity, eventTime: iso(r.ms), eventSource: 'kms.amazonaws.com', eventName: r.name, awsRegion: r.region,
      sourceIPAddress: r.ip, userAgent: r.ua ?? 'aws-sdk-java/2.25.16 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.10',
      ...(r.error ? { errorCode: r.error, errorMessage: `User: ${r.identity.arn ?? r.identity.accountId} is not authorized to perform: kms:${r.name} on resource: ${r.key} because no identity-based policy allows the kms:${r.name} action` } : {}),
      requestParameters: r.params ?? (r.key ? { keyId: r.key, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } : null),
      responseElements: r.response ?? null,
      requestID: rng.uuid(), eventID: r.eventId ?? rng.uuid(), readOnly: READ_ONLY.has(r.name),
      ...(r.key ? { resources: [{ accountId: r.key.split(':')[4], type: 'AWS::KMS::Key', ARN: r.key }] } : {}),
      eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: acct, eventCategory: 'Management',
      ...(r.ip.includes('amazonaws') || r.ip === 'AWS Internal' ? {} : { tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `kms.${r.region}.amazonaws.com` } }),
    };
    out[bucket].push(record);
    return record;
  };

  const ordersApi = role(rng, PROD, 'orders-api');
  const etl = role(rng, PROD, 'etl-batch');
  const billing = role(rng, PROD, 'billing-svc');
  const ordersUs = role(rng, PROD, 'orders-api-us');
  const gateway = role(rng, PROD, 'partner-gateway');
  const alice = user(rng, PROD, 'alice');
  const ci = user(rng, PROD, 'ci-deployer');
  const devRunner = role(rng, DEV, 'dev-runner');
  const ip = (prefix) => `${prefix}.${rng.int(1, 250)}`;

  const appData = keyOf(keys, 'alias/app-data', PROD, 'eu-west-1');
  const billingKey = keyOf(keys, 'alias/billing', PROD, 'eu-west-1');
  const mrkReplica = keyOf(keys, 'alias/orders-mrk', PROD, 'eu-west-1');
  const mrkPrimary = keyOf(keys, 'alias/orders-mrk', PROD, 'us-east-1');
  const legacy = keyOf(keys, 'alias/legacy-reporting', PROD, 'eu-west-1');
  const partner = keyOf(keys, 'alias/partner-share', PROD, 'eu-west-1');
  const logArchive = keyOf(keys, 'alias/log-archive', PROD, 'eu-west-1');
  const devScratch = keyOf(keys, 'alias/dev-scratch', DEV, 'us-east-1');
  const devEbs = keyOf(keys, 'alias/dev-ebs-cmk', DEV, 'us-east-1');
  const eu = { account: PROD, region: 'eu-west-1' };

  steady(rng, 6, (ms) => rec('prod', { ...eu, ms, name: rng.next() < 0.7 ? 'Decrypt' : 'GenerateDataKey', identity: ordersApi('orders-api-task'), key: rng.next() < 0.8 ? appData : mrkReplica, ip: ip('54.72.10') }));
  steady(rng, 10, (ms) => rec('prod', { ...eu, ms, name: 'Decrypt', identity: etl('etl-nightly'), key: appData, ip: ip('54.72.11') }), nightly);
  steady(rng, 3, (ms) => rec('prod', { ...eu, ms, name: rng.next() < 0.5 ? 'Encrypt' : 'Decrypt', identity: billing('billing'), key: billingKey, ip: ip('80.150.1') }));
  steady(rng, 1, (ms) => rec('prod', { ...eu, ms, name: 'GenerateDataKey', identity: ordersApi('orders-api-task'), key: appData, ip: 's3.amazonaws.com', ua: 's3.amazonaws.com', params: { keyId: appData, keySpec: 'AES_256', encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::acme-orders/2026/' } } }));
  steady(rng, 0.8, (ms) => rec('prod', { ...eu, ms, name: 'GenerateDataKey', identity: { accountId: PROD, invokedBy: 'logs.eu-west-1.amazonaws.com' }, key: logArchive, ip: 'logs.eu-west-1.amazonaws.com', ua: 'logs.eu-west-1.amazonaws.com' }));
  steady(rng, 3, (ms) => rec('prod', { account: PROD, region: 'us-east-1', ms, name: 'Decrypt', identity: ordersUs('orders-api-us-task'), key: mrkPrimary, ip: ip('52.95.110') }));
  // The partner gateway (prod) is the usual caller of partner-share: its baseline makes the later cross-account use stand out.
  steady(rng, 0.6, (ms) => rec('prod', { ...eu, ms, name: 'Decrypt', identity: gateway('gateway'), key: partner, ip: ip('54.72.12') }));
  steady(rng, 0.15, (ms) => rec('prod', { ...eu, ms, name: rng.next() < 0.5 ? 'DescribeKey' : 'ListAliases', identity: alice(), key: rng.next() < 0.5 ? appData : undefined, ip: ip('194.169.180'), ua: 'aws-cli/2.17.20 Python/3.11.9 Linux/6.8' }));
  steady(rng, 0.2, (ms) => rec('prod', { ...eu, ms, name: 'DescribeKey', identity: ci(), key: appData, ip: ip('52.95.111'), ua: 'terraform/1.9.5' }));
  steady(rng, 1, (ms) => rec('dev', { account: DEV, region: 'us-east-1', ms, name: 'Decrypt', identity: devRunner('runner'), key: devScratch, ip: ip('52.95.112') }));
  steady(rng, 0.5, (ms) => rec('dev', { account: DEV, region: 'us-east-1', ms, name: 'Decrypt', identity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' }, key: devEbs, ip: 'ec2.amazonaws.com', ua: 'ec2.amazonaws.com' }));
  // AWS-initiated rotation of app-data (KMS writes it itself): no geography, must not trip geo detectors.
  rec('prod', { ...eu, ms: ANCHOR_MS - 9 * DAY + 3 * HOUR, name: 'RotateKey', identity: { accountId: PROD, invokedBy: 'kms.amazonaws.com' }, key: appData, ip: 'kms.amazonaws.com', ua: 'kms.amazonaws.com', params: null, response: null });

  // Injected anomalies (listed in examples/demo/README.md).
  const t0 = ANCHOR_MS - 7 * DAY + 10 * HOUR + 12 * MINUTE; // 2026-10-25T10:12Z
  rec('prod', { ...eu, ms: t0, name: 'ScheduleKeyDeletion', identity: alice(), key: legacy, ip: ip('194.169.180'), ua: 'aws-cli/2.17.20 Python/3.11.9 Linux/6.8', params: { keyId: legacy, pendingWindowInDays: 30 }, response: { keyId: legacy, keyState: 'PendingDeletion', deletionDate: 'Nov 24, 2026 10:12:00 AM' } });
  const publicPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'kms:*', Resource: '*' }, { Sid: 'PartnerAccess', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }] });
  rec('prod', { ...eu, ms: ANCHOR_MS - 3 * DAY - 2 * HOUR + 4 * MINUTE, name: 'PutKeyPolicy', identity: alice(), key: partner, ip: ip('194.169.180'), ua: 'aws-cli/2.17.20 Python/3.11.9 Linux/6.8', params: { keyId: partner, policyName: 'default', policy: publicPolicy, bypassPolicyLockoutSafetyCheck: false } });
  const spike = ANCHOR_MS - 3 * DAY + 2 * HOUR; // 2026-10-29T02:00Z
  for (let i = 0; i < 1500; i++) rec('prod', { ...eu, ms: spike + Math.floor((i * HOUR) / 1500), name: 'Decrypt', identity: etl('etl-nightly'), key: appData, ip: '54.72.11.40' });
  const burst = ANCHOR_MS - 2 * DAY + 14 * HOUR; // 2026-10-30T14:00Z
  const denied = [appData, billingKey, partner, legacy, logArchive];
  for (let i = 0; i < 60; i++) {
    const name = ['Decrypt', 'CreateGrant', 'PutKeyPolicy', 'DisableKey'][i % 4];
    rec('prod', { ...eu, ms: burst + i * 10_000, name, identity: ci(), key: denied[i % denied.length], ip: '52.95.111.77', ua: 'terraform/1.9.5', error: 'AccessDeniedException' });
  }
  const cross = ANCHOR_MS - 1 * DAY + 3 * HOUR + 17 * MINUTE; // 2026-10-31T03:17Z
  for (let i = 0; i < 20; i++) {
    rec('prod', { ...eu, ms: cross + i * 90_000, name: 'Decrypt', identity: { type: 'AWSAccount', principalId: 'AROAZ4PARTNERSYNC0001:sync', accountId: PARTNER }, key: partner, ip: '77.88.8.8', ua: 'Boto3/1.35.10 Python/3.12.4' });
  }
  // CloudTrail delivers an occasional duplicate: the same event in two files must count once.
  const dup = out.prod.find((r) => r.eventName === 'Decrypt' && r.eventTime.startsWith('2026-10-20T09'));
  if (dup) out.prod.push({ ...dup });
  for (const k of Object.keys(out)) out[k].sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
  return out;
}
