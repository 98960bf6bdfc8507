// Anomaly rules are YAML files (one rule per file, one folder per family). A rule names a
// detector, its params (merged over the detector's defaults), the RuleMeta fields, and optional
// exclusions and per-key-tag overrides. Every file is validated with ajv; errors name the file
// and the offending path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { RuleMeta, Severity } from '../../core/model.js';
import { DETECTORS } from '../registry.js';
import { RULE_SCHEMA } from './schema.js';

/** Narrow who or what a rule (or an override) applies to. */
export interface RuleScope {
  keyTags?: Record<string, string>;
  /** Globs over principal ids (`*` matches anything). */
  principals?: string[];
  accounts?: string[];
  keys?: string[];
}

export interface RuleOverride {
  match: RuleScope;
  params?: Record<string, unknown>;
  severity?: Severity;
  enabled?: boolean;
}

export interface DetectionRule {
  meta: RuleMeta;
  detector: string;
  /** Detector defaults with the rule's params on top. */
  params: Record<string, unknown>;
  enabled: boolean;
  /** Alerts of one entity closer than this fold into one finding. */
  foldMinutes: number;
  exclude: RuleScope[];
  overrides: RuleOverride[];
  /** File the rule came from (relative to its rules folder). */
  file: string;
}

export class RuleLoadError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid rule\n  - ${problems.join('\n  - ')}`);
    this.name = 'RuleLoadError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
const validateRule = ajv.compile(RULE_SCHEMA);
const paramValidators = new Map(Object.values(DETECTORS).map((d) => [d.id, ajv.compile(d.paramsSchema)]));

/** Load every `*.yaml` / `*.yml` rule under the given folders; later folders override earlier ids. */
export function loadRules(dirs: readonly string[]): { rules: DetectionRule[]; meta: RuleMeta[] } {
  const byId = new Map<string, DetectionRule>();
  for (const dir of dirs) {
    for (const file of listYaml(dir)) {
      const rule = parseRule(readFileSync(file, 'utf8'), relative(dir, file) || file);
      byId.set(rule.meta.id, rule);
    }
  }
  const rules = [...byId.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return { rules, meta: rules.map((r) => r.meta) };
}

/** Parse and validate one rule document. */
export function parseRule(text: string, file: string): DetectionRule {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new RuleLoadError(file, [`YAML: ${(err as Error).message}`]);
  }
  if (!validateRule(doc)) {
    throw new RuleLoadError(file, (validateRule.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}`));
  }
  const r = doc as {
    id: string; detector: string; title: string; description: string; severity: Severity; remediation?: string;
    references?: string[]; frameworks?: Record<string, string[]>; providers?: RuleMeta['providers']; tags?: string[];
    aliases?: string[]; params?: Record<string, unknown>; enabled?: boolean; foldMinutes?: number;
    exclude?: RuleScope[]; overrides?: RuleOverride[];
  };
  const detector = DETECTORS[r.detector];
  if (!detector) throw new RuleLoadError(file, [`/detector '${r.detector}' is not a detector (${Object.keys(DETECTORS).sort().join(', ')})`]);
  const params = { ...(detector.defaults as Record<string, unknown>), ...(r.params ?? {}) };
  checkParams(file, r.detector, params, '/params');
  for (const [i, o] of (r.overrides ?? []).entries()) checkParams(file, r.detector, { ...params, ...(o.params ?? {}) }, `/overrides/${i}/params`);
  const meta: RuleMeta = {
    id: r.id,
    kind: 'anomaly',
    title: r.title,
    description: r.description.trim(),
    severity: r.severity,
    ...(r.remediation ? { remediation: r.remediation.trim() } : {}),
    ...(r.references ? { references: r.references } : {}),
    ...(r.frameworks ? { frameworks: r.frameworks } : {}),
    ...(r.providers ? { providers: r.providers } : {}),
    ...(r.tags ? { tags: r.tags } : {}),
    ...(r.aliases ? { aliases: r.aliases } : {}),
  };
  return {
    meta,
    detector: r.detector,
    params,
    enabled: r.enabled ?? true,
    foldMinutes: r.foldMinutes ?? 360,
    exclude: r.exclude ?? [],
    overrides: r.overrides ?? [],
    file,
  };
}

function checkParams(file: string, detector: string, params: Record<string, unknown>, at: string): void {
  const validate = paramValidators.get(detector)!;
  if (!validate(params)) {
    throw new RuleLoadError(file, (validate.errors ?? []).map((e: ErrorObject) => `${at}${e.instancePath} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ('${String(e.params.additionalProperty)}')` : ''}`));
  }
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listYaml(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}
