// The log stream in event time, in one pass, with memory bounded by the time window and the number of
// files open at once, never by the number of events. Detectors need time order; log files come
// grouped by account, region and day, and some exports list the newest event first.
//
// 1. Every file gets a start time: from its path where the layout carries one (CloudTrail, Azure
//    storage, Cloud Storage sinks; see path-time.ts), otherwise from a probe that reads up to
//    `sortFileCap` events and notes the earliest time and whether the file is in time order.
// 2. Files are opened lazily in start-time order and merged k-way by their next event's time; a file
//    opens when the merge reaches its start time, and closes when read to its end. A probed file that
//    is out of order (newest first, say) and holds at most `sortFileCap` events is read whole and
//    sorted; larger ones stream as they are.
// 3. A time-window reorder (window-reorder.ts) fixes what is left (events a few minutes before their
//    file's name time, slightly shuffled records). Events later than the window are counted as late
//    and still passed on.
// 4. Duplicates (same event id) are dropped after ordering, so the copy from the first file in path
//    order is the one kept, as in `readLogBatches`.
import type { Gap, KeyEvent } from '../core/model.js';
import { ProviderDedupe } from './dedupe.js';
import { DEFAULT_MAX_RECORD_BYTES, emptyReport, toInputFile, unreadable, type ReadLogsOptions, type ReadLogsResult, type ReadLogsStats } from './index.js';
import { MinHeap } from '../core/min-heap.js';
import { timeFromPath } from './path-time.js';
import { readLogFile, type FileReport } from './read-file.js';
import { listLogFiles } from './walk.js';
import { DEFAULT_REORDER_WINDOW_MS, earlier, TimeWindowReorder, type TimedEvent } from './window-reorder.js';

export interface TimeOrderOptions extends ReadLogsOptions {
  /** Events up to this much older than the newest seen are still put in order (default 1 h). */
  reorderWindowMs?: number;
  /** A probed file out of time order is sorted in memory when it has at most this many events (default 50,000). */
  sortFileCap?: number;
  /** Files open at once at most (default 256); beyond, later files wait and their early events arrive late. */
  maxOpenFiles?: number;
  /** Events already in memory (live collection), merged by time before files at equal times; not window-filtered. */
  extra?: readonly KeyEvent[];
}

export interface OrderStats {
  reorderWindowMs: number;
  /** Events that reached the consumer after a later event. */
  late: number;
  /** The largest lateness among them (ms). */
  maxLatenessMs: number;
  /** Most events held by the reorder window at once. */
  reorderPeak: number;
  /** Most files open at once. */
  openFilesPeak: number;
  /** Files whose path carried no time (read once more to find their start). */
  probedFiles: number;
  /** Files read whole and sorted because their records were out of order. */
  sortedFiles: number;
}

export interface TimeOrderedResult extends ReadLogsResult {
  order: OrderStats;
}

interface Plan {
  idx: number;
  path: string;
  start: number;
  sort: boolean;
}

interface Cursor {
  items: TimedEvent[];
  pos: number;
  more: AsyncIterator<TimedEvent[]>;
}

const headOf = (c: Cursor): TimedEvent => c.items[c.pos]!;
const BATCH = 1024;

