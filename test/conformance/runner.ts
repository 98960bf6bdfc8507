// Runs OPA's conformance cases (shared/rego-conformance) through keywarden/rego's library API,
// following the suite README's "How a runner should use a case".
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { compileSync, RegoError } from '../../src/rego/index.js';
import type { BuiltinDecl } from '../../src/rego/builtins/types.js';
import { constantValue } from '../../src/rego/compiler/constant.js';
import { parseTerm } from '../../src/rego/parser/index.js';
import { compare, equals, fromJS, normalizeNumber, parseDecimal, RObject, RSet, toJSONText, type Value } from '../../src/rego/value/index.js';

export interface ConformanceCase {
  note: string;
  query: string;
  modules?: string[];
  data?: Value;
  input?: Value;
  input_term?: string;
  want_result?: Value;
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  sort_bindings?: boolean;
  ignore_generated_vars?: boolean;
}

export interface CaseOutcome {
  id: string;
  category: string;
  note: string;
  pass: boolean;
  reason?: string;
  ms: number;
}

/** YAML node → Rego value, keeping numbers exact (big integers and decimals such as 1e400). */
export function yamlToValue(node: YamlNode | null | undefined): Value {
  if (!node) return null;
  if (isMap(node)) {
    const o = new RObject();
    for (const pair of node.items) {
      const k = yamlToValue(pair.key as YamlNode);
      o.set(k, yamlToValue(pair.value as YamlNode));
    }
    return o;
  }
  if (isSeq(node)) return node.items.map((x) => yamlToValue(x as YamlNode));
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number' || typeof v === 'bigint') {
      const src = (node as { source?: string }).source;
      const exact = src !== undefined ? parseDecimal(src.replace(/_/g, '')) : undefined;
      if (exact) return normalizeNumber(exact);
      return fromJS(v);
    }
    return fromJS(v);
  }
  return null;
}

export function loadCases(file: string): ConformanceCase[] {
  const doc = parseDocument(readFileSync(file, 'utf8'), { intAsBigInt: true, keepSourceTokens: false });
  const root = yamlToValue(doc.contents);
  const cases = root instanceof RObject ? root.get('cases') : undefined;
  if (!Array.isArray(cases)) return [];
  return cases.map((c) => {
    const o = c as RObject;
    const str = (k: string): string | undefined => {
      const v = o.get(k);
      return typeof v === 'string' ? v : undefined;
    };
    const modules = o.get('modules');
    return {
      note: str('note') ?? '',
      query: str('query') ?? '',
      modules: Array.isArray(modules) ? modules.filter((m): m is string => typeof m === 'string') : undefined,
      data: o.get('data'),
      input: o.get('input'),
      input_term: str('input_term'),
      want_result: o.get('want_result'),
      want_error_code: str('want_error_code'),
      want_error: str('want_error'),
      strict_error: o.get('strict_error') === true,
      sort_bindings: o.get('sort_bindings') === true,
      ignore_generated_vars: o.get('ignore_generated_vars') === true,
    };
  });
}

/** Every YAML file below `dir`, sorted. */
export function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Go-style duration ("10ms", "1s") in milliseconds. */
function durationMs(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(s);
  if (!m) throw new Error(`invalid duration: ${s}`);
  const n = Number(m[1]);
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return n * (unit[m[2]!] ?? 1);
}

/** The test-only builtin OPA's test tooling registers: sleeps, returns null. */
export const testSleep: BuiltinDecl = {
  name: 'test.sleep',
  category: 'test',
  args: [{ name: 'duration', type: { kind: 'string' } }],
  result: { name: 'result', type: { kind: 'null' } },
  nondeterministic: true,
  impl: ([d]) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, durationMs(typeof d === 'string' ? d : ''));
    return null;
  },
};

/** The JSON form OPA's runner compares: sets become sorted arrays, object keys become strings. */
export function jsonForm(v: Value): Value {
  if (Array.isArray(v)) return v.map(jsonForm);
  if (v instanceof RSet) return v.values().map(jsonForm);
  if (v instanceof RObject) {
    const o = new RObject();
    for (const [k, x] of v.entries()) o.set(typeof k === 'string' ? k : toJSONText(k), jsonForm(x));
    return o;
  }
  return v;
}

