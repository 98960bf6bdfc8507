// The detection engine: one pass over an event stream, in event time. It validates and counts
// events, drops duplicates and events an earlier run already processed, reorders events within
// the delivery window, geolocates, routes each event to the rule instances whose scope matches,
// ticks detectors at hour boundaries and folds alerts into incidents.
import type { Finding, KeyEvent, Severity } from '../../core/model.js';
import type { GeoLookup } from '../../geo/types.js';
import { geolocatableIp } from '../../geo/source.js';
import { detectorById } from '../registry.js';
import type { DetectionRule, RuleScope } from '../rules/load.js';
import type { AnyDetector, DetectorEvent } from '../types.js';
import { HOUR } from '../types.js';
import { sourceKey } from '../resources.js';
import { parseEventTime } from './time.js';
import { type Buffered, ReorderBuffer } from './reorder.js';
import { Folder, type Incident, toFinding } from './fold.js';
import { emptyStats, type DetectionStats } from './stats.js';

export interface DetectionOptions {
  rules: readonly DetectionRule[];
  geo?: GeoLookup;
  /** A snapshot from an earlier run's `finish()` (stored by the scan between runs). */
  baseline?: unknown;
  /** Events may arrive this late (out of order) without being counted as late. Default 15. */
  latenessMinutes?: number;
  /** Tags of a key (from the inventory), for rules scoped by key tags. */
  keyTags?: (keyId: string) => Record<string, string> | undefined;
  /** Wall-clock time of the run (ms): events further in the future than `maxSkewMinutes` are clamped. */
  now?: number;
  maxSkewMinutes?: number;
}

export interface DetectionResult {
  findings: Finding[];
  snapshot: DetectionSnapshot;
  stats: DetectionStats;
}

export interface DetectionRun {
  observe(event: KeyEvent): void;
  finish(now?: number | Date): DetectionResult;
}

interface SourceMark {
  lastTime: number;
  /** Event ids with time >= lastTime - lateness (for idempotent re-scans at the boundary). */
  recentIds: Record<string, number>;
}

/**
 * In-memory form of a SourceMark. Event ids live in two generations: a generation is dropped whole
 * once the source's time has moved a delivery window past its start, so no id is ever deleted one
 * by one, and every id within one window of `lastTime` is still held (the snapshot's recentIds).
 */
interface LiveMark {
  lastTime: number;
  generationStart: number;
  previousStart: number;
  /** Event id -> event time minus its generation's start (a small integer: no heap box per id). */
  current: Map<string, number>;
  previous: Map<string, number>;
}

export interface DetectionSnapshot {
  version: 1;
  watermark: number;
  sources: Record<string, SourceMark>;
  detectors: Record<string, unknown>;
  incidents: Incident[];
}

interface Instance {
  key: string;
  rule: DetectionRule;
  detector: AnyDetector;
  params: Record<string, unknown>;
  severity: Severity;
  forcedSeverity?: Severity;
  match?: RuleScope;
  disabled: boolean;
  state: object;
}

/** A rule's instances by owning override (index), with the default instance last. */
interface Route {
  rule: DetectionRule;
  byOverride: Instance[];
  fallback: Instance;
  /** No excludes, providers or overrides: every event goes to the default instance. */
  simple: boolean;
}