/** Like `readLogBatches`, but the batches are in event time across all files (see above). */
export function readLogsInTimeOrder(paths: string[], opts: TimeOrderOptions = {}): { batches: AsyncIterable<KeyEvent[]>; result: Promise<TimeOrderedResult> } {
  let settle!: (r: TimeOrderedResult) => void;
  let fail!: (e: unknown) => void;
  const result = new Promise<TimeOrderedResult>((res, rej) => {
    settle = res;
    fail = rej;
  });
  result.catch(() => {});
  const windowMs = opts.reorderWindowMs ?? DEFAULT_REORDER_WINDOW_MS;
  const sortCap = opts.sortFileCap ?? 50_000;
  const maxOpen = Math.max(1, opts.maxOpenFiles ?? 256);
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const sinceMs = opts.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const untilMs = opts.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const stats: ReadLogsStats = { files: 0, records: 0, events: 0, skipped: 0, malformed: 0, oversized: 0, duplicates: 0, outOfWindow: 0, bytes: 0, decompressedBytes: 0 };
  const order: OrderStats = { reorderWindowMs: windowMs, late: 0, maxLatenessMs: 0, reorderPeak: 0, openFilesPeak: 0, probedFiles: 0, sortedFiles: 0 };
  const listingGaps: Gap[] = [];
  let reports: FileReport[] = [];
  let duplicates: number[] = [];

  /** One file's events with their time, window-filtered; read errors become the file's gap. */
  async function* fileEvents(path: string, idx: number, report: FileReport, count: boolean): AsyncGenerator<TimedEvent[]> {
    let rec = 0;
    try {
      for await (const batch of readLogFile(path, maxRecordBytes, report)) {
        const out: TimedEvent[] = [];
        for (const event of batch) {
          const t = Date.parse(event.time);
          if (t < sinceMs || t >= untilMs) {
            if (count) stats.outOfWindow++;
            continue;
          }
          out.push({ event, ms: Number.isNaN(t) ? 0 : t, src: idx, rec: rec++ });
        }
        if (out.length > 0) yield out;
      }
    } catch (e) {
      report.gaps.push(unreadable(path, e));
    }
  }

  /** Start time and order of a file whose path says nothing: read up to sortCap events. */
  async function probe(path: string, idx: number): Promise<Plan> {
    order.probedFiles++;
    let n = 0;
    let start = Number.POSITIVE_INFINITY;
    let newest = Number.NEGATIVE_INFINITY;
    let inOrder = true;
    let complete = true;
    outer: for await (const batch of fileEvents(path, idx, emptyReport(path), false)) {
      for (const { ms } of batch) {
        if (ms < start) start = ms;
        if (ms < newest - windowMs) inOrder = false;
        if (ms > newest) newest = ms;
        if (++n >= sortCap) {
          complete = false;
          break outer;
        }
      }
    }
    return { idx, path, start: n > 0 ? start : Number.NEGATIVE_INFINITY, sort: complete && !inOrder };
  }

  async function open(plan: Plan): Promise<Cursor | undefined> {
    let more: AsyncIterator<TimedEvent[]> = fileEvents(plan.path, plan.idx, reports[plan.idx]!, true)[Symbol.asyncIterator]();
    if (plan.sort) {
      order.sortedFiles++;
      const all: TimedEvent[] = [];
      for (let r = await more.next(); !r.done; r = await more.next()) all.push(...r.value);
      all.sort((a, b) => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0));
      more = arrayBatches(all.length > 0 ? [all] : []);
    }
    return advance({ items: [], pos: 0, more });
  }

  /** The cursor with its next non-empty batch, or undefined at the end of its source. */
  async function advance(c: Cursor): Promise<Cursor | undefined> {
    for (;;) {
      const r = await c.more.next();
      if (r.done) return undefined;
      if (r.value.length > 0) return { items: r.value, pos: 0, more: c.more };
    }
  }

  async function* generate(): AsyncGenerator<KeyEvent[]> {
    const cursors = new MinHeap<Cursor>((a, b) => earlier(headOf(a), headOf(b)));
    try {
      const listing = await listLogFiles(paths);
      listingGaps.push(...listing.gaps);
      reports = listing.files.map((f) => emptyReport(f));
      duplicates = listing.files.map(() => 0);
      const plans: Plan[] = [];
      for (const [idx, path] of listing.files.entries()) {
        const named = timeFromPath(path);
        plans.push(named === undefined ? await probe(path, idx) : { idx, path, start: named, sort: false });
      }
      plans.sort((a, b) => a.start - b.start || a.idx - b.idx);

      const dedupe = new ProviderDedupe(opts.dedupeWindowMs);
      let out: KeyEvent[] = [];
      const reorder = new TimeWindowReorder((item) => {
        if (dedupe.seen(item.event.provider, item.event.eventId, item.ms)) {
          stats.duplicates++;
          if (item.src >= 0) duplicates[item.src]!++;
          return;
        }
        out.push(item.event);
      }, windowMs);

      const extra = (opts.extra ?? []).map((event, rec) => {
        const t = Date.parse(event.time);
        return { event, ms: Number.isNaN(t) ? 0 : t, src: -1, rec };
      });
      if (extra.length > 0) cursors.push({ items: extra.sort((a, b) => a.ms - b.ms || a.rec - b.rec), pos: 0, more: arrayBatches([]) });

      let next = 0;
      let openFiles = 0;
      for (;;) {
        // Open every file whose start the merge has reached (or the next one, when nothing is open).
        while (next < plans.length && (cursors.size === 0 || (openFiles < maxOpen && plans[next]!.start <= headOf(cursors.peek()!).ms))) {
          const c = await open(plans[next++]!);
          if (!c) continue;
          cursors.push(c);
          openFiles++;
          if (openFiles > order.openFilesPeak) order.openFilesPeak = openFiles;
        }
        const c = cursors.pop();
        if (!c) break;
        // Take events from this cursor while it stays the earliest and no file is due to open.
        const rival = cursors.peek();
        const due = next < plans.length && openFiles < maxOpen ? plans[next]!.start : Number.POSITIVE_INFINITY;
        do {
          reorder.push(c.items[c.pos]!);
          c.pos++;
        } while (c.pos < c.items.length && !(rival && earlier(headOf(rival), headOf(c))) && headOf(c).ms < due);
        if (out.length >= BATCH) {
          stats.events += out.length;
          yield out;
          out = [];
        }
        if (c.pos < c.items.length) {
          cursors.push(c);
          continue;
        }
        const more = await advance(c);
        if (more) cursors.push(more);
        else if (c.items[0]!.src >= 0) openFiles--;
      }
      reorder.flush();
      order.late = reorder.late;
      order.maxLatenessMs = reorder.maxLatenessMs;
      order.reorderPeak = reorder.peak;
      if (out.length > 0) {
        stats.events += out.length;
        yield out;
      }
    } catch (e) {
      fail(e);
      throw e;
    } finally {
      for (let c = cursors.pop(); c; c = cursors.pop()) await c.more.return?.();
      settle(finalResult());
    }
  }

  function finalResult(): TimeOrderedResult {
    const gaps = [...listingGaps];
    const inputs = [];
    for (const [idx, report] of reports.entries()) {
      stats.files++;
      stats.records += report.records;
      stats.skipped += report.skipped;
      stats.malformed += report.malformed;
      stats.oversized += report.oversized;
      stats.bytes += report.bytes;
      stats.decompressedBytes += report.decompressedBytes;
      gaps.push(...report.gaps);
      inputs.push(toInputFile(report, duplicates[idx] ?? 0));
    }
    return { inputs, gaps, stats, order };
  }

  return { batches: generate(), result };
}

/** Batches already in memory, as the async iterator the merge pulls from. */
function arrayBatches(batches: TimedEvent[][]): AsyncIterator<TimedEvent[]> {
  let i = 0;
  return {
    next: () => Promise.resolve(i < batches.length ? { done: false, value: batches[i++]! } : { done: true, value: undefined }),
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
}
