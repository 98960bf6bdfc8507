// Reading policy metadata straight from the .rego source (design.md §4: metadata always comes from
// the sources, whichever backend evaluates them). A `# METADATA` block is a run of comment lines
// holding YAML; it annotates the package or rule that follows.
import { parse as parseYaml } from 'yaml';
import type { Provider, RuleMeta, Severity } from '../core/model.js';
import { PROVIDERS, SEVERITIES } from '../core/model.js';

export interface Annotation {
  /** 'package' or 'rule' (explicit `scope:` wins; `document`/`subpackages` map to rule/package). */
  scope: 'package' | 'rule';
  /** Rule name for rule-scoped blocks. */
  rule?: string;
  line: number;
  data: Record<string, unknown>;
}

export interface ModuleInfo {
  path: string;
  /** Dotted package path without `data.` (e.g. `keywarden.aws.kms.auto_rotation`). */
  packagePath: string;
  /** deny / warn / violation rules (with optional `_suffix`) defined at the top level of the module. */
  resultRules: string[];
  /** The module defines conftest's `exception` rule (suffixes of deny_/violation_ rules it exempts). */
  hasExceptions: boolean;
  annotations: Annotation[];
}

export class MetadataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

const RESULT_RULE = /^(deny|warn|violation)(_[A-Za-z0-9_]+)?$/;

function packageOf(line: string): string | undefined {
  const m = /^package\s+([A-Za-z_][\w.]*(?:\["[^"]+"\][\w.]*)*)/.exec(line);
  return m?.[1]?.replace(/\["([^"]+)"\]/g, '.$1');
}

function ruleNameOf(line: string): string | undefined {
  const m = /^(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:contains\b|if\b|:=|=|\[|\(|\{)/.exec(line);
  const name = m?.[1];
  if (!name || ['package', 'import', 'else'].includes(name)) return undefined;
  return name;
}

/** Parse a module's package, result rules and METADATA blocks. */
export function readModuleInfo(path: string, source: string): ModuleInfo {
  const lines = source.split(/\r?\n/);
  let packagePath: string | undefined;
  const resultRules = new Set<string>();
  let hasExceptions = false;
  const annotations: Annotation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^#\s*METADATA\s*$/.test(line)) {
      const start = i + 2; // 1-based line of the first YAML line
      const yamlLines: string[] = [];
      let j = i + 1;
      for (; j < lines.length && /^#/.test(lines[j] ?? ''); j++) yamlLines.push((lines[j] ?? '').replace(/^# ?/, ''));
      let data: unknown;
      try {
        data = parseYaml(yamlLines.join('\n')) ?? {};
      } catch (e) {
        throw new MetadataError(path, start, `METADATA is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new MetadataError(path, start, 'METADATA must be a YAML mapping');
      let k = j;
      while (k < lines.length && /^\s*$/.test(lines[k] ?? '')) k++;
      const target = lines[k] ?? '';
      const explicit = (data as { scope?: string }).scope;
      const pkg = packageOf(target);
      const rule = pkg ? undefined : ruleNameOf(target);
      const scope: 'package' | 'rule' = explicit === 'package' || explicit === 'subpackages' ? 'package' : explicit === 'rule' || explicit === 'document' ? 'rule' : pkg ? 'package' : 'rule';
      annotations.push({ scope, ...(rule ? { rule } : {}), line: i + 1, data: data as Record<string, unknown> });
      i = j - 1;
      continue;
    }
    const pkg = packageOf(line);
    if (pkg && packagePath === undefined) {
      packagePath = pkg;
      continue;
    }
    const rule = ruleNameOf(line);
    if (rule && RESULT_RULE.test(rule)) resultRules.add(rule);
    if (rule === 'exception') hasExceptions = true;
  }
  if (packagePath === undefined) throw new MetadataError(path, 1, 'no package declaration');
  return { path, packagePath, resultRules: [...resultRules].sort(), hasExceptions, annotations };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return undefined;
}

export function normaliseSeverity(v: unknown): Severity | undefined {
  const s = typeof v === 'string' ? v.toLowerCase() : undefined;
  return s && (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : undefined;
}

/**
 * METADATA (package block merged with a rule block) → RuleMeta. Without a `custom.id` the id is the
 * package path plus the rule name (`main.deny`, `main.warn`), so conftest rules stay distinct.
 */
export function toRuleMeta(info: ModuleInfo, ruleName?: string): RuleMeta {
  const pkg = info.annotations.find((a) => a.scope === 'package')?.data ?? {};
  const ruleBlock = ruleName ? (info.annotations.find((a) => a.scope === 'rule' && a.rule === ruleName)?.data ?? {}) : {};
  const merged: Record<string, unknown> = { ...pkg, ...ruleBlock };
  const custom = { ...((pkg.custom as Record<string, unknown>) ?? {}), ...((ruleBlock.custom as Record<string, unknown>) ?? {}) };
  const id = str(custom.id) ?? (ruleName ? `${info.packagePath}.${ruleName}` : info.packagePath);
  const providersRaw = strings(custom.providers) ?? strings(custom.provider) ?? [];
  const providers = providersRaw.map((p) => p.toLowerCase()).filter((p): p is Provider => (PROVIDERS as readonly string[]).includes(p));
  const references = [
    ...(strings(custom.references) ?? []),
    ...((Array.isArray(merged.related_resources) ? merged.related_resources : []) as unknown[]).map((r) =>
      typeof r === 'string' ? r : str((r as { ref?: unknown })?.ref),
    ),
  ].filter((r): r is string => typeof r === 'string');
  const frameworks: Record<string, string[]> = {};
  for (const [k, v] of Object.entries((custom.frameworks as Record<string, unknown>) ?? {})) {
    const list = strings(v)?.map(String) ?? (Array.isArray(v) ? v.map(String) : [String(v)]);
    frameworks[k] = list;
  }
  const meta: RuleMeta = {
    id,
    kind: 'policy',
    title: str(merged.title) ?? id,
    description: str(merged.description) ?? str(merged.title) ?? id,
    severity: normaliseSeverity(custom.severity) ?? (ruleName?.startsWith('warn') ? 'low' : 'medium'),
  };
  const remediation = str(custom.remediation) ?? str(custom.recommended_action) ?? str(custom.recommended_actions);
  if (remediation) meta.remediation = remediation;
  if (references.length) meta.references = [...new Set(references)];
  if (Object.keys(frameworks).length) meta.frameworks = frameworks;
  if (providers.length) meta.providers = [...new Set(providers)].sort();
  const aliases = strings(custom.aliases);
  if (aliases?.length) meta.aliases = aliases;
  const tags = strings(custom.tags);
  if (tags?.length) meta.tags = tags;
  return meta;
}
