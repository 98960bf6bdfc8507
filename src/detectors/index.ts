// Public API of keywarden's anomaly detection (what the scan command calls).
export { createDetection } from './engine/engine.js';
export type { DetectionOptions, DetectionResult, DetectionRun, DetectionSnapshot } from './engine/engine.js';
export type { DetectionStats } from './engine/stats.js';
export { loadRules, parseRule, RuleLoadError } from './rules/load.js';
export type { DetectionRule, RuleOverride, RuleScope } from './rules/load.js';
export { DETECTORS, detectorById } from './registry.js';
export type { Alert, Detector, DetectorEvent, Evidence } from './types.js';
export { openGeo, MmdbGeo, TableGeo } from '../geo/lookup.js';
export type { GeoInfo, GeoLookup } from '../geo/types.js';
export { SpikeSeriesDetector, DEFAULT_SERIES_PARAMS } from './series/spike-series.js';
export { parseSeriesCsv, scoreSeries, formatScoredCsv } from './series/csv.js';

import { fileURLToPath } from 'node:url';
/** The rules shipped with keywarden (`rules/` at the package root). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
