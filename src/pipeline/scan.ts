// The scan pipeline: inputs → inventory + event stream → policy engine + detectors → RunReport →
// reports, state and exit code. `keywarden scan` and the programmatic API both call runScan.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { applyWaivers, type WaiverReport } from '../config/waivers.js';
import { systemClock, type Clock } from '../core/clock.js';
import { ToolError } from '../core/errors.js';
import type { Finding, Gap, Inventory, Provider, RunReport } from '../core/model.js';
import { readLogsInTimeOrder } from '../logs/index.js';
import { renderConsoleSummary, writeReports, type ReportFormat, type SarifOptions, type WrittenReport } from '../reporters/index.js';
import { DEFAULT_STATE_FILE, StateStore } from '../state/store.js';
import { readTrend } from '../state/history.js';
import { liveSnapshot, type LiveInventory } from './collectors.js';
import { defaultDetectionFactory, type DetectionFactory } from './detection.js';
import { displayPath, fileInput, loadInventories, requireExisting } from './inputs.js';
import { mergeInventories } from '../inventory/index.js';
import { BUILTIN_RULES_DIR, DEMO_ANCHOR, DEMO_DIR, PACKAGE_ROOT } from './paths.js';
import { preparePolicies, type EngineName } from './policies.js';
import { assembleReport, buildCoverage } from './report.js';
import { outOfOrderGap } from './order.js';
import { exitCodeFor, sortFindings, type FailOn } from './summary.js';
import { parseWindow } from './time.js';
import { UsageAccumulator } from './usage.js';

export interface ScanOptions {
  cwd?: string;
  demo?: boolean;
  inventories?: string[];
  /** What live collectors (collectLive) found; merged with the --inventory snapshots. */
  live?: LiveInventory;
  logs?: string[];
  since?: string;
  until?: string;
  policies?: string[];
  /** Evaluate the built-in policy pack (default true). */
  builtinPolicies?: boolean;
  outDir?: string;
  formats?: ReportFormat[];
  /** SARIF run layout and category prefix (automationDetails.id). */
  sarif?: SarifOptions;
  failOn?: FailOn;
  /** State file path; `false` runs without history. Default `.keywarden/state.db`, except with `demo` (no history unless given). */
  state?: string | false;
  config?: string;
  engine?: EngineName;
  bundle?: string;
  geoipDb?: string;
  clock?: Clock;
  detection?: DetectionFactory;
  color?: boolean;
  /** How far out of time order events may arrive and still be put in order (default 1 h); later ones are counted in a gap. */
  reorderWindowMs?: number;
}

