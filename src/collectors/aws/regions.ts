// The default for --aws-regions: the Regions enabled in each account (EC2 DescribeRegions without
// AllRegions lists the Regions that need no opt-in plus the opted-in ones). Asked per account, with
// that account's credentials, because opt-in Regions differ between accounts. When the call fails the
// account is scanned in its home Region only, and a gap says so: never a silent partial scan.
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { Gap } from '../../core/model.js';
import { ec2Client, type AwsClientOptions } from './clients.js';
import { awsGap, awsScope } from './errors.js';

export const REGIONS_SOURCE = 'aws-regions';

export interface EnabledRegions {
  regions: string[];
  gaps: Gap[];
}

export async function enabledRegions(account: string, options: AwsClientOptions): Promise<EnabledRegions> {
  const client = ec2Client(options);
  try {
    const out = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = [...new Set((out.Regions ?? [])
      .filter((r) => r.OptInStatus === undefined || r.OptInStatus !== 'not-opted-in')
      .map((r) => r.RegionName)
      .filter((r): r is string => typeof r === 'string' && r.length > 0))].sort();
    if (regions.length > 0) return { regions, gaps: [] };
    return { regions: [options.region], gaps: [{ source: REGIONS_SOURCE, scope: awsScope(account, options.region, 'ec2', 'DescribeRegions'), code: 'Empty', message: `DescribeRegions listed no enabled Region; scanned ${options.region} only (pass --aws-regions to choose)`, retryable: false }] };
  } catch (err) {
    const gap = awsGap(REGIONS_SOURCE, awsScope(account, options.region, 'ec2', 'DescribeRegions'), err);
    gap.message = `cannot list the account's enabled Regions (${gap.message}); scanned ${options.region} only: pass --aws-regions, or allow ec2:DescribeRegions`;
    return { regions: [options.region], gaps: [gap] };
  }
}

/** The Region for global calls (STS, Organizations, DescribeRegions): AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
export function homeRegionFrom(env: NodeJS.ProcessEnv): string {
  const r = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
  return r !== undefined && r.trim() !== '' ? r.trim() : 'us-east-1';
}
