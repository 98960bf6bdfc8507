// Which accounts to scan and with which credentials. One credentials provider per account, shared by
// all its Regions (a shared provider calls STS once and caches until expiry). An account whose role
// cannot be assumed, or an organisation that cannot be listed, is a gap and the scan goes on.
import { paginateListAccounts } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { Gap } from '../../core/model.js';
import { organizationsClient, stsClient, type AwsClientOptions, type AwsCredentials } from './clients.js';
import { awsGap, awsScope } from './errors.js';
import { readOnlyGuardPlugin } from './guard.js';

export const FANOUT_SOURCE = 'aws-fanout';

export interface AccountTarget {
  account: string;
  /** Absent = the caller's own credentials (default chain / profile). */
  credentials?: AwsCredentials;
}

export interface FanoutOptions {
  /** `--aws-accounts`: 12-digit ids; each is reached by assuming `roleName`. */
  accounts?: string[];
  /** `--aws-org`: list the organisation's ACTIVE accounts (management or delegated-admin account). */
  organization?: boolean;
  /** `--aws-role-name`, default KeywardenReader. */
  roleName?: string;
  /** `--aws-external-id`. */
  externalId?: string;
  /** Region for STS / Organizations calls (global services); default us-east-1. */
  homeRegion?: string;
  /** arn partition: aws, aws-us-gov, aws-cn. Default aws. */
  partition?: string;
}

export const DEFAULT_ROLE_NAME = 'KeywardenReader';

type Base = Omit<AwsClientOptions, 'region'>;

async function callerAccount(base: Base, region: string, credentials?: AwsCredentials): Promise<string> {
  const sts = stsClient({ ...base, region, ...(credentials !== undefined ? { credentials } : {}) });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    if (out.Account === undefined) throw new Error('GetCallerIdentity returned no Account');
    return out.Account;
  } finally {
    sts.destroy();
  }
}

type Identity = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };

/**
 * Caches a provider's credentials until 5 minutes before they expire, so that every Region and
 * service of one account shares a single AssumeRole (the SDK's own cache is per client).
 */
export function sharedCredentials(provider: () => Promise<Identity>, now: () => number = Date.now): () => Promise<Identity> {
  let cached: Promise<Identity> | undefined;
  return () => {
    const current = cached;
    if (current !== undefined) {
      return current.then((id) => (id.expiration === undefined || id.expiration.getTime() - now() > 300_000 ? id : refresh()));
    }
    return refresh();
  };
  function refresh(): Promise<Identity> {
    cached = provider();
    cached.catch(() => (cached = undefined));
    return cached;
  }
}

function assumedCredentials(base: Base, region: string, account: string, options: FanoutOptions): AwsCredentials {
  return sharedCredentials(fromTemporaryCredentials({
    params: {
      RoleArn: `arn:${options.partition ?? 'aws'}:iam::${account}:role/${options.roleName ?? DEFAULT_ROLE_NAME}`,
      RoleSessionName: 'keywarden',
      DurationSeconds: 900,
      ...(options.externalId !== undefined ? { ExternalId: options.externalId } : {}),
    },
    ...(base.credentials !== undefined ? { masterCredentials: base.credentials } : {}),
    clientConfig: {
      region,
      ...(base.maxAttempts !== undefined ? { maxAttempts: base.maxAttempts } : {}),
      ...(base.endpoint !== undefined ? { endpoint: base.endpoint } : {}),
      ...(base.credentials === undefined && base.profile !== undefined ? { profile: base.profile } : {}),
    },
    clientPlugins: [readOnlyGuardPlugin],
  }));
}

async function organizationAccounts(base: Base, region: string): Promise<string[]> {
  const client = organizationsClient({ ...base, region });
  try {
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client }, {})) {
      for (const a of page.Accounts ?? []) if (a.Id !== undefined && (a.State ?? a.Status) === 'ACTIVE') ids.push(a.Id);
    }
    return ids;
  } finally {
    client.destroy();
  }
}

export async function resolveAccounts(base: Base, options: FanoutOptions): Promise<{ targets: AccountTarget[]; gaps: Gap[] }> {
  const region = options.homeRegion ?? 'us-east-1';
  const gaps: Gap[] = [];
  let ids: string[];
  if (options.organization === true) {
    try {
      ids = await organizationAccounts(base, region);
    } catch (err) {
      return { targets: [], gaps: [awsGap(FANOUT_SOURCE, 'aws:organization:organizations:ListAccounts', err)] };
    }
  } else if (options.accounts !== undefined && options.accounts.length > 0) {
    ids = options.accounts;
  } else {
    try {
      return { targets: [{ account: await callerAccount(base, region) }], gaps };
    } catch (err) {
      return { targets: [], gaps: [awsGap(FANOUT_SOURCE, 'aws:caller:sts:GetCallerIdentity', err)] };
    }
  }
  const targets: AccountTarget[] = [];
  for (const account of [...new Set(ids)].sort()) {
    const credentials = assumedCredentials(base, region, account, options);
    try {
      // Assume once now, so that a refused role is one gap rather than one per Region and service.
      await callerAccount(base, region, credentials);
      targets.push({ account, credentials });
    } catch (err) {
      gaps.push(awsGap(FANOUT_SOURCE, awsScope(account, 'global', 'sts', 'AssumeRole'), err));
    }
  }
  return { targets, gaps };
}