export function createDetection(options: DetectionOptions): DetectionRun {
  const lateness = (options.latenessMinutes ?? 15) * 60_000;
  const maxSkew = (options.maxSkewMinutes ?? 15) * 60_000;
  const saved = isSnapshot(options.baseline) ? options.baseline : undefined;
  const stats = emptyStats();
  const instances = buildInstances(options.rules, saved);
  const routes = buildRoutes(instances);
  const byRule = new Map(options.rules.map((r) => [r.meta.id, r]));
  const foldMs = new Map(instances.map((i) => [i.key, i.rule.foldMinutes * 60_000]));
  const folder = new Folder(saved?.incidents.filter((inc) => foldMs.has(inc.instance)) ?? []);
  const previous = saved?.sources ?? {};
  const sources = new Map<string, LiveMark>(
    Object.entries(previous).map(([k, m]) => [
      k,
      { lastTime: m.lastTime, generationStart: m.lastTime, previousStart: m.lastTime, current: new Map(Object.entries(m.recentIds).map(([id, t]) => [id, t - m.lastTime])), previous: new Map() },
    ]),
  );
  const previousIds = new Map(Object.entries(previous).map(([k, m]) => [k, new Set(Object.keys(m.recentIds))]));
  const heap = new ReorderBuffer<KeyEvent>();
  // One buffer slot and one detector event, reused for every event: detectors read `e` during
  // observe() and never keep it, so no object is allocated per event.
  const slot: Buffered<KeyEvent> = { event: undefined as unknown as KeyEvent, time: 0, seq: 0, source: '' };
  const current: DetectorEvent = { event: undefined as unknown as KeyEvent, time: 0, geo: undefined, geoSkip: undefined, source: '' };
  // Geolocation by [viaService][sourceIp]: two maps instead of a built key string per event.
  const geoCache = [new Map<string, Pick<DetectorEvent, 'geo' | 'geoSkip'>>(), new Map<string, Pick<DetectorEvent, 'geo' | 'geoSkip'>>()] as const;
  // Event-time clocks as fields of one object: V8 updates number fields in place, while a
  // closure variable holding a non-integer number gets a fresh heap box on every assignment.
  const start = saved?.watermark ?? -Infinity;
  const clock = { watermark: start, maxTime: start, lastTickHour: Number.isFinite(start) ? Math.floor(start / HOUR) : -Infinity, seq: 0 };
  // Sources an earlier run saw, by key (on a first run there are none and nothing is looked up).
  const previousMarks = new Map(Object.entries(previous));

  function tickAll(now: number): void {
    for (const inst of instances) emit(inst, inst.detector.tick(inst.state, now, inst.params));
    folder.closeIdle(now, (k) => foldMs.get(k) ?? 0);
  }

  function emit(inst: Instance, alerts: ReturnType<AnyDetector['observe']>): void {
    for (const a of alerts) {
      stats.alerts[inst.rule.meta.id] = (stats.alerts[inst.rule.meta.id] ?? 0) + 1;
      folder.add(inst.rule, inst.key, inst.severity, a, inst.forcedSeverity);
    }
  }

  function process(item: Buffered<KeyEvent>): void {
    const hour = Math.floor(item.time / HOUR);
    if (hour > clock.lastTickHour) {
      if (Number.isFinite(clock.lastTickHour)) tickAll(hour * HOUR);
      clock.lastTickHour = hour;
    }
    clock.watermark = Math.max(clock.watermark, item.time);
    const ev = item.event;
    const located = locate(ev);
    current.event = ev;
    current.time = item.time;
    current.source = item.source;
    current.geo = located.geo;
    if (located.geo) {
      stats.geolocated++;
    } else stats.notGeolocated[located.geoSkip as keyof DetectionStats['notGeolocated']]++;
    stats.processed++;
    for (const route of routes) {
      const inst = route.simple ? route.fallback : owner(route, ev, options.keyTags);
      if (!inst || inst.disabled) continue;
      const alerts = inst.detector.observe(inst.state, current, inst.params);
      if (alerts.length > 0) emit(inst, alerts);
    }
  }

  /** Geolocation by source address, cached (bounded) because a few addresses make most calls. */
  function locate(ev: KeyEvent): Pick<DetectorEvent, 'geo' | 'geoSkip'> {
    const cache = geoCache[ev.viaService ? 1 : 0];
    const cacheKey = ev.sourceIp ?? '';
    let hit = cache.get(cacheKey);
    if (!hit) {
      const where = geolocatableIp(ev);
      if ('skip' in where) hit = { geoSkip: where.skip };
      else {
        const geo = options.geo?.lookup(where.ip);
        hit = geo ? { geo } : { geoSkip: 'unknown' };
      }
      if (cache.size >= 10_000) cache.clear();
      cache.set(cacheKey, hit);
    }
    return hit;
  }

  function remember(src: string, id: string, time: number): void {
    let mark = sources.get(src);
    if (!mark) {
      mark = { lastTime: time, generationStart: time, previousStart: time, current: new Map(), previous: new Map() };
      sources.set(src, mark);
    }
    if (time > mark.lastTime) {
      mark.lastTime = time;
      if (time - mark.generationStart > lateness) {
        mark.previous = mark.current;
        mark.previousStart = mark.generationStart;
        mark.current = new Map();
        mark.generationStart = time;
      }
    }
    mark.current.set(id, time - mark.generationStart);
  }

  /** The ids of a source's last delivery window, sorted (for the snapshot). */
  function recentIds(mark: LiveMark): Record<string, number> {
    const ids: [string, number][] = [];
    for (const [generation, start] of [[mark.previous, mark.previousStart], [mark.current, mark.generationStart]] as const) {
      for (const [id, offset] of generation) if (start + offset >= mark.lastTime - lateness) ids.push([id, start + offset]);
    }
    return Object.fromEntries(ids.sort(([x], [y]) => (x < y ? -1 : 1)));
  }

  return {
    observe(ev: KeyEvent): void {
      stats.received++;
      const time = typeof ev?.time === 'string' ? parseEventTime(ev.time) : NaN;
      const missing = missingRequired(ev, time);
      if (missing) {
        stats.invalid++;
        stats.missing[missing] = (stats.missing[missing] ?? 0) + 1;
        return;
      }
      if (!ev.keyId) stats.missing.keyId = (stats.missing.keyId ?? 0) + 1;
      if (!ev.sourceIp) stats.missing.sourceIp = (stats.missing.sourceIp ?? 0) + 1;
      const src = sourceKey(ev);
      const before = previousMarks.size > 0 ? previousMarks.get(src) : undefined;
      if (before && (time < before.lastTime - lateness || (time <= before.lastTime && previousIds.get(src)!.has(ev.eventId)))) {
        stats.alreadyProcessed++;
        return;
      }
      const mark = sources.get(src);
      if (mark && (mark.current.has(ev.eventId) || mark.previous.has(ev.eventId))) {
        stats.duplicates++;
        return;
      }
      let t = time;
      if (options.now !== undefined && t > options.now + maxSkew) {
        stats.futureSkewed++;
        t = options.now;
      }
      if (t < clock.watermark) {
        stats.late++;
        t = clock.watermark;
      }
      remember(src, ev.eventId, time);
      heap.push(ev, t, clock.seq++, src);
      stats.reorderPeak = Math.max(stats.reorderPeak, heap.size);
      clock.maxTime = Math.max(clock.maxTime, t);
      const ready = clock.maxTime - lateness;
      while (heap.popUpTo(ready, slot)) process(slot);
    },

    finish(nowArg?: number | Date): DetectionResult {
      while (heap.pop(slot)) process(slot);
      const now = nowArg === undefined ? clock.maxTime : typeof nowArg === 'number' ? nowArg : nowArg.getTime();
      if (Number.isFinite(now)) {
        tickAll(now);
        clock.watermark = Math.max(clock.watermark, Math.min(now, clock.maxTime));
      }
      const reported = [...folder.closed, ...folder.open.values()].filter((inc) => inc.touched);
      const findings = reported.map((inc) => toFinding(inc, byRule.get(inc.ruleId)));
      findings.sort((a, b) => (a.window!.start < b.window!.start ? -1 : a.window!.start > b.window!.start ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
      for (const f of findings) stats.findings[f.ruleId] = (stats.findings[f.ruleId] ?? 0) + 1;
      for (const inst of instances) stats.entities[inst.key] = inst.detector.size(inst.state);
      // The snapshot (every entity of every detector: gigabytes as JSON at 100,000 keys) is built on
      // first read only: a scan without a state file never reads it. Nothing changes after finish().
      let snapshot: DetectionSnapshot | undefined;
      const takeSnapshot = (): DetectionSnapshot => {
        snapshot ??= JSON.parse(
          JSON.stringify({
            version: 1,
            watermark: Number.isFinite(clock.watermark) ? clock.watermark : 0,
            sources: Object.fromEntries(
              [...sources].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, m]) => [k, { lastTime: m.lastTime, recentIds: recentIds(m) }]),
            ),
            detectors: Object.fromEntries(instances.map((i) => [i.key, i.detector.snapshot(i.state)])),
            incidents: [...folder.open.values()].map((inc) => ({ ...inc, touched: false })),
          } satisfies DetectionSnapshot),
        ) as DetectionSnapshot;
        return snapshot;
      };
      return {
        findings,
        get snapshot() {
          return takeSnapshot();
        },
        stats,
      };
    },
  };
}