function sortDeep(v: Value): Value {
  if (Array.isArray(v)) return [...v].sort(compare);
  return v;
}

function rowValue(row: Map<string, Value>, c: ConformanceCase): Value {
  const o = new RObject();
  for (const [k, v] of row) {
    if (c.ignore_generated_vars && k.startsWith('__local')) continue;
    o.set(k, c.sort_bindings ? sortDeep(jsonForm(v)) : jsonForm(v));
  }
  return o;
}

function expectedRows(c: ConformanceCase): RSet {
  const s = new RSet();
  for (const r of (c.want_result as Value[]) ?? []) {
    if (!(r instanceof RObject)) continue;
    const o = new RObject();
    for (const [k, v] of r.entries()) o.set(k, c.sort_bindings ? sortDeep(jsonForm(v)) : jsonForm(v));
    s.add(o);
  }
  return s;
}

function preview(v: Value): string {
  const text = toJSONText(v);
  return text.length > 300 ? text.slice(0, 300) + '…' : text;
}

/** Runs one case; never throws. */
export function runCase(c: ConformanceCase): { pass: boolean; reason?: string } {
  let rows: Map<string, Value>[];
  try {
    const modules: Record<string, string> = {};
    (c.modules ?? []).forEach((src, i) => (modules[`test-${i}.rego`] = src));
    const policy = compileSync({ modules, data: c.data ?? new RObject(), builtins: [testSleep] });
    let input: Value | undefined = c.input;
    if (c.input_term !== undefined) {
      input = constantValue(parseTerm(c.input_term));
      if (input === undefined) return { pass: false, reason: 'input_term is not a constant' };
    }
    rows = policy.queryValuesSync(c.query, { input, strictBuiltinErrors: c.strict_error, timeoutMs: 20_000 });
  } catch (err) {
    const e = err as Error;
    const code = err instanceof RegoError ? err.code : undefined;
    if (c.want_error === undefined && c.want_error_code === undefined) return { pass: false, reason: `unexpected error: ${e.message}`.slice(0, 400) };
    if (c.want_error_code !== undefined && code !== c.want_error_code) return { pass: false, reason: `want ${c.want_error_code}, got ${e.message}`.slice(0, 400) };
    if (c.want_error !== undefined && !e.message.includes(c.want_error)) return { pass: false, reason: `want error text "${c.want_error}", got ${e.message}`.slice(0, 400) };
    return { pass: true };
  }
  if (c.want_error !== undefined || c.want_error_code !== undefined) return { pass: false, reason: `want error ${c.want_error_code ?? ''} ${c.want_error ?? ''}, got ${rows.length} results` };
  if (c.want_result === undefined) return { pass: true };
  const got = RSet.from(rows.map((r) => rowValue(r, c)));
  const want = expectedRows(c);
  if (equals(got, want)) return { pass: true };
  return { pass: false, reason: `want ${preview(want)}, got ${preview(got)}` };
}

export interface SuiteLayout {
  root: string;
  scope: Map<string, string>;
}

/** Category scopes from categories.tsv (core / optional / out of scope). */
export function readScopes(root: string): Map<string, string> {
  const m = new Map<string, string>();
  const file = join(root, 'categories.tsv');
  if (!existsSync(file)) return m;
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols[0] && cols[4]) m.set(cols[0], cols[4]);
  }
  return m;
}

/** Runs every case of cases/ and cases-later/. */
export function runSuite(root: string, filter?: (id: string) => boolean): CaseOutcome[] {
  const out: CaseOutcome[] = [];
  for (const sub of ['cases', 'cases-later']) {
    for (const file of yamlFiles(join(root, sub))) {
      const rel = relative(root, file);
      const category = rel.split('/')[1] ?? '?';
      const cases = loadCases(file);
      cases.forEach((c, i) => {
        const id = `${rel}#${i}`;
        if (filter && !filter(id)) return;
        const start = performance.now();
        const r = runCase(c);
        out.push({ id, category, note: c.note, pass: r.pass, reason: r.reason, ms: performance.now() - start });
      });
    }
  }
  return out;
}
