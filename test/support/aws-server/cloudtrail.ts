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

/** LookupEvents over `events` (CloudTrail records): EventSource filter, StartTime/EndTime, MaxResults/NextToken. */
export function installFakeLookupEvents(server: AwsJsonServer, events: Record<string, unknown>[]): void {
  server.handlers.set('CloudTrail_20131101.LookupEvents', (body) => {
    const attrs = (body['LookupAttributes'] as { AttributeKey: string; AttributeValue: string }[] | undefined) ?? [];
    const source = attrs.find((a) => a.AttributeKey === 'EventSource')?.AttributeValue;
    const from = typeof body['StartTime'] === 'number' ? body['StartTime'] * 1000 : Number.NEGATIVE_INFINITY;
    const to = typeof body['EndTime'] === 'number' ? body['EndTime'] * 1000 : Number.POSITIVE_INFINITY;
    // Newest first, as CloudTrail returns them.
    const matching = events
      .filter((e) => (source === undefined || e['eventSource'] === source) && Date.parse(String(e['eventTime'])) >= from && Date.parse(String(e['eventTime'])) <= to)
      .sort((a, b) => Date.parse(String(b['eventTime'])) - Date.parse(String(a['eventTime'])));
    const start = typeof body['NextToken'] === 'string' ? Number(body['NextToken']) : 0;
    const size = typeof body['MaxResults'] === 'number' ? body['MaxResults'] : 50;
    const slice = matching.slice(start, start + size).map((e) => ({
      EventId: e['eventID'],
      EventName: e['eventName'],
      ReadOnly: 'true',
      EventTime: Date.parse(String(e['eventTime'])) / 1000,
      EventSource: e['eventSource'],
      // The record as a JSON string; `__raw` lets a test send a malformed one.
      CloudTrailEvent: typeof e['__raw'] === 'string' ? e['__raw'] : JSON.stringify(e),
    }));
    return { Events: slice, ...(start + size < matching.length ? { NextToken: String(start + size) } : {}) };
  });
}

/**
 * CloudTrail Lake: StartQuery records the SQL; GetQueryResults answers RUNNING once, then pages the
 * rows `answer(sql)` returns (arrays of single-key objects, every value a string).
 */
export function installFakeLake(server: AwsJsonServer, answer: (sql: string) => Record<string, string>[], pageSize = 2): { queries: string[] } {
  const state = { queries: [] as string[], polled: new Set<string>() };
  server.handlers.set('CloudTrail_20131101.StartQuery', (body) => {
    state.queries.push(String(body['QueryStatement']));
    return { QueryId: `q${state.queries.length - 1}` };
  });
  server.handlers.set('CloudTrail_20131101.GetQueryResults', (body) => {
    const id = String(body['QueryId']);
    if (!state.polled.has(id)) {
      state.polled.add(id);
      return { QueryStatus: 'RUNNING' };
    }
    const rows = answer(state.queries[Number(id.slice(1))] ?? '');
    const start = typeof body['NextToken'] === 'string' ? Number(body['NextToken']) : 0;
    const slice = rows.slice(start, start + pageSize).map((r) => Object.entries(r).map(([k, v]) => ({ [k]: v })));
    return { QueryStatus: 'FINISHED', QueryStatistics: { ResultsCount: slice.length, TotalResultsCount: rows.length }, QueryResultRows: slice, ...(start + pageSize < rows.length ? { NextToken: String(start + pageSize) } : {}) };
  });
  return state;
}
