// Log formats recognised by content (never by file name). The first bytes (after gunzip) decide the
// container (a wrapper object, a top-level array, or one record per line) and the record kind.

export type RecordKind = 'cloudtrail' | 'cloudtrail-lookup' | 'azure-auditevent' | 'azure-log-analytics' | 'gcp-logentry';

export type LogFormatName =
  | 'cloudtrail-s3'
  | 'cloudtrail-lookup-events'
  | 'cloudtrail-ndjson'
  | 'cloudtrail-array'
  | 'azure-auditevent-ndjson'
  | 'azure-auditevent-records'
  | 'azure-log-analytics-array'
  | 'azure-log-analytics-ndjson'
  | 'gcp-logentry-array'
  | 'gcp-logentry-ndjson';

export interface LogFormat {
  name: LogFormatName;
  kind: RecordKind;
  container: 'wrapped' | 'array' | 'ndjson';
  /** For `wrapped`: the top-level key whose array holds the records. */
  wrapperKey?: string;
}

export type Detection =
  | { ok: true; format: LogFormat }
  /**
   * Nothing but whitespace, an empty array, or a file that holds no events by design (`ignored` names
   * it, e.g. CloudTrail digest files that sit next to the logs in S3): a valid file without records.
   */
  | { ok: true; format: undefined; empty: true; ignored?: string }
  | { ok: false; reason: string };

/** How many decompressed bytes detection looks at. */
export const DETECTION_BYTES = 64 * 1024;

const WRAPPERS: Record<string, LogFormat> = {
  Records: { name: 'cloudtrail-s3', kind: 'cloudtrail', container: 'wrapped', wrapperKey: 'Records' },
  Events: { name: 'cloudtrail-lookup-events', kind: 'cloudtrail-lookup', container: 'wrapped', wrapperKey: 'Events' },
  records: { name: 'azure-auditevent-records', kind: 'azure-auditevent', container: 'wrapped', wrapperKey: 'records' },
};

const ARRAY_FORMATS: Partial<Record<RecordKind, LogFormatName>> = {
  cloudtrail: 'cloudtrail-array',
  'azure-log-analytics': 'azure-log-analytics-array',
  'gcp-logentry': 'gcp-logentry-array',
};

const NDJSON_FORMATS: Partial<Record<RecordKind, LogFormatName>> = {
  cloudtrail: 'cloudtrail-ndjson',
  'azure-auditevent': 'azure-auditevent-ndjson',
  'azure-log-analytics': 'azure-log-analytics-ndjson',
  'gcp-logentry': 'gcp-logentry-ndjson',
};

/** Detects the format from the first (decompressed) bytes of a file. */
export function detectFormat(firstBytes: Uint8Array | string): Detection {
  const text = typeof firstBytes === 'string' ? firstBytes : Buffer.from(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength).toString('utf8');
  const start = firstSignificant(text);
  if (start < 0) return { ok: true, format: undefined, empty: true };
  const first = text[start];
  if (first === '[') {
    const rest = text.slice(start + 1);
    if (/^\s*\]/.test(rest)) return { ok: true, format: undefined, empty: true };
    const kind = recordKindOf(rest);
    const name = kind === undefined ? undefined : ARRAY_FORMATS[kind];
    if (kind === undefined || name === undefined) return { ok: false, reason: 'a JSON array whose records are not CloudTrail, Log Analytics or Cloud Logging entries' };
    return { ok: true, format: { name, kind, container: 'array' } };
  }
  if (first !== '{') return { ok: false, reason: `content starts with ${JSON.stringify(text.slice(start, start + 16))}, not JSON` };
  const key = /^\{\s*"((?:[^"\\]|\\.)*)"\s*:/.exec(text.slice(start))?.[1];
  const wrapped = key === undefined ? undefined : WRAPPERS[key];
  if (wrapped) return { ok: true, format: wrapped };
  if (key === 'awsAccountId' && text.includes('"digestStartTime"')) return { ok: true, format: undefined, empty: true, ignored: 'cloudtrail-digest' };
  const lineEnd = text.indexOf('\n', start);
  const firstLine = text.slice(start, lineEnd < 0 ? undefined : lineEnd);
  const kind = recordKindOf(firstLine);
  const name = kind === undefined ? undefined : NDJSON_FORMATS[kind];
  if (kind === undefined || name === undefined) return { ok: false, reason: 'a JSON object that is neither a known wrapper ({"Records":[...]}, {"Events":[...]}, {"records":[...]}) nor a known record on one line' };
  return { ok: true, format: { name, kind, container: 'ndjson' } };
}

/** Which record kind a piece of JSON text (one record or the start of one) looks like. */
export function recordKindOf(text: string): RecordKind | undefined {
  if (text.includes('"protoPayload"') || text.includes('"logName"')) return 'gcp-logentry';
  if (text.includes('"CloudTrailEvent"')) return 'cloudtrail-lookup';
  if (text.includes('"eventVersion"') || text.includes('"eventSource"')) return 'cloudtrail';
  if (text.includes('"TimeGenerated"')) return 'azure-log-analytics';
  if (text.includes('"operationName"') && (text.includes('"resourceId"') || text.includes('"category"'))) return 'azure-auditevent';
  return undefined;
}

function firstSignificant(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return i;
  }
  return -1;
}

/** gzip member header: 1f 8b. */
export function isGzip(firstBytes: Uint8Array): boolean {
  return firstBytes.length >= 2 && firstBytes[0] === 0x1f && firstBytes[1] === 0x8b;
}
