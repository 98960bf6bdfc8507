// The pipeline's view of anomaly detection: observe every event, finish with findings, a baseline
// snapshot for the state file, and the rules' metadata for the reports. Tests inject their own.
import { existsSync } from 'node:fs';
import { ToolError } from '../core/errors.js';
import type { Finding, Gap, KeyEvent, RuleMeta } from '../core/model.js';
import { createDetection, loadRules, openGeo, RuleLoadError } from '../detectors/index.js';

export interface DetectionRun {
  rules: RuleMeta[];
  observe(event: KeyEvent): void;
  finish(now: Date): { findings: Finding[]; snapshot: unknown; stats: Record<string, unknown>; gaps: Gap[] };
}

export interface DetectionOptions {
  /** The built-in rules folder (optional: a partial install may lack it). */
  builtinRuleDir?: string;
  /** User rule folders (config `rules:`); each must exist. */
  ruleDirs: string[];
  geoipDb?: string;
  baseline: unknown;
  /** Tags of inventory keys, for rules scoped by key tags. */
  keyTags?: (keyId: string) => Record<string, string> | undefined;
  now: Date;
}

export type DetectionFactory = (opts: DetectionOptions) => Promise<DetectionRun>;

export const defaultDetectionFactory: DetectionFactory = (opts) => {
  for (const dir of opts.ruleDirs) {
    if (!existsSync(dir)) throw new ToolError('input-not-found', `rule folder not found: ${dir}`, { actions: ['Check the `rules:` list in keywarden.config.yaml.'] });
  }
  const dirs = [...(opts.builtinRuleDir && existsSync(opts.builtinRuleDir) ? [opts.builtinRuleDir] : []), ...opts.ruleDirs];
  let loaded: ReturnType<typeof loadRules>;
  try {
    loaded = loadRules(dirs);
  } catch (e) {
    if (e instanceof RuleLoadError) throw new ToolError('config-invalid', e.message, { cause: e, actions: ['Fix the anomaly rule file named in the message.'] });
    throw e;
  }
  let geo;
  try {
    geo = openGeo(opts.geoipDb ? [opts.geoipDb] : []);
  } catch (e) {
    throw new ToolError('input-invalid', `cannot open the geolocation database ${opts.geoipDb ?? '(bundled)'}: ${(e as Error).message}`, { cause: e });
  }
  const detection = createDetection({
    rules: loaded.rules,
    geo,
    baseline: opts.baseline,
    now: opts.now.getTime(),
    ...(opts.keyTags ? { keyTags: opts.keyTags } : {}),
  });
  return Promise.resolve({
    rules: loaded.meta.map((m) => ({ ...m, kind: 'anomaly' as const })),
    observe: (e) => detection.observe(e),
    finish: (now) => {
      const r = detection.finish(now);
      // The snapshot stays lazy (read only when a state file stores it): see createDetection.
      return {
        findings: r.findings,
        get snapshot() {
          return r.snapshot;
        },
        stats: { ...r.stats },
        gaps: [],
      };
    },
  });
};
