// Reads one log file as a stream: hashes the raw bytes, gunzips when the gzip magic is present,
// detects the format from the first decompressed bytes, splits records and maps them. Problems become
// counted gaps; events read before a problem are kept.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Gap, KeyEvent } from '../core/model.js';
import { DETECTION_BYTES, detectFormat, isGzip, type LogFormat } from './formats.js';
import { JsonArraySplitter, type RawRecord } from './json-splitter.js';
import { LineSplitter } from './line-splitter.js';
import { mapRawRecord } from './records.js';

export const GAP_SOURCE = 'log-reader';
const READ_CHUNK = 1 << 20;
const MAX_LINES_LISTED = 5;

export interface FileReport {
  path: string;
  sha256: string;
  bytes: number;
  decompressedBytes: number;
  gzip: boolean;
  format?: string;
  records: number;
  events: number;
  skipped: number;
  malformed: number;
  oversized: number;
  gaps: Gap[];
}

/** Counts a repeated problem in one file and remembers where it happened first. */
class ProblemTally {
  count = 0;
  lines: string[] = [];
  firstLine: number | undefined;
  firstMessage = '';
  add(line: number, index: number | undefined, message: string): void {
    this.count++;
    if (this.firstLine === undefined) {
      this.firstLine = line;
      this.firstMessage = message;
    }
    if (this.lines.length < MAX_LINES_LISTED) this.lines.push(index === undefined ? `line ${line}` : `line ${line} (record ${index})`);
  }
}

export async function* readLogFile(path: string, maxRecordBytes: number, report: FileReport): AsyncGenerator<KeyEvent[]> {
  const hash = createHash('sha256');
  let rawDone = false;
  const head = await readHead(path);
  report.gzip = isGzip(head);
  async function* rawChunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
      hash.update(chunk as Buffer);
      report.bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    rawDone = true;
  }
  const plain: AsyncIterable<Buffer> = report.gzip ? gunzipped(Readable.from(rawChunks())) : rawChunks();

  const malformed = new ProblemTally();
  const oversized = new ProblemTally();
  let pending: KeyEvent[] = [];
  let format: LogFormat | undefined;
  let splitter: { push(b: Buffer): void } | undefined;
  let endSplitter: () => { truncated: boolean } = () => ({ truncated: false });
  let index = 0;
  const headChunks: Buffer[] = [];
  let headBytes = 0;
  let undetectable: string | undefined;
  let empty = false;

  const onRecord = (rec: RawRecord): void => {
    index++;
    report.records++;
    const result = mapRawRecord((format as LogFormat).kind, rec.bytes, { file: report.path, line: rec.line, format: (format as LogFormat).name });
    if (result.kind === 'event') pending.push(result.event);
    else if (result.kind === 'skip') report.skipped++;
    else malformed.add(rec.line, format?.container === 'ndjson' ? undefined : index, result.message);
  };
  const onOversized = (line: number, bytes: number): void => {
    index++;
    report.records++;
    oversized.add(line, format?.container === 'ndjson' ? undefined : index, `${bytes} bytes, more than the ${maxRecordBytes}-byte record limit`);
  };
  const onStray = (line: number): void => {
    index++;
    report.records++;
    malformed.add(line, index, 'array element is not a JSON object');
  };

  const start = (): void => {
    const detection = detectFormat(Buffer.concat(headChunks, headBytes).subarray(0, DETECTION_BYTES));
    if (!detection.ok) {
      undetectable = detection.reason;
      return;
    }
    if (detection.format === undefined) {
      empty = true;
      if (detection.ignored !== undefined) report.format = detection.ignored;
      return;
    }
    format = detection.format;
    report.format = format.name;
    if (format.container === 'ndjson') {
      const lines = new LineSplitter(maxRecordBytes, onRecord, onOversized);
      splitter = lines;
      endSplitter = () => (lines.end(), { truncated: false });
    } else {
      const json = new JsonArraySplitter(format.wrapperKey, maxRecordBytes, onRecord, onOversized, onStray);
      splitter = json;
      endSplitter = () => json.end();
    }
    for (const c of headChunks) splitter.push(c);
    headChunks.length = 0;
  };

  let streamError: Error | undefined;
  try {
    for await (const chunk of plain) {
      report.decompressedBytes += chunk.length;
      if (splitter) splitter.push(chunk);
      else if (undetectable === undefined && !empty) {
        headChunks.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= DETECTION_BYTES) start();
      }
      if (undetectable !== undefined) break;
      if (pending.length > 0) {
        report.events += pending.length;
        yield pending;
        pending = [];
      }
    }
  } catch (e) {
    streamError = e as Error;
  }
  // Small files (or a stream that failed early) end before the detection buffer filled: detect now.
  if (!splitter && undetectable === undefined && !empty) start();
  const end = splitter ? endSplitter() : { truncated: false };
  if (pending.length > 0) {
    report.events += pending.length;
    yield pending;
    pending = [];
  }
  report.sha256 = rawDone ? hash.digest('hex') : await rehash(path, report);
  report.malformed = malformed.count;
  report.oversized = oversized.count;
  report.gaps.push(...fileGaps(report, { malformed, oversized, streamError, truncated: end.truncated, undetectable }));
}

