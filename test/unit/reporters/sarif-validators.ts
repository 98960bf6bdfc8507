// Validators used by the SARIF tests: the OASIS draft-04 schema through ajv-draft-04, and the
// Microsoft SARIF Multitool with the SARIF and GitHub (Ghas) rule kinds plus the legacy GH100x rules.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04';

const ROOT = resolve(import.meta.dirname, '../../..');
export const SARIF_SCHEMA_PATH = resolve(ROOT, '../shared/sarif/sarif-schema-2.1.0.json');

/** Present when ../shared is mounted; tests skip with a message otherwise. */
export const sarifSchemaAvailable = existsSync(SARIF_SCHEMA_PATH);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let compiled: ValidateFunction | undefined;

export function validateSarifSchema(log: unknown): string[] {
  if (!compiled) {
    // ajv-draft-04 is CommonJS: under NodeNext its class is the namespace's `default` (also set at runtime).
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    ajv.addFormat('date-time', DATE_TIME);
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///repo/'));
    compiled = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
  }
  const validate = compiled;
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const MULTITOOL_CANDIDATES = [
  join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool'),
  join(ROOT, 'node_modules/.bin/sarif-multitool'),
];
export const multitoolPath = MULTITOOL_CANDIDATES.find((p) => existsSync(p));

// Rules off by default that matter for cloud pseudo-paths: GH1002 (inline thread flows), GH1003
// (region), GH1005 (relative URIs, flags ARNs), GH1007 (formatted messages). GH1001 crashes in 5.7.0.
const EXTRA_RULES = ['GH1002', 'GH1003', 'GH1005', 'GH1007'];

export interface MultitoolIssue {
  ruleId: string;
  level: string;
  text: string;
}

interface ValidationLog {
  runs: {
    tool: { driver: { rules?: { id: string; defaultConfiguration?: { level?: string }; messageStrings?: Record<string, { text: string }> }[] } };
    results?: { ruleId: string; ruleIndex?: number; level?: string; message: { text?: string; id?: string; arguments?: string[] } }[];
  }[];
}

/**
 * Runs `validate --rule-kind Sarif Ghas`; returns every reported issue with its effective level.
 * The tool reports NOTHING (and exits 0) for a file it cannot deserialise (e.g. `level: "bogus"`), so
 * a canary proves it analysed the file: each run's `informationUri` is removed from the copy it sees,
 * which must yield one SARIF2005 warning per run; those canary warnings are then dropped.
 */
export function runMultitool(sarifText: string): MultitoolIssue[] {
  const log = JSON.parse(sarifText) as { runs: { tool: { driver: Record<string, unknown> } }[] };
  for (const run of log.runs) delete run.tool.driver['informationUri'];
  const issues = runMultitoolRaw(JSON.stringify(log, null, 2));
  const isCanary = (i: MultitoolIssue) => i.ruleId === 'SARIF2005' && i.text.includes('informationUri');
  const canaries = issues.filter(isCanary).length;
  if (canaries !== log.runs.length) {
    throw new Error(`sarif-multitool did not analyse the file (expected ${log.runs.length} canary warnings, got ${canaries}); it silently skips files it cannot deserialise`);
  }
  return issues.filter((i) => !isCanary(i));
}

function runMultitoolRaw(sarifText: string): MultitoolIssue[] {
  if (!multitoolPath) throw new Error('sarif-multitool not installed');
  const dir = mkdtempSync(join(tmpdir(), 'kw-sarif-'));
  try {
    const input = join(dir, 'in.sarif');
    const output = join(dir, 'validation.sarif');
    const config = join(dir, 'config.xml');
    writeFileSync(input, sarifText);
    const env = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };
    execFileSync(multitoolPath, ['export-validation-config', config], { env, stdio: 'pipe' });
    let xml = readFileSync(config, 'utf8');
    for (const id of EXTRA_RULES) {
      xml = xml.replace(new RegExp(`(Key="${id}\\.[^"]+\\.Options">\\s*<Property Key="RuleEnabled" Value=")Default"`), '$1Error"');
    }
    writeFileSync(config, xml);
    // The tool exits 0 even when it reports errors: gate on its output file (sarif-and-reports.md 3.3).
    execFileSync(multitoolPath, ['validate', input, '--rule-kind', 'Sarif', 'Ghas', '-c', config, '--output', output, '--log', 'ForceOverwrite'], {
      env,
      stdio: 'pipe',
      timeout: 120_000,
    });
    const log = JSON.parse(readFileSync(output, 'utf8')) as ValidationLog;
    return log.runs.flatMap((run) =>
      (run.results ?? []).map((r) => {
        const rule = run.tool.driver.rules?.find((d) => d.id === r.ruleId) ?? (r.ruleIndex !== undefined ? run.tool.driver.rules?.[r.ruleIndex] : undefined);
        const level = r.level ?? rule?.defaultConfiguration?.level ?? 'warning';
        const template = r.message.id ? rule?.messageStrings?.[r.message.id]?.text : undefined;
        const text = r.message.text ?? (template ? template.replace(/\{(\d+)\}/g, (_, i: string) => r.message.arguments?.[Number(i)] ?? '') : JSON.stringify(r.message));
        return { ruleId: r.ruleId, level, text };
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** keywarden's own GitHub-ingestion assertions (sarif-and-reports.md 3.2); returns the violations. */
export function githubIngestionProblems(log: {
  runs: {
    automationDetails?: { id?: string };
    tool: { driver: { rules: { id: string; name?: string; shortDescription?: { text?: string }; fullDescription?: { text?: string }; help?: { text?: string }; properties?: Record<string, unknown> }[] } };
    results: { message?: { text?: string }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[]; partialFingerprints?: Record<string, string>; suppressions?: unknown[] }[];
  }[];
}, options: { allowSuppressed?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (log.runs.length > 20) problems.push(`${log.runs.length} runs > 20`);
  const ids = log.runs.map((r) => r.automationDetails?.id ?? '');
  if (new Set(ids).size !== ids.length) problems.push(`duplicate automationDetails.id: ${ids.join(', ')}`);
  for (const run of log.runs) {
    if (run.results.length > 25_000) problems.push(`${run.results.length} results > 25000`);
    for (const rule of run.tool.driver.rules) {
      const sev = Number(rule.properties?.['security-severity']);
      if (typeof rule.properties?.['security-severity'] !== 'string' || !(sev > 0 && sev <= 10)) problems.push(`rule ${rule.id}: bad security-severity`);
      if (!rule.shortDescription?.text || rule.shortDescription.text.length > 1024) problems.push(`rule ${rule.id}: shortDescription`);
      if (!rule.fullDescription?.text || rule.fullDescription.text.length > 1024) problems.push(`rule ${rule.id}: fullDescription`);
      if (!rule.help?.text) problems.push(`rule ${rule.id}: help.text`);
      if ((rule.name ?? '').length > 255) problems.push(`rule ${rule.id}: name too long`);
      const tags = rule.properties?.['tags'];
      if (Array.isArray(tags) && tags.length > 20) problems.push(`rule ${rule.id}: ${tags.length} tags`);
    }
    for (const [i, result] of run.results.entries()) {
      if (!result.message?.text) problems.push(`result ${i}: no message.text`);
      const loc = result.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri ?? '';
      if (uri === '' || /^[^/]*:/.test(uri) || uri.startsWith('/') || /[\s#?]/.test(uri)) problems.push(`result ${i}: bad uri ${uri}`);
      if (!loc?.region?.startLine || loc.region.startLine < 1) problems.push(`result ${i}: no startLine`);
      if (!result.partialFingerprints?.['primaryLocationLineHash']) problems.push(`result ${i}: no primaryLocationLineHash`);
      if (!options.allowSuppressed && result.suppressions) problems.push(`result ${i}: waived result in GitHub SARIF`);
    }
  }
  return problems;
}
