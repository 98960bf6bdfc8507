// KMS usage events from CloudTrail LookupEvents (the last 90 days of management events), filtered to
// kms.amazonaws.com, paced at LookupEvents' quota of 2 requests per second per account and Region.
// Each CloudTrailEvent is the whole record as a JSON string: the offline reader's mapper turns it into
// a KeyEvent, so the detector sees the same events whether they came from files or from the API.
import { LookupEventsCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { Gap, KeyEvent } from '../../../core/model.js';
import { mapCloudTrailRecord } from '../../../logs/aws-cloudtrail.js';
import { awsGap, awsScope } from '../errors.js';
import { createPacer, type PaceClock } from '../pace.js';
import { CLOUDTRAIL_SOURCE } from './trails.js';

export const LOOKUP_EVENTS_RATE = 2;
export const LOOKUP_EVENTS_DAYS = 90;
export const LOOKUP_EVENTS_FORMAT = 'aws-lookup-events';

export interface LookupTarget {
  account: string;
  region: string;
  client: CloudTrailClient;
}

export interface LookupOptions {
  from: Date;
  to: Date;
  /** Requests per second; default (and maximum AWS allows) 2. */
  rate?: number;
  pace: PaceClock;
  /** Stop after this many pages (a safety bound for huge windows); default unlimited. */
  maxPages?: number;
}

export async function lookupKmsEvents(target: LookupTarget, options: LookupOptions): Promise<{ events: KeyEvent[]; gaps: Gap[] }> {
  const { account, region, client } = target;
  const pace = createPacer(Math.min(options.rate ?? LOOKUP_EVENTS_RATE, LOOKUP_EVENTS_RATE), options.pace);
  const scope = awsScope(account, region, 'cloudtrail', 'LookupEvents');
  const origin = { file: `lookup-events:${account}:${region}`, format: LOOKUP_EVENTS_FORMAT };
  const events: KeyEvent[] = [];
  const gaps: Gap[] = [];
  let malformed = 0;
  let firstMalformed = '';
  let token: string | undefined;
  let pages = 0;
  // LookupEvents keeps 90 days: an older start is cut, and the gap says the window is incomplete.
  const earliest = options.to.getTime() - LOOKUP_EVENTS_DAYS * 86_400_000;
  const from = options.from.getTime() < earliest ? new Date(earliest) : options.from;
  if (from !== options.from) {
    gaps.push({ source: CLOUDTRAIL_SOURCE, scope, code: 'WindowTruncated', message: `LookupEvents keeps ${LOOKUP_EVENTS_DAYS} days: events before ${from.toISOString()} were not read (use trail files or CloudTrail Lake for longer windows)`, retryable: false });
  }
  do {
    await pace();
    let page;
    try {
      page = await client.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'kms.amazonaws.com' }],
          StartTime: from,
          EndTime: options.to,
          MaxResults: 50,
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
      );
    } catch (err) {
      // Events read so far are kept; the gap says the window is incomplete.
      gaps.push(awsGap(CLOUDTRAIL_SOURCE, scope, err));
      break;
    }
    pages += 1;
    for (const e of page.Events ?? []) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(e.CloudTrailEvent ?? '');
      } catch {
        parsed = undefined;
      }
      const mapped = mapCloudTrailRecord(parsed, origin);
      if (mapped.kind === 'event') events.push(mapped.event);
      else if (mapped.kind === 'error') {
        malformed += 1;
        if (firstMalformed === '') firstMalformed = `${e.EventId ?? '?'}: ${mapped.message}`;
      }
    }
    token = page.NextToken;
    if (options.maxPages !== undefined && pages >= options.maxPages && token !== undefined) {
      gaps.push({ source: CLOUDTRAIL_SOURCE, scope, code: 'Truncated', message: `stopped after ${pages} pages of LookupEvents; the window is incomplete`, retryable: true });
      break;
    }
  } while (token !== undefined);
  if (malformed > 0) {
    gaps.push({ source: CLOUDTRAIL_SOURCE, scope, code: 'MalformedRecord', message: `unreadable CloudTrailEvent (first: ${firstMalformed})`, retryable: false, count: malformed });
  }
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return { events, gaps };
}