function fileGaps(
  report: FileReport,
  p: { malformed: ProblemTally; oversized: ProblemTally; streamError?: Error; truncated: boolean; undetectable?: string },
): Gap[] {
  const gaps: Gap[] = [];
  const file = report.path;
  if (p.undetectable !== undefined) {
    gaps.push({ source: GAP_SOURCE, scope: file, code: 'UnknownFormat', message: `${file}: not a recognised key-usage log format (${p.undetectable}); the file was not read.`, retryable: false, file });
  }
  if (p.streamError !== undefined) {
    const code = (p.streamError as NodeJS.ErrnoException).code;
    const truncatedGzip = code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(p.streamError.message);
    gaps.push({
      source: GAP_SOURCE,
      scope: file,
      code: truncatedGzip ? 'TruncatedFile' : code === 'Z_DATA_ERROR' ? 'CorruptFile' : 'UnreadableFile',
      message: truncatedGzip
        ? `${file}: the gzip stream ends early (truncated file); ${report.events} events read before the cut were kept.`
        : `${file}: ${p.streamError.message}; ${report.events} events read before the error were kept.`,
      retryable: false,
      file,
    });
  } else if (p.truncated) {
    gaps.push({ source: GAP_SOURCE, scope: file, code: 'TruncatedFile', message: `${file}: the JSON document ends inside a value (truncated file); ${report.events} complete records were kept.`, retryable: false, file });
  }
  for (const [tally, code, what] of [
    [p.malformed, 'MalformedRecord', 'malformed record'],
    [p.oversized, 'RecordTooLarge', 'record over the size limit'],
  ] as const) {
    if (tally.count === 0 || tally.firstLine === undefined) continue;
    gaps.push({
      source: GAP_SOURCE,
      scope: `${file}:${tally.firstLine}`,
      code,
      message: `${file}: ${tally.count} ${what}${tally.count === 1 ? '' : 's'} skipped (first at ${tally.lines.join(', ')}${tally.count > tally.lines.length ? ', ...' : ''}): ${tally.firstMessage}`,
      retryable: false,
      count: tally.count,
      file,
      line: tally.firstLine,
    });
  }
  return gaps;
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The stream stopped early (error or unknown format): hash the whole file for the evidence record. */
async function rehash(path: string, report: FileReport): Promise<string> {
  const fresh = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
    fresh.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  report.bytes = bytes;
  return fresh.digest('hex');
}

/** pipeline() destroys the file stream when gunzip fails or the reader stops early. */
function gunzipped(source: Readable): AsyncIterable<Buffer> {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  pipeline(source, gunzip, () => {});
  return gunzip;
}
