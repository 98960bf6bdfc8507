// Fake CloudTrail (X-Amz-Target CloudTrail_20131101.*): trails per Region as DescribeTrails lists
// them (shadow copies of multi-Region trails included), status and event selectors by trail ARN.
import { AwsHandlerError, awsError, type AwsJsonServer } from './server.js';

export interface FakeTrail {
  trail: Record<string, unknown> & { TrailARN: string; Name: string; HomeRegion: string; IsMultiRegionTrail: boolean };
  isLogging: boolean;
  selectors: { EventSelectors?: unknown[]; AdvancedEventSelectors?: unknown[] };
}

export function installFakeCloudTrail(server: AwsJsonServer, trails: FakeTrail[]): void {
  const visibleIn = (region: string | undefined) => trails.filter((t) => t.trail.HomeRegion === region || t.trail.IsMultiRegionTrail);
  const find = (arn: unknown) => {
    const t = trails.find((x) => x.trail.TrailARN === arn || x.trail.Name === arn);
    if (t === undefined) throw new AwsHandlerError(awsError('TrailNotFoundException', `Unknown trail: ${String(arn)}`));
    return t;
  };
  server.handlers.set('CloudTrail_20131101.DescribeTrails', (_body, req) => ({ trailList: visibleIn(req.region).map((t) => t.trail) }));
  server.handlers.set('CloudTrail_20131101.GetTrailStatus', (body) => ({ IsLogging: find(body['Name']).isLogging }));
  server.handlers.set('CloudTrail_20131101.GetEventSelectors', (body) => {
    const t = find(body['TrailName']);
    return { TrailARN: t.trail.TrailARN, ...t.selectors };
  });
}
