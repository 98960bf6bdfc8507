// Fake STS (awsQuery, XML) and Organizations (JSON 1.1) for fan-out tests: AssumeRole hands out
// per-account temporary keys `ASIA<account>`, so KMS requests reveal which account they act for.
import { AwsHandlerError, awsError, type AwsJsonServer } from './server.js';

export interface FakeOrg {
  accounts: { Id: string; Name: string; State: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' }[];
  /** Account ids whose role refuses AssumeRole. */
  denyAssume: Set<string>;
  /** Account of the caller's own (non-assumed) credentials. */
  callerAccount: string;
  /** ExternalId values AssumeRole saw. */
  externalIds: string[];
}

export function installFakeOrg(server: AwsJsonServer, org: Omit<FakeOrg, 'externalIds'>): FakeOrg {
  const state: FakeOrg = { ...org, externalIds: [] };
  server.handlers.set('AWSOrganizationsV20161128.ListAccounts', (body) => {
    const start = typeof body['NextToken'] === 'string' ? Number(body['NextToken']) : 0;
    const size = typeof body['MaxResults'] === 'number' ? body['MaxResults'] : 20;
    const slice = state.accounts.slice(start, start + size).map((a) => ({
      ...a,
      Arn: `arn:aws:organizations::${state.callerAccount}:account/o-test/${a.Id}`,
      Email: `${a.Id}@example.com`,
      // Older Status member next to the newer State.
      Status: a.State === 'ACTIVE' ? 'ACTIVE' : 'SUSPENDED',
    }));
    return { Accounts: slice, ...(start + size < state.accounts.length ? { NextToken: String(start + size) } : {}) };
  });
  server.handlers.set('Query.AssumeRole', (body) => {
    const roleArn = typeof body['RoleArn'] === 'string' ? body['RoleArn'] : '';
    const account = roleArn.split(':')[4] ?? '';
    if (typeof body['ExternalId'] === 'string') state.externalIds.push(body['ExternalId']);
    if (state.denyAssume.has(account)) {
      throw new AwsHandlerError(awsError('AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403));
    }
    return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/r/keywarden</Arn><AssumedRoleId>AROA:keywarden</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>ASIA${account}</AccessKeyId><SecretAccessKey>test-secret</SecretAccessKey><SessionToken>test-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  });
  server.handlers.set('Query.GetCallerIdentity', (_body, req) => {
    const key = req.accessKeyId ?? '';
    const account = key.startsWith('ASIA') ? key.slice(4) : state.callerAccount;
    return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/scanner</Arn><UserId>AIDATEST</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  });
  return state;
}
