// Reads the trails visible from one account+Region (DescribeTrails with shadow trails, so that an
// organisation or multi-Region trail homed elsewhere is seen), then their status and selectors.
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { Gap, LoggingConfig } from '../../../core/model.js';
import { awsGap, awsScope, classifyAwsError } from '../errors.js';
import { mapTrail, type RawTrail } from './map.js';

export const CLOUDTRAIL_SOURCE = 'aws-cloudtrail';

export interface TrailTarget {
  account: string;
  region: string;
  client: CloudTrailClient;
}

export async function readTrails(target: TrailTarget): Promise<{ logging: LoggingConfig[]; gaps: Gap[] }> {
  const { account, region, client } = target;
  const scope = (op: string) => awsScope(account, region, 'cloudtrail', op);
  let trails;
  try {
    trails = (await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
  } catch (err) {
    return { logging: [], gaps: [awsGap(CLOUDTRAIL_SOURCE, scope('DescribeTrails'), err)] };
  }
  const gaps: Gap[] = [];
  const logging = await Promise.all(
    trails.map(async (trail) => {
      const raw: RawTrail = { account, region, trail, unknown: {} };
      const name = trail.TrailARN ?? trail.Name ?? '';
      const ref = { provider: 'aws' as const, account, region, type: 'trail', id: name };
      await Promise.all([
        client.send(new GetTrailStatusCommand({ Name: name })).then(
          (s) => (raw.status = { IsLogging: s.IsLogging }),
          (err) => {
            raw.unknown['enabled'] = `${classifyAwsError(err).message} (cloudtrail:GetTrailStatus)`;
            gaps.push(awsGap(CLOUDTRAIL_SOURCE, scope('GetTrailStatus'), err, ref));
          },
        ),
        client.send(new GetEventSelectorsCommand({ TrailName: name })).then(
          (s) => (raw.selectors = { ...(s.EventSelectors !== undefined ? { EventSelectors: s.EventSelectors } : {}), ...(s.AdvancedEventSelectors !== undefined ? { AdvancedEventSelectors: s.AdvancedEventSelectors } : {}) }),
          (err) => {
            const reason = `${classifyAwsError(err).message} (cloudtrail:GetEventSelectors)`;
            for (const f of ['readEvents', 'writeEvents', 'covers']) raw.unknown[f] = reason;
            gaps.push(awsGap(CLOUDTRAIL_SOURCE, scope('GetEventSelectors'), err, ref));
          },
        ),
      ]);
      return mapTrail(raw);
    }),
  );
  return { logging, gaps };
}

/** One record per trail ARN across Regions: prefer the copy read in the trail's home Region. */
export function dedupeTrails(configs: readonly LoggingConfig[], readIn: readonly string[]): LoggingConfig[] {
  const best = new Map<string, { config: LoggingConfig; home: boolean }>();
  configs.forEach((config, i) => {
    const home = readIn[i] === config.region;
    const seen = best.get(config.id);
    if (seen === undefined || (home && !seen.home)) best.set(config.id, { config, home });
  });
  return [...best.values()].map((b) => b.config).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