function buildInstances(rules: readonly DetectionRule[], saved: DetectionSnapshot | undefined): Instance[] {
  const out: Instance[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const detector = detectorById(rule.detector);
    if (!detector) throw new Error(`rule ${rule.meta.id}: unknown detector '${rule.detector}'`);
    const variants: { key: string; params: Record<string, unknown>; severity: Severity; forcedSeverity?: Severity; match?: RuleScope; disabled: boolean }[] = rule.overrides.map((o, i) => ({
      key: `${rule.meta.id}#${i}`,
      params: { ...rule.params, ...(o.params ?? {}) },
      severity: o.severity ?? rule.meta.severity,
      ...(o.severity ? { forcedSeverity: o.severity } : {}),
      match: o.match,
      disabled: o.enabled === false,
    }));
    variants.push({ key: rule.meta.id, params: rule.params, severity: rule.meta.severity, disabled: false });
    for (const v of variants) {
      const restored = saved?.detectors[v.key];
      const state: object = restored !== undefined ? (detector.restore(restored, v.params) as object) : (detector.init(v.params) as object);
      out.push({ ...v, rule, detector, state });
    }
  }
  return out;
}

/** Groups instances by rule (in rule order) so an event's owning instance is found once per rule. */
function buildRoutes(instances: readonly Instance[]): Route[] {
  const routes: Route[] = [];
  for (const inst of instances) {
    if (inst.key !== inst.rule.meta.id) continue;
    const rule = inst.rule;
    const byOverride = rule.overrides.map((_, i) => instances.find((x) => x.rule === rule && x.key === `${rule.meta.id}#${i}`)!);
    routes.push({ rule, byOverride, fallback: inst, simple: rule.exclude.length === 0 && !rule.meta.providers && rule.overrides.length === 0 });
  }
  return routes;
}

