// `--provider aws` for scan and collect: the --aws-* flags in, a LiveCollection out. Flags are checked
// here so that a typo is a usage error (exit 2) before any AWS call; credentials never pass through
// flags (the SDK chain, --aws-profile or the environment provide them).
import { ToolError } from '../../core/errors.js';
import { listFlag, type LiveCollection, type LiveContext } from '../live.js';
import { collectAws, type AwsCollectOptions } from './index.js';
import { homeRegionFrom } from './regions.js';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
// IAM role names: 1-64 of [\w+=,.@-], optionally under a path (a/b/Name).
const ROLE_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const EVENT_DATA_STORE = /^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:eventdatastore\/)?[A-Za-z0-9-]{3,}$/;

function usage(message: string, action: string): ToolError {
  return new ToolError('usage', message, { actions: [action] });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The collector options the flags ask for; throws a usage ToolError on a bad combination or value. */
export function optionsFromFlags(flags: Record<string, unknown>, ctx: Pick<LiveContext, 'env' | 'events'>): AwsCollectOptions {
  const regions = listFlag(flags['aws-regions']);
  const badRegion = regions.find((r) => !REGION.test(r));
  if (badRegion !== undefined) throw usage(`--aws-regions: "${badRegion}" is not an AWS Region name`, 'Use Region codes such as eu-west-1,us-east-1 (comma-separated), or omit --aws-regions to scan every enabled Region.');
  const accounts = listFlag(flags['aws-accounts']);
  const badAccount = accounts.find((a) => !ACCOUNT_ID.test(a));
  if (badAccount !== undefined) throw usage(`--aws-accounts: "${badAccount}" is not a 12-digit AWS account id`, 'Pass account ids such as 111122223333,444455556666.');
  const organization = flags['aws-org'] === true;
  if (organization && accounts.length > 0) throw usage('--aws-org and --aws-accounts cannot be used together', 'Use --aws-org for every active account of the organisation, or --aws-accounts for a list.');
  const roleName = str(flags['aws-role-name']);
  const externalId = str(flags['aws-external-id']);
  const fanOut = organization || accounts.length > 0;
  if (!fanOut && (roleName !== undefined || externalId !== undefined)) {
    throw usage(`--aws-${roleName !== undefined ? 'role-name' : 'external-id'} needs --aws-accounts or --aws-org`, 'The role is assumed in each account named by --aws-accounts or listed by --aws-org; without them keywarden scans the caller\'s own account.');
  }
  if (roleName !== undefined && !ROLE_NAME.test(roleName)) throw usage(`--aws-role-name: "${roleName}" is not an IAM role name`, 'Pass the role name only (e.g. KeywardenReader), not its ARN.');
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) throw usage('--aws-external-id: 2 to 1224 characters of letters, digits and +=,.@:/-', 'Pass the external id the role\'s trust policy expects.');
  const eventDataStore = str(flags['aws-event-data-store']);
  if (eventDataStore !== undefined && !EVENT_DATA_STORE.test(eventDataStore)) throw usage(`--aws-event-data-store: "${eventDataStore}" is not an event data store ARN or id`, 'Pass the ARN shown by `aws cloudtrail list-event-data-stores`.');
  const logSource = str(flags['aws-log-source']);
  if (logSource !== undefined && !['auto', 's3', 'lookup'].includes(logSource)) throw usage(`--aws-log-source: "${logSource}" is not one of auto, s3, lookup`, 'Use auto (default), s3 or lookup; pass --aws-event-data-store for CloudTrail Lake.');
  if (logSource !== undefined && eventDataStore !== undefined) throw usage('--aws-log-source and --aws-event-data-store cannot be used together', 'An event data store always reads CloudTrail Lake; drop --aws-log-source.');
  const profile = str(flags['aws-profile']);
  return {
    ...(regions.length > 0 ? { regions } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(accounts.length > 0 ? { accounts } : {}),
    ...(organization ? { organization } : {}),
    ...(roleName !== undefined ? { roleName } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    ...(eventDataStore !== undefined ? { eventDataStore } : {}),
    ...(logSource !== undefined ? { logSource: logSource as 'auto' | 's3' | 'lookup' } : {}),
    ...(ctx.events !== undefined ? { events: ctx.events } : {}),
    homeRegion: homeRegionFrom(ctx.env),
  };
}

export async function collectFromFlags(flags: Record<string, unknown>, ctx: LiveContext): Promise<LiveCollection> {
  const options = optionsFromFlags(flags, ctx);
  const out = await collectAws(options, { clock: ctx.clock, progress: ctx.progress, ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}) });
  return { keys: out.keys, containers: out.containers, logging: out.logging, gaps: out.gaps, events: out.events, scope: { aws: out.scope } };
}
