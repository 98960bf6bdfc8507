import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../../src/core/errors.js';
import { optionsFromFlags } from '../../../../src/collectors/aws/flags.js';
import { assertReadOnly, ReadOnlyViolation } from '../../../../src/collectors/aws/guard.js';

const ctx = { env: {} };
const usage = (flags: Record<string, unknown>) => {
  try {
    optionsFromFlags(flags, ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(ToolError);
    expect((e as ToolError).code).toBe('usage');
    return (e as ToolError).message;
  }
  throw new Error('expected a usage error');
};

describe('--aws-* flags', () => {
  it('maps the flags to collector options (sorted, deduplicated lists; window passed through)', () => {
    const events = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-28T00:00:00Z') };
    expect(optionsFromFlags({ 'aws-regions': 'us-east-1, eu-west-1,us-east-1', 'aws-accounts': '444455556666,111122223333', 'aws-role-name': 'Reader', 'aws-external-id': 'ext-1', 'aws-profile': 'audit' }, { env: { AWS_REGION: 'eu-central-1' }, events })).toEqual({
      regions: ['eu-west-1', 'us-east-1'], accounts: ['111122223333', '444455556666'], roleName: 'Reader', externalId: 'ext-1', profile: 'audit', events, homeRegion: 'eu-central-1',
    });
    expect(optionsFromFlags({ 'aws-org': true, 'aws-event-data-store': 'arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE-f852' }, ctx)).toEqual({
      organization: true, eventDataStore: 'arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE-f852', homeRegion: 'us-east-1',
    });
    expect(optionsFromFlags({}, ctx)).toEqual({ homeRegion: 'us-east-1' });
  });

  it('refuses bad values and combinations with a usage error naming the flag', () => {
    expect(usage({ 'aws-accounts': '1234' })).toMatch(/--aws-accounts: "1234" is not a 12-digit AWS account id/);
    expect(usage({ 'aws-org': true, 'aws-accounts': '111122223333' })).toMatch(/--aws-org and --aws-accounts cannot be used together/);
    expect(usage({ 'aws-regions': 'europe' })).toMatch(/"europe" is not an AWS Region name/);
    expect(usage({ 'aws-role-name': 'Reader' })).toMatch(/--aws-role-name needs --aws-accounts or --aws-org/);
    expect(usage({ 'aws-org': true, 'aws-role-name': 'arn:aws:iam::111122223333:role/Reader' })).toMatch(/not an IAM role name/);
    expect(usage({ 'aws-event-data-store': 'not a store!' })).toMatch(/not an event data store/);
    expect(usage({ 'aws-log-source': 'lake' })).toMatch(/not one of auto, s3, lookup/);
  });

  it('the guard lets EC2 DescribeRegions through and nothing else of EC2', () => {
    expect(() => assertReadOnly('EC2Client', 'DescribeRegionsCommand')).not.toThrow();
    for (const op of ['RunInstances', 'DescribeInstances', 'ModifyInstanceAttribute']) expect(() => assertReadOnly('EC2Client', `${op}Command`)).toThrow(ReadOnlyViolation);
  });
});