/** The first override whose scope matches takes the event; the default instance takes the rest. */
function owner(route: Route, ev: KeyEvent, keyTags: DetectionOptions['keyTags']): Instance | undefined {
  const rule = route.rule;
  for (const s of rule.exclude) if (matches(s, ev, keyTags)) return undefined;
  if (rule.meta.providers && !rule.meta.providers.includes(ev.provider)) return undefined;
  const overrides = rule.overrides;
  for (let i = 0; i < overrides.length; i++) if (matches(overrides[i]!.match, ev, keyTags)) return route.byOverride[i];
  return route.fallback;
}

export function matches(scope: RuleScope, ev: KeyEvent, keyTags: DetectionOptions['keyTags']): boolean {
  if (scope.keyTags) {
    const tags = ev.keyId ? keyTags?.(ev.keyId) : undefined;
    if (!tags || !Object.entries(scope.keyTags).every(([k, v]) => tags[k] === v)) return false;
  }
  if (scope.principals && !scope.principals.some((g) => glob(g).test(ev.principal.id))) return false;
  if (scope.accounts && !scope.accounts.some((a) => a === ev.account || a === ev.principal.account)) return false;
  if (scope.keys && !(ev.keyId && scope.keys.some((g) => glob(g).test(ev.keyId!)))) return false;
  return true;
}

const globCache = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    globCache.set(pattern, re);
  }
  return re;
}

function missingRequired(ev: KeyEvent, time: number): string | undefined {
  if (Number.isNaN(time)) return 'time';
  if (!ev.eventId) return 'eventId';
  if (!ev.principal?.id) return 'principal';
  if (!ev.operation?.raw || !ev.operation.class) return 'operation';
  if (!ev.provider) return 'provider';
  return undefined;
}

function isSnapshot(x: unknown): x is DetectionSnapshot {
  return typeof x === 'object' && x !== null && (x as { version?: unknown }).version === 1 && 'detectors' in x;
}
