// `keywarden policy test`: OPA's test semantics over our interpreter. Tests are rules named test_*
// (todo_* are skipped) in any loaded package; a test passes when it is true, fails when undefined or
// not true, errors on a runtime error. Parameterised tests (`test_x[note] if ...`) report each case.
import { compile, RegoError } from '../rego/index.js';
import { parseModule } from '../rego/parser/index.js';
import type { Module, Rule } from '../rego/ast/types.js';
import type { SourceFile } from './files.js';

export type TestOutcome = 'pass' | 'fail' | 'error' | 'skip';

export interface TestResult {
  file: string;
  package: string;
  name: string;
  /** Full name as `opa test` prints it: data.<package>.<rule>[.<case>] */
  fullName: string;
  row: number;
  outcome: TestOutcome;
  error?: string;
  durationMs: number;
  output: string[];
}

export interface TestRunOptions {
  run?: RegExp;
  data?: Record<string, unknown>;
  timeoutMs?: number;
  /** Injected clock (ms since epoch) for durations; defaults to performance.now. */
  elapsed?: () => number;
}

interface TestRule {
  file: string;
  pkg: string;
  name: string;
  row: number;
}

function packageName(mod: Module): string {
  return mod.package.path
    .slice(1)
    .map((t) => (t.type === 'string' ? t.value : t.type === 'var' ? t.name : '?'))
    .join('.');
}

function testRules(mod: Module): TestRule[] {
  const seen = new Set<string>();
  const out: TestRule[] = [];
  for (const rule of mod.rules) {
    const name = rule.head.name;
    if (!(name.startsWith('test_') || name.startsWith('todo_')) || seen.has(name)) continue;
    seen.add(name);
    out.push({ file: mod.file, pkg: packageName(mod), name, row: ruleRow(rule) });
  }
  return out;
}

function ruleRow(rule: Rule): number {
  return rule.loc?.row ?? rule.head.loc?.row ?? 0;
}

export async function runTests(files: readonly SourceFile[], opts: TestRunOptions = {}): Promise<TestResult[]> {
  const clock = opts.elapsed ?? (() => performance.now());
  const modules: Record<string, string> = {};
  const tests: TestRule[] = [];
  for (const f of files) {
    modules[f.display] = f.text;
    tests.push(...testRules(parseModule(f.text, f.display)));
  }
  const policy = await compile({ modules, data: opts.data ?? {} });
  const results: TestResult[] = [];
  for (const t of tests) {
    const fullName = `data.${t.pkg}.${t.name}`;
    if (opts.run && !opts.run.test(fullName)) continue;
    const base = { file: t.file, package: t.pkg, name: t.name, row: t.row };
    if (t.name.startsWith('todo_')) {
      results.push({ ...base, fullName, outcome: 'skip', durationMs: 0, output: [] });
      continue;
    }
    const output: string[] = [];
    const start = clock();
    try {
      const rows = await policy.query(`x = ${fullName}`, {
        timeoutMs: opts.timeoutMs ?? 30_000,
        // As `opa test`: a failing builtin (divide by zero, bad operand) is an ERROR, not a quiet FAIL.
        strictBuiltinErrors: true,
        print: (msg: string) => output.push(msg),
      });
      const durationMs = clock() - start;
      const value = rows[0]?.x;
      if (rows.length === 1 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        // A parameterised test: one result per case key.
        const cases = Object.entries(value as Record<string, unknown>);
        if (cases.length === 0) results.push({ ...base, fullName, outcome: 'fail', durationMs, output });
        for (const [key, v] of cases) {
          results.push({ ...base, fullName: `${fullName}.${key}`, outcome: v === true ? 'pass' : 'fail', durationMs, output });
        }
      } else {
        const outcome: TestOutcome = rows.length > 0 && rows.every((r) => r.x === true) ? 'pass' : 'fail';
        results.push({ ...base, fullName, outcome, durationMs, output });
      }
    } catch (err) {
      const message = err instanceof RegoError ? err.message : (err as Error).message;
      results.push({ ...base, fullName, outcome: 'error', error: message, durationMs: clock() - start, output });
    }
  }
  return results;
}

export interface TestSummary {
  pass: number;
  fail: number;
  error: number;
  skip: number;
  total: number;
}

export function summarize(results: readonly TestResult[]): TestSummary {
  const s: TestSummary = { pass: 0, fail: 0, error: 0, skip: 0, total: results.length };
  for (const r of results) s[r.outcome] += 1;
  return s;
}

/** Text in the manner of `opa test`: failures (all tests with verbose), then a summary line. */
export function formatResults(results: readonly TestResult[], verbose: boolean): string {
  const lines: string[] = [];
  const shown = verbose ? results : results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
  let file = '';
  for (const r of shown) {
    if (r.file !== file) {
      if (file) lines.push('');
      lines.push(`${r.file}:`);
      file = r.file;
    }
    const label = r.outcome === 'skip' ? 'SKIPPED' : r.outcome.toUpperCase();
    lines.push(`${r.fullName}: ${label} (${r.durationMs.toFixed(3)}ms)`);
    if (r.error) lines.push(`  ${r.error}`);
    for (const o of r.output) lines.push(`  ${o}`);
  }
  const s = summarize(results);
  if (shown.length > 0) lines.push('-'.repeat(80));
  if (s.total === 0) lines.push('no tests found');
  else if (s.fail === 0 && s.error === 0) lines.push(`PASS: ${s.pass}/${s.total}${s.skip ? ` (SKIPPED: ${s.skip})` : ''}`);
  else {
    if (s.pass) lines.push(`PASS: ${s.pass}/${s.total}`);
    if (s.fail) lines.push(`FAIL: ${s.fail}/${s.total}`);
    if (s.error) lines.push(`ERROR: ${s.error}/${s.total}`);
    if (s.skip) lines.push(`SKIPPED: ${s.skip}/${s.total}`);
  }
  return lines.join('\n');
}
