// The time a log file's path says it covers, for the delivery layouts that carry one: CloudTrail's S3
// file names (`<account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<id>.json.gz`), Azure diagnostic settings'
// storage folders (`.../y=YYYY/m=MM/d=DD/h=HH/m=MM/PT1H.json`) and Cloud Logging sinks to Cloud Storage
// (`.../YYYY/MM/DD/HH:MM:SS_HH:MM:SS_S0.json`). Ordering such files by it needs no read; the
// time-window reorder absorbs the few minutes by which a file's events may precede it.

const CLOUDTRAIL = /_CloudTrail_[A-Za-z0-9-]+_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[^/\\]*$/;
const AZURE_STORAGE = /[/\\]y=(\d{4})[/\\]m=(\d{2})[/\\]d=(\d{2})[/\\]h=(\d{2})[/\\]m=(\d{2})[/\\][^/\\]+$/;
const GCS_SINK = /[/\\](\d{4})[/\\](\d{2})[/\\](\d{2})[/\\](\d{2}):(\d{2}):(\d{2})_\d{2}:\d{2}:\d{2}_S\d+\.json(?:\.gz)?$/;

/** Milliseconds since the epoch, or undefined when the path follows no known layout. */
export function timeFromPath(path: string): number | undefined {
  const m = CLOUDTRAIL.exec(path) ?? AZURE_STORAGE.exec(path) ?? GCS_SINK.exec(path);
  if (!m) return undefined;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject impossible dates (month 13, day 32) rather than letting Date.UTC roll them over.
  const check = new Date(ms);
  return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60 ? ms : undefined;
}
