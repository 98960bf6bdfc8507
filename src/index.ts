// keywarden's programmatic API: the same calls the commands make.
//
//   import { runScan } from 'keywarden';
//   const { report, exitCode } = await runScan({ inventories: ['inventory.json'], logs: ['logs/'], outDir: 'reports' });
export { runScan, toolVersion, type ScanOptions, type ScanResult } from './pipeline/scan.js';
export { runCollect, type CollectOptions, type CollectResult } from './pipeline/collect.js';
export { exitCodeFor, summarize, sortFindings, type FailOn } from './pipeline/summary.js';
export { parseTimeFlag, parseWindow } from './pipeline/time.js';
export { DEMO_ANCHOR, DEMO_DIR } from './pipeline/paths.js';
export { PolicyEngine, loadPolicyModules, createInterpreterBackend, createWasmBackend, readModuleInfo, toRuleMeta } from './engine/index.js';
export type { PolicyEvaluation, PolicyInput, EngineBackend, PolicyModule } from './engine/index.js';
export { loadConfig, parseConfig, applyWaivers, resolveProfile, BUILTIN_PROFILES, type KeywardenConfig, type Thresholds, type Waiver } from './config/index.js';
export { StateStore, DEFAULT_STATE_FILE } from './state/index.js';
export { readInventory, writeInventory, mergeInventories } from './inventory/index.js';
// readLogsInTimeOrder is what scans use (one pass in event time); readLogs reads in path order.
export { readLogs, readLogsInTimeOrder, type TimeOrderOptions, type TimeOrderedResult } from './logs/index.js';
export { writeReports, renderConsoleSummary } from './reporters/index.js';
export { systemClock, fixedClock, manualClock, type Clock } from './core/clock.js';
export { ToolError, type ToolErrorCode } from './core/errors.js';
export type * from './core/model.js';
