import { describe, expect, it } from 'vitest';
import { mapCloudTrailRecord, resolveKeyArn } from '../../../src/logs/aws-cloudtrail.js';
import type { KeyEvent } from '../../../src/core/model.js';

// The ScheduleKeyDeletion example of the AWS KMS developer guide (ct-schedule-key-deletion).
const scheduleKeyDeletion = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', principalId: 'EX_PRINCIPAL_ID', arn: 'arn:aws:iam::111122223333:user/Alice', accountId: '111122223333', accessKeyId: 'EXAMPLE_KEY_ID', userName: 'Alice' },
  eventTime: '2021-03-23T18:58:30Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'ScheduleKeyDeletion',
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.0',
  userAgent: 'AWS Internal',
  requestParameters: { pendingWindowInDays: 20, keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
  responseElements: { keyId: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', keyState: 'PendingDeletion', deletionDate: 'Apr 12, 2021 18:58:30 PM' },
  requestID: 'ee408f36-ea01-422b-ac14-b0f147c68334',
  eventID: '3c4226b0-1e81-48a8-a333-7fa5f3cbd118',
  readOnly: false,
  resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }],
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
};

function event(rec: unknown): KeyEvent {
  const r = mapCloudTrailRecord(rec);
  if (r.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return r.event;
}

describe('mapCloudTrailRecord', () => {
  it('maps the documented ScheduleKeyDeletion example', () => {
    expect(event(scheduleKeyDeletion)).toEqual({
      time: '2021-03-23T18:58:30.000Z',
      provider: 'aws',
      account: '111122223333',
      region: 'us-east-1',
      keyId: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      operation: { raw: 'ScheduleKeyDeletion', class: 'delete', readOnly: false },
      principal: { id: 'arn:aws:iam::111122223333:user/Alice', type: 'user', name: 'Alice', account: '111122223333' },
      sourceIp: '192.0.2.0',
      userAgent: 'AWS Internal',
      outcome: 'success',
      requestId: 'ee408f36-ea01-422b-ac14-b0f147c68334',
      eventId: '3c4226b0-1e81-48a8-a333-7fa5f3cbd118',
      details: { pendingWindowInDays: 20, eventType: 'AwsApiCall' },
    });
  });

  it('uses the role ARN, not the session ARN, for assumed roles', () => {
    const e = event({
      ...scheduleKeyDeletion,
      eventName: 'Decrypt',
      readOnly: true,
      userIdentity: {
        type: 'AssumedRole', principalId: 'AROAIDPPEZS35WEXAMPLE:MySessionName', arn: 'arn:aws:sts::123456789012:assumed-role/RoleToBeAssumed/MySessionName', accountId: '123456789012',
        sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAIDPPEZS35WEXAMPLE', arn: 'arn:aws:iam::123456789012:role/path/RoleToBeAssumed', accountId: '123456789012', userName: 'RoleToBeAssumed' } },
      },
    });
    expect(e.principal).toEqual({ id: 'arn:aws:iam::123456789012:role/path/RoleToBeAssumed', type: 'role', name: 'RoleToBeAssumed', account: '123456789012' });
    expect(e.operation).toEqual({ raw: 'Decrypt', class: 'decrypt', readOnly: true });
    expect(e.details?.sessionName).toBe('MySessionName');
  });

  it('derives the role ARN from the session ARN when sessionContext is absent', () => {
    const e = event({ ...scheduleKeyDeletion, userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/ci-42', accountId: '123456789012' } });
    expect(e.principal.id).toBe('arn:aws:iam::123456789012:role/Deployer');
  });

  it('maps root, service and cross-account callers', () => {
    expect(event({ ...scheduleKeyDeletion, userIdentity: { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' } }).principal).toEqual({ id: 'arn:aws:iam::111122223333:root', type: 'root', account: '111122223333' });
    const rotate = event({ ...scheduleKeyDeletion, eventName: 'RotateKey', userIdentity: { accountId: '111122223333', invokedBy: 'kms.amazonaws.com' }, sourceIPAddress: 'kms.amazonaws.com', eventType: 'AwsServiceEvent' });
    expect(rotate.principal).toEqual({ id: 'kms.amazonaws.com', type: 'service', account: '111122223333' });
    expect(rotate.viaService).toBe('kms.amazonaws.com');
    expect(rotate.sourceIp).toBeUndefined();
    expect(rotate.operation.class).toBe('rotate');
    const cross = event({ ...scheduleKeyDeletion, userIdentity: { type: 'AWSAccount', principalId: 'AROAOTHER:session', accountId: '444455556666' }, errorCode: 'AccessDenied', errorMessage: 'denied' });
    expect(cross.principal).toEqual({ id: '444455556666:AROAOTHER', type: 'role', account: '444455556666' });
    expect(cross.account).toBe('111122223333');
    expect(cross).toMatchObject({ outcome: 'failure', errorCode: 'AccessDenied', errorMessage: 'denied' });
  });

  it('marks calls made by a service on a principal\u2019s behalf', () => {
    const e = event({ ...scheduleKeyDeletion, eventName: 'GenerateDataKey', readOnly: undefined, userIdentity: { ...scheduleKeyDeletion.userIdentity, invokedBy: 's3.amazonaws.com' }, sourceIPAddress: 's3.amazonaws.com' });
    expect(e.viaService).toBe('s3.amazonaws.com');
    expect(e.principal.id).toBe('arn:aws:iam::111122223333:user/Alice');
    expect(e.operation).toEqual({ raw: 'GenerateDataKey', class: 'generate-data-key', readOnly: true });
  });

  it('keeps policy text, grantee and rotation flags as details', () => {
    const policy = event({ ...scheduleKeyDeletion, eventName: 'PutKeyPolicy', requestParameters: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', policyName: 'default', policy: '{"Statement":[]}', bypassPolicyLockoutSafetyCheck: true } });
    expect(policy.operation.class).toBe('policy-change');
    expect(policy.details).toMatchObject({ policy: '{"Statement":[]}', policyName: 'default', bypassPolicyLockoutSafetyCheck: true });
    const grant = event({ ...scheduleKeyDeletion, eventName: 'CreateGrant', requestParameters: { keyId: 'x', granteePrincipal: 'arn:aws:iam::444455556666:role/partner', operations: ['Decrypt'] }, responseElements: { grantId: 'g-1' } });
    expect(grant.details).toMatchObject({ granteePrincipal: 'arn:aws:iam::444455556666:role/partner', grantOperations: ['Decrypt'], grantId: 'g-1' });
    expect(grant.operation.class).toBe('grant');
    expect(event({ ...scheduleKeyDeletion, eventName: 'DisableKeyRotation' }).details?.rotationEnabled).toBe(false);
  });

  it('resolves key ids to ARNs and lists the other keys of a ReEncrypt', () => {
    const src = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const dst = 'arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';
    const e = event({
      ...scheduleKeyDeletion, eventName: 'ReEncrypt', awsRegion: 'us-east-1',
      requestParameters: { destinationKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321' },
      resources: [{ type: 'AWS::KMS::Key', ARN: src }, { type: 'AWS::KMS::Key', ARN: dst }],
    });
    expect(e.keyId).toBe(src);
    expect(e.otherKeyIds).toEqual([dst]);
    expect(resolveKeyArn('1234abcd-12ab-34cd-56ef-1234567890ab', '111122223333', 'eu-west-1', [])).toBe('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(resolveKeyArn('alias/app', '111122223333', 'eu-west-1', [])).toBeUndefined();
  });

  it('skips other services and rejects records without time, name or id', () => {
    expect(mapCloudTrailRecord({ ...scheduleKeyDeletion, eventSource: 's3.amazonaws.com' }).kind).toBe('skip');
    expect(mapCloudTrailRecord({ ...scheduleKeyDeletion, eventTime: 'yesterday' })).toEqual({ kind: 'error', message: 'eventTime missing or not a date' });
    expect(mapCloudTrailRecord({ ...scheduleKeyDeletion, eventID: undefined }).kind).toBe('error');
    expect(mapCloudTrailRecord([1]).kind).toBe('error');
  });
});

describe('CloudTrail Insights', () => {
  it('skips Insights records, which summarise call rates of an API rather than record a call', () => {
    const insight = { eventVersion: '1.08', eventTime: '2024-05-01T10:00:00Z', awsRegion: 'us-east-1', eventID: 'i-1', eventType: 'AwsCloudTrailInsight', recipientAccountId: '111122223333', sharedEventID: 's-1', insightDetails: { state: 'Start', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', insightType: 'ApiErrorRateInsight' }, eventCategory: 'Insight', eventSource: 'kms.amazonaws.com', eventName: 'Decrypt' };
    expect(mapCloudTrailRecord(insight)).toEqual({ kind: 'skip', reason: 'CloudTrail Insights event' });
  });
});
