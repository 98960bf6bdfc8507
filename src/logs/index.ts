// Public API of the native log readers. `readLogs` streams KeyEvents from files and folders of
// CloudTrail, Azure Key Vault and Cloud KMS audit logs (plain or gzip, detected by content) with
// constant memory; what could not be read becomes Gaps in `result`.
import type { Gap, InputFile, KeyEvent } from '../core/model.js';
import { ProviderDedupe } from './dedupe.js';
import { GAP_SOURCE, readLogFile, type FileReport } from './read-file.js';
import { listLogFiles } from './walk.js';

export { detectFormat, isGzip, recordKindOf, type Detection, type LogFormat, type LogFormatName, type RecordKind } from './formats.js';
export { mapCloudTrailRecord, awsPrincipal, resolveKeyArn } from './aws-cloudtrail.js';
export { awsOperationClass } from './aws-operations.js';
export { mapAzureAuditFacts, factsFromAuditEvent, factsFromAzureDiagnostics, factsFromLogAnalyticsRow, azurePrincipal, parseKeyUri, azureOperationClass } from './azure-keyvault.js';
export { mapGcpLogEntry, gcpPrincipal, parseKmsResource, gcpOperationClass } from './gcp-audit.js';
export { mapParsedRecord } from './records.js';
export { DedupeWindow } from './dedupe.js';
export { readLogsInTimeOrder, type OrderStats, type TimeOrderOptions, type TimeOrderedResult } from './time-ordered.js';
export { timeFromPath } from './path-time.js';
export { DEFAULT_REORDER_WINDOW_MS, TimeWindowReorder, type TimedEvent } from './window-reorder.js';
export type { MapResult } from './fields.js';

export interface ReadLogsOptions {
  /** Inclusive lower bound on event time. */
  since?: Date;
  /** Exclusive upper bound on event time. */
  until?: Date;
  /** Records larger than this are skipped with a RecordTooLarge gap (default 1 MiB; providers cap events at 256 KB). */
  maxRecordBytes?: number;
  /** How far behind the newest event ids are remembered for duplicate detection (default 24 h). */
  dedupeWindowMs?: number;
}

export interface ReadLogsStats {
  files: number;
  /** Records read (all kinds, including non-key events and malformed ones). */
  records: number;
  /** KeyEvents handed out after window and duplicate filtering (whole batches, when iteration stops early). */
  events: number;
  /** Records that are not key events (other AWS services, secrets, ...). */
  skipped: number;
  malformed: number;
  oversized: number;
  duplicates: number;
  outOfWindow: number;
  /** Raw bytes read from disk, and after gunzip. */
  bytes: number;
  decompressedBytes: number;
}

export interface ReadLogsResult {
  inputs: InputFile[];
  gaps: Gap[];
  stats: ReadLogsStats;
}

export const DEFAULT_MAX_RECORD_BYTES = 1 << 20;

/**
 * Reads the given files and folders (recursively, in sorted order). `events` can be iterated once;
 * `result` settles when that iteration finishes (or stops early), so iterate first, then await it.
 */
export function readLogs(paths: string[], opts: ReadLogsOptions = {}): { events: AsyncIterable<KeyEvent>; result: Promise<ReadLogsResult> } {
  const { batches, result } = readLogBatches(paths, opts);
  async function* flatten(): AsyncGenerator<KeyEvent> {
    for await (const batch of batches) yield* batch;
  }
  return { events: flatten(), result };
}

/**
 * The same stream in batches (one per read chunk, up to a few hundred events): fewer async steps
 * for consumers that process millions of events.
 */
export function readLogBatches(paths: string[], opts: ReadLogsOptions = {}): { batches: AsyncIterable<KeyEvent[]>; result: Promise<ReadLogsResult> } {
  let settle!: (r: ReadLogsResult) => void;
  let fail!: (e: unknown) => void;
  const result = new Promise<ReadLogsResult>((res, rej) => {
    settle = res;
    fail = rej;
  });
  // A caller that only awaits `result` after iterating must not see an unhandled rejection meanwhile.
  result.catch(() => {});
  const stats: ReadLogsStats = { files: 0, records: 0, events: 0, skipped: 0, malformed: 0, oversized: 0, duplicates: 0, outOfWindow: 0, bytes: 0, decompressedBytes: 0 };
  const inputs: InputFile[] = [];
  const gaps: Gap[] = [];

  async function* generate(): AsyncGenerator<KeyEvent[]> {
    try {
      const listing = await listLogFiles(paths);
      gaps.push(...listing.gaps);
      const dedupe = new ProviderDedupe(opts.dedupeWindowMs);
      const sinceMs = opts.since?.getTime() ?? Number.NEGATIVE_INFINITY;
      const untilMs = opts.until?.getTime() ?? Number.POSITIVE_INFINITY;
      for (const file of listing.files) {
        const report = emptyReport(file);
        let duplicates = 0;
        try {
          for await (const batch of readLogFile(file, opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, report)) {
            const kept: KeyEvent[] = [];
            for (const event of batch) {
              const t = Date.parse(event.time);
              if (t < sinceMs || t >= untilMs) {
                stats.outOfWindow++;
                continue;
              }
              if (dedupe.seen(event.provider, event.eventId, t)) {
                duplicates++;
                continue;
              }
              kept.push(event);
            }
            stats.events += kept.length;
            if (kept.length > 0) yield kept;
          }
        } catch (e) {
          report.gaps.push(unreadable(file, e));
        }
        stats.files++;
        stats.records += report.records;
        stats.skipped += report.skipped;
        stats.malformed += report.malformed;
        stats.oversized += report.oversized;
        stats.duplicates += duplicates;
        stats.bytes += report.bytes;
        stats.decompressedBytes += report.decompressedBytes;
        gaps.push(...report.gaps);
        inputs.push(toInputFile(report, duplicates));
      }
    } catch (e) {
      fail(e);
      throw e;
    } finally {
      // Also reached when the consumer stops early: report what was read so far (a no-op after fail).
      settle({ inputs, gaps, stats });
    }
  }

  return { batches: generate(), result };
}

export function emptyReport(path: string): FileReport {
  return { path, sha256: '', bytes: 0, decompressedBytes: 0, gzip: false, records: 0, events: 0, skipped: 0, malformed: 0, oversized: 0, gaps: [] };
}

export function toInputFile(r: FileReport, duplicates: number): InputFile {
  const input: InputFile = { path: r.path, sha256: r.sha256, bytes: r.bytes, kind: 'logs', records: r.records, malformed: r.malformed + r.oversized, duplicates, skipped: r.skipped };
  if (r.format !== undefined) input.format = r.gzip ? `${r.format}+gzip` : r.format;
  return input;
}

export function unreadable(file: string, e: unknown): Gap {
  const err = e as NodeJS.ErrnoException;
  return { source: GAP_SOURCE, scope: file, code: 'UnreadableFile', message: `${file}: ${err.message ?? String(e)}`, retryable: err.code === 'EBUSY' || err.code === 'EAGAIN', file };
}
