// Loading keywarden.config.yaml: validate-then-build. Every error names the field and says how to
// fix it; a missing default file is fine (built-in defaults), a missing explicit --config is not.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { ToolError } from '../core/errors.js';
import type { Severity } from '../core/model.js';
import { CONFIG_SCHEMA } from './schema.js';
import { DEFAULT_PROFILE, resolveProfile, type CustomProfile, type TagCaps, type Thresholds } from './profiles.js';
import type { Waiver } from './waivers.js';

export const DEFAULT_CONFIG_FILE = 'keywarden.config.yaml';

export interface KeywardenConfig {
  /** Absolute path of the file read, or undefined when defaults were used. */
  file?: string;
  policies: string[];
  rules: string[];
  profile: string;
  thresholds: Thresholds;
  failOn?: Severity | 'none';
  geoipDb?: string;
  waivers: Waiver[];
  dataClasses?: TagCaps;
  environments?: TagCaps;
}

interface RawConfig {
  version?: 1;
  policies?: string[];
  rules?: string[];
  profile?: string;
  profiles?: Record<string, CustomProfile>;
  failOn?: Severity | 'none';
  geoipDb?: string;
  dataClasses?: TagCaps;
  environments?: TagCaps;
  waivers?: (Omit<Waiver, 'expires'> & { expires: string | Date })[];
}

const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
const validate = ajv.compile<RawConfig>(CONFIG_SCHEMA);

/** ajv error → "at waivers[0].expires: must match pattern … (a date (YYYY-MM-DD) …)". */
export function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath
    ? e.instancePath.slice(1).split('/').map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '')
    : '(top level)';
  let what = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') what = `has an unknown field "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') what = `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  if (e.keyword === 'pattern') what = 'has the wrong format';
  if (e.keyword === 'required') what = `is missing the field "${String(e.params.missingProperty)}"`;
  const hint = (e.parentSchema as { description?: string } | undefined)?.description;
  return `at ${where}: ${what}${hint && e.keyword !== 'required' ? ` (expected: ${hint})` : ''}`;
}

/** Parse and validate config text; `file` is used in messages and to resolve relative folders. */
export function parseConfig(text: string, file: string): KeywardenConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ToolError('config-parse', `${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  const raw = (doc.toJS() ?? {}) as RawConfig;
  // YAML turns an unquoted 2026-12-31 into a string with the default schema, but be tolerant of Dates.
  for (const w of raw.waivers ?? []) if (w.expires instanceof Date) w.expires = w.expires.toISOString();
  if (!validate(raw)) {
    const messages = [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if').map(describeAjvError))];
    throw new ToolError('config-invalid', `${file} is not a valid keywarden config:\n    ${messages.join('\n    ')}`);
  }
  const base = dirname(file);
  const profile = raw.profile ?? DEFAULT_PROFILE;
  let thresholds: Thresholds;
  try {
    thresholds = resolveProfile(profile, raw.profiles ?? {});
  } catch (e) {
    throw new ToolError('config-invalid', `${file}: at profile: ${(e as Error).message}`);
  }
  const config: KeywardenConfig = {
    file,
    policies: (raw.policies ?? []).map((p) => resolve(base, p)),
    rules: (raw.rules ?? []).map((p) => resolve(base, p)),
    profile,
    thresholds,
    waivers: (raw.waivers ?? []).map((w) => ({ ...w, expires: String(w.expires) })),
  };
  if (raw.failOn) config.failOn = raw.failOn;
  if (raw.geoipDb) config.geoipDb = resolve(base, raw.geoipDb);
  if (raw.dataClasses) config.dataClasses = raw.dataClasses;
  if (raw.environments) config.environments = raw.environments;
  return config;
}

export function defaultConfig(): KeywardenConfig {
  return { policies: [], rules: [], profile: DEFAULT_PROFILE, thresholds: resolveProfile(DEFAULT_PROFILE), waivers: [] };
}

/** `--config FILE` must exist; without it, ./keywarden.config.yaml is read when present. */
export function loadConfig(opts: { file?: string; cwd: string }): KeywardenConfig {
  const explicit = opts.file !== undefined;
  const file = resolve(opts.cwd, opts.file ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new ToolError('config-not-found', `config file not found: ${file}`);
    return defaultConfig();
  }
  return parseConfig(readFileSync(file, 'utf8'), file);
}
