// Cloud KMS audit entries (Admin Activity and Data Access) for the scan window through Cloud Logging
// v2 `entries:list`, always with an explicit time range in the filter (the API would otherwise read
// only the last 24 hours), paged by nextPageToken, and mapped by the offline reader's LogEntry
// mapping, so live and exported logs give the same KeyEvents.
import type { Gap, KeyEvent } from '../../core/model.js';
import { KMS_SERVICE, mapGcpLogEntry } from '../../logs/gcp-audit.js';
import type { Limiter } from '../aws/limit.js';
import type { ProgressSink } from '../progress.js';
import type { LoggingRest } from './clients.js';
import { gcpGap, gcpScope } from './errors.js';

export const LOGGING_SOURCE = 'gcp-logging';
export const LOGGING_FORMAT = 'gcp-logging-api';
/** entries:list accepts up to 1000 entries per page. */
export const LOGGING_PAGE_SIZE = 1000;

export interface LogWindow {
  from: Date;
  to: Date;
}

/** The filter: Cloud KMS audit entries (Admin Activity and Data Access alike) in [from, to). */
export function kmsAuditFilter(window: LogWindow): string {
  return [
    `protoPayload.serviceName="${KMS_SERVICE}"`,
    `timestamp>="${window.from.toISOString()}"`,
    `timestamp<"${window.to.toISOString()}"`,
  ].join(' AND ');
}

export interface LogReadOptions {
  /** Stop after this many pages (a bound for huge windows); the gap says the window is incomplete. */
  maxPages?: number;
}

export async function readKmsAuditLogs(project: string, logging: LoggingRest, window: LogWindow, limit: Limiter, progress: ProgressSink, options: LogReadOptions = {}): Promise<{ events: KeyEvent[]; gaps: Gap[] }> {
  const scope = gcpScope(project, undefined, 'logging', 'ListLogEntries');
  const origin = { file: `logging:projects/${project}`, format: LOGGING_FORMAT };
  const events: KeyEvent[] = [];
  const gaps: Gap[] = [];
  const filter = kmsAuditFilter(window);
  let malformed = 0;
  let firstMalformed = '';
  let pageToken: string | undefined;
  let pages = 0;
  do {
    let page;
    try {
      const token = pageToken;
      page = await limit(() => logging.listEntries({ resourceNames: [`projects/${project}`], filter, orderBy: 'timestamp asc', pageSize: LOGGING_PAGE_SIZE, ...(token !== undefined ? { pageToken: token } : {}) }));
    } catch (err) {
      // Entries read so far are kept; the gap says the window is incomplete.
      gaps.push(gcpGap(LOGGING_SOURCE, scope, err, { provider: 'gcp', account: project, type: 'project', id: `projects/${project}`, name: project }));
      break;
    }
    pages += 1;
    for (const entry of page.entries ?? []) {
      const mapped = mapGcpLogEntry(entry, origin);
      if (mapped.kind === 'event') events.push(mapped.event);
      else if (mapped.kind === 'error') {
        malformed += 1;
        if (firstMalformed === '') firstMalformed = mapped.message;
      }
    }
    progress.update(`gcp ${project}`, 'log entries', events.length);
    pageToken = typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined;
    if (options.maxPages !== undefined && pages >= options.maxPages && pageToken !== undefined) {
      gaps.push({ source: LOGGING_SOURCE, scope, code: 'Truncated', message: `stopped after ${pages} pages of entries:list; the window is incomplete`, retryable: true });
      break;
    }
  } while (pageToken !== undefined);
  if (malformed > 0) gaps.push({ source: LOGGING_SOURCE, scope, code: 'MalformedRecord', message: `unreadable Cloud KMS log entries (first: ${firstMalformed})`, retryable: false, count: malformed });
  progress.end(`gcp ${project}`, 'log entries', events.length);
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return { events, gaps };
}