export interface ScanResult {
  report: RunReport;
  exitCode: 0 | 1;
  written: WrittenReport[];
  notes: string[];
  /** The console summary the CLI prints. */
  summary: string;
  waivers: WaiverReport;
  /** The merged inventory the policies evaluated (snapshots plus live collection), e.g. for an evidence bundle. */
  inventory: Inventory;
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function runScan(opts: ScanOptions): Promise<ScanResult> {
  const cwd = opts.cwd ?? process.cwd();
  const clock = opts.clock ?? systemClock;
  const version = toolVersion();
  const startedAt = opts.demo ? new Date(DEMO_ANCHOR) : clock.now();
  const now = startedAt;
  const config = loadConfig({ cwd, ...(opts.config ? { file: opts.config } : {}) });
  const window = parseWindow({ ...(opts.since ? { since: opts.since } : {}), ...(opts.until ? { until: opts.until } : {}) }, now);
  const inventoryFiles = [...(opts.demo ? [join(DEMO_DIR, 'inventory.json')] : []), ...requireExisting(opts.inventories ?? [], '--inventory', cwd)];
  const logPaths = [...(opts.demo ? [join(DEMO_DIR, 'logs')] : []), ...requireExisting(opts.logs ?? [], '--logs', cwd)];
  if (inventoryFiles.length === 0 && logPaths.length === 0 && !opts.live) {
    throw new ToolError('usage', 'nothing to scan: give --demo, --provider, --inventory FILE or --logs PATH', {
      actions: ['Try `keywarden scan --demo`, or collect a snapshot with `keywarden collect` and pass it with --inventory.'],
    });
  }
  const userPolicyDirs = [...config.policies, ...requireExisting(opts.policies ?? [], '--policies', cwd)];
  const failOn: FailOn = opts.failOn ?? config.failOn ?? 'high';
  if (opts.engine === 'wasm' && !opts.bundle) {
    throw new ToolError('usage', '--engine wasm needs --bundle FILE (a bundle built with `opa build -t wasm`)', {
      actions: ['Pass --bundle FILE, or use --engine interpreter (the default), which compiles the .rego sources itself.'],
    });
  }

  // Open the state first: a corrupt or newer state file must stop the run before any work.
  // The demo keeps no history unless asked: its fixed clock must not mix with a real estate's state.
  const stateFile = opts.state === false || (opts.demo && opts.state === undefined) ? undefined : resolve(cwd, opts.state ?? DEFAULT_STATE_FILE);
  const store = stateFile ? StateStore.open(stateFile) : undefined;
  try {
    const loaded = await loadInventories(inventoryFiles, cwd, version, now.toISOString());
    const inputs = loaded.inputs;
    const inventory = opts.live ? mergeInventories([loaded.inventory, liveSnapshot(opts.live, version, now.toISOString())]) : loaded.inventory;
    if (config.file) inputs.push(fileInput(config.file, 'config', cwd));

    const policies = await preparePolicies({
      engine: opts.engine ?? 'interpreter',
      ...(opts.bundle ? { bundle: resolve(cwd, opts.bundle) } : {}),
      builtin: opts.builtinPolicies ?? true,
      userDirs: userPolicyDirs,
      profile: config.profile,
      thresholds: config.thresholds,
      ...(config.dataClasses ? { dataClasses: config.dataClasses } : {}),
      ...(config.environments ? { environments: config.environments } : {}),
    });
    for (const f of policies.files) inputs.push(fileInput(f, 'policy', cwd));

    // Events: one pass feeds the usage summary (for policies) and the detectors.
    const tags = new Map(inventory.keys.map((k) => [k.id, k.tags ?? {}]));
    const geoipDb = opts.geoipDb ?? config.geoipDb;
    const detection = await (opts.detection ?? defaultDetectionFactory)({
      builtinRuleDir: BUILTIN_RULES_DIR,
      ruleDirs: config.rules,
      ...(geoipDb ? { geoipDb: resolve(cwd, geoipDb) } : {}),
      baseline: store?.loadBaseline('detection'),
      keyTags: (id) => tags.get(id),
      now,
    });
    const usage = new UsageAccumulator();
    const eventsByProvider: Partial<Record<Provider, number>> = {};
    const logGaps: Gap[] = [];
    const liveEvents = opts.live?.events ?? [];
    if (logPaths.length > 0 || liveEvents.length > 0) {
      // One pass in event time over live events and log files (src/logs/time-ordered.ts).
      const logs = readLogsInTimeOrder(logPaths, { ...window, extra: liveEvents, ...(opts.reorderWindowMs ? { reorderWindowMs: opts.reorderWindowMs } : {}) });
      for await (const batch of logs.batches) {
        for (const e of batch) {
          usage.observe(e);
          detection.observe(e);
          eventsByProvider[e.provider] = (eventsByProvider[e.provider] ?? 0) + 1;
        }
      }
      const result = await logs.result;
      const unordered = outOfOrderGap(result.order);
      if (unordered) logGaps.push(unordered);
      inputs.push(...result.inputs.map((i) => ({ ...i, path: displayPath(i.path, cwd) })));
      logGaps.push(...result.gaps.map((g) => relativeGap(g, cwd)));
    }
    const used = usage.summary();

    const policy = await policies.evaluate({ ...inventory, usage: used.keys, logs: { events: usage.events, ...(used.window ? { window: used.window } : {}) }, now: now.toISOString() }, now);
    const detected = detection.finish(now);

    const waived = applyWaivers([...policy.findings, ...detected.findings], config.waivers, now);
    const finishedAt = opts.demo ? startedAt : clock.now();
    const covered = new Set([...inventory.keys, ...inventory.containers].map((r) => `${r.provider}:${r.account}`));
    const assessment = store?.assess(waived.findings, covered, finishedAt.toISOString());
    const findings: Finding[] = sortFindings(
      waived.findings.map((f) => {
        const lc = assessment?.lifecycle.get(f.fingerprint);
        return lc ? { ...f, lifecycle: lc } : f;
      }),
    );
    const gaps = [...inventory.gaps, ...logGaps, ...policy.gaps, ...detected.gaps];
    const parameters = {
      demo: opts.demo ?? false,
      inventories: inventoryFiles.map((f) => displayPath(f, cwd)),
      ...(opts.live ? { live: Object.keys(opts.live.scope).sort() } : {}),
      logs: logPaths.map((p) => displayPath(p, cwd)),
      ...(opts.since ? { since: opts.since } : {}),
      ...(opts.until ? { until: opts.until } : {}),
      policies: userPolicyDirs.map((p) => displayPath(p, cwd)),
      engine: opts.engine ?? 'interpreter',
      failOn,
      formats: opts.formats ?? ['sarif', 'json', 'html'],
      profile: config.profile,
      thresholds: config.thresholds,
      waivers: { configured: config.waivers.length, suppressed: waived.report.suppressed, expired: waived.report.expired, unused: waived.report.unused },
      ...(stateFile ? { state: displayPath(stateFile, cwd) } : {}),
    };
    const window_ = window.since || window.until ? { start: (window.since ?? new Date(used.window?.start ?? now)).toISOString(), end: (window.until ?? now).toISOString() } : used.window;
    const report = assembleReport({
      version,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      parameters,
      scope: inventory.scope,
      ...(window_ ? { window: window_ } : {}),
      profile: config.profile,
      inputs,
      rules: [...policy.rules, ...detection.rules],
      findings,
      fixed: assessment?.fixed ?? [],
      gaps,
      coverage: buildCoverage(inventory, eventsByProvider, gaps, { evaluated: policy.evaluated, notApplicable: policy.notApplicable, unknown: policy.unknown, rules: detection.rules.length }),
    });
    if (stateFile) report.trend = readTrend(stateFile, report);
    const exitCode = exitCodeFor(findings, failOn);
    const outDir = resolve(cwd, opts.outDir ?? 'reports');
    let written;
    try {
      written = await writeReports(report, { outDir, formats: opts.formats ?? ['sarif', 'json', 'html'], ...(opts.sarif ? { sarif: opts.sarif } : {}), inventory });
    } catch (e) {
      throw new ToolError('output-write', `cannot write reports to ${outDir}: ${(e as Error).message}`, { cause: e });
    }
    const notes = [...written.notes, ...waiverNotes(waived.report)];
    store?.commit({ id: report.run.id, startedAt: report.run.startedAt, finishedAt: report.run.finishedAt, toolVersion: version, parameters, exitCode }, findings, assessment!, detected.snapshot === undefined ? {} : { detection: detected.snapshot });
    const summary = renderConsoleSummary(report, { color: opts.color ?? false, written: written.written.map((w) => displayPath(w.path, cwd)), notes });
    return { report, exitCode, written: written.written, notes, summary, waivers: waived.report, inventory };
  } finally {
    store?.close();
  }
}

/** Gap file paths as the reports show inputs (relative to the working directory when inside it). */
function relativeGap(g: Gap, cwd: string): Gap {
  if (!g.file) return g;
  const shown = displayPath(g.file, cwd);
  return { ...g, file: shown, scope: g.scope.split(g.file).join(shown), message: g.message.split(g.file).join(shown) };
}

function waiverNotes(r: WaiverReport): string[] {
  return [
    ...r.expired.map((w) => `Waiver expired on ${w.expires} (${w.rule} on ${w.resource}, owner ${w.owner}): its ${w.matched} finding(s) count again; renew or remove it in keywarden.config.yaml.`),
    ...r.unused.map((w) => `Waiver matched nothing (${w.rule} on ${w.resource}, owner ${w.owner}): remove it if the problem is fixed.`),
  ];
}
