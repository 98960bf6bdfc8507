// keywarden/rego: compile Rego v1 modules once, then query them.
//
//   const policy = await compile({ modules: { 'a.rego': src }, data });
//   const rows = await policy.query('data.x.p = y', { input });   // [{ y: … }, …]
import type { Annotations, Body, Module } from './ast/types.js';
import { buildTable } from './builtins/table.js';
import type { BuiltinDecl } from './builtins/types.js';
import { compileModules, compileQuery, type CompiledModules } from './compiler/index.js';
import { isGeneratedVar, walkExpr } from './compiler/vars.js';
import { RegoError, combineErrors } from './errors.js';
import { Evaluator, type EvaluatorOptions } from './eval/evaluator.js';
import { newCaches, type Caches } from './eval/context.js';
import './eval/metadata.js';
import { mayPrint } from './eval/order.js';
import { parseModule, parseQuery } from './parser/index.js';
import { fromJS, toJS, type Value } from './value/types.js';

export { RegoError } from './errors.js';
export type { RegoErrorCode } from './errors.js';
export type { Value } from './value/types.js';
export { fromJS, toJS } from './value/types.js';
export { STAGES } from './compiler/index.js';

export interface CompileOptions {
  /** File name → Rego source. */
  modules: Record<string, string>;
  /** The base document `data` (plain JSON, or Rego values). */
  data?: unknown;
  /** Extra builtins (e.g. test-only `test.sleep`); they replace table entries of the same name. */
  builtins?: readonly BuiltinDecl[];
}

export interface QueryOptions {
  input?: unknown;
  /** Builtin errors fail the query instead of making the call undefined. */
  strictBuiltinErrors?: boolean;
  /** Cancel with eval_cancel_error after this many milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The clock for time.now_ns (a Date, or nanoseconds since the epoch); fixed for the evaluation. */
  now?: Date | bigint | number;
  /** Receives print() output. Default: discarded. */
  print?: (message: string) => void;
  /** Randomness for rand.intn/uuid.rfc4122, in [0, 1). */
  random?: () => number;
  /**
   * Queries that pass the same session and the same input, clock and strictness share the input's
   * conversion, rule values and function results: a policy pack of many rules over one inventory
   * then computes `keys.enabled(k)` once per key, not once per rule. A session that sees another
   * input, clock or policy starts over, so sharing is never wrong, only sometimes useless. Without
   * `now`, the session's queries all see the time of its first query.
   */
  session?: QuerySession;
}

/** Shared evaluation state for a series of queries over one input (see QueryOptions.session). */
export class QuerySession {
  /** @internal */
  state: { policy: Policy; rawInput: unknown; input: Value | undefined; nowNs: bigint; strict: boolean; caches: Caches } | undefined;

  /** Drops what the session holds (the converted input and every cached value). */
  clear(): void {
    this.state = undefined;
  }
}

/** One METADATA block with the path it annotates (package or rule, without `data`). */
export interface AnnotationEntry {
  file: string;
  path: string[];
  scope: Annotations['scope'];
  annotations: Annotations;
}

export type Bindings = Record<string, unknown>;

export class Policy {
  constructor(
    readonly compiled: CompiledModules,
    private readonly data: Value,
  ) {}

  /** Every solution's bindings as plain JSON (sets as sorted arrays); generated vars omitted. */
  query(query: string, opts: QueryOptions = {}): Promise<Bindings[]> {
    // A throw inside the executor becomes the rejection.
    return new Promise((resolve) =>
      resolve(
        this.queryValuesSync(query, opts).map((row) => {
          const out: Bindings = {};
          for (const [k, v] of row) out[k] = toJS(v);
          return out;
        }),
      ),
    );
  }

  /** Like query, but the bindings stay Rego values (exact numbers, sets). */
  queryValues(query: string, opts: QueryOptions = {}): Promise<Map<string, Value>[]> {
    return new Promise((resolve) => resolve(this.queryValuesSync(query, opts)));
  }

  /** Synchronous evaluation, for callers that hold no event loop turn between queries. */
  queryValuesSync(query: string, opts: QueryOptions = {}): Map<string, Value>[] {
    let body = this.queries.get(query);
    if (!body) {
      body = compileQuery(parseQuery(query, 'query'), this.compiled);
      // Compiled queries are immutable during evaluation, so they can be reused.
      if (this.queries.size >= 256) this.queries.clear();
      this.queries.set(query, body);
    }
    return this.evalBody(body, opts);
  }

  private readonly queries = new Map<string, Body>();

  /** Evaluates an already compiled query body. */
  evalBody(body: Body, opts: QueryOptions): Map<string, Value>[] {
    const names: string[] = [];
    for (const e of body) {
      walkExpr(
        e,
        (v) => {
          if (!isGeneratedVar(v.name) && v.name !== 'data' && v.name !== 'input' && !names.includes(v.name)) names.push(v.name);
        },
        false,
      );
    }
    const strict = opts.strictBuiltinErrors === true;
    // A session without an explicit clock keeps the time of its first query (one evaluation, one now).
    const now = opts.now === undefined && opts.session?.state?.policy === this ? opts.session.state.nowNs : nowNs(opts.now);
    const shared = opts.session ? this.sessionState(opts.session, opts.input, now, strict) : undefined;
    const evalOpts: EvaluatorOptions = {
      input: shared ? shared.input : opts.input === undefined ? undefined : fromJS(opts.input),
      data: this.data,
      strict,
      deadline: opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined,
      signal: opts.signal,
      nowNs: now,
      print: opts.print ?? (() => undefined),
      random: opts.random ?? Math.random,
      orderedOnly: this.mayPrint(body),
      ...(shared ? { caches: shared.caches } : {}),
    };
    try {
      return runBody(new Evaluator(this.compiled, evalOpts), body, names);
    } catch (err) {
      // Which error comes first can depend on the order sets are walked in: when rules walked
      // sets unsorted, run again in OPA's sorted order so the same error is reported.
      if (!(err instanceof RegoError) || err.code === 'eval_cancel_error' || !(err as ErrorWithRun).usedUnordered) throw err;
      return runBody(new Evaluator(this.compiled, { ...evalOpts, orderedOnly: true }), body, names);
    }
  }

  /** The session's state for this policy, input, clock and strictness (started over when any differs). */
  private sessionState(session: QuerySession, rawInput: unknown, now: bigint, strict: boolean): NonNullable<QuerySession['state']> {
    const s = session.state;
    if (s && s.policy === this && s.rawInput === rawInput && s.nowNs === now && s.strict === strict) return s;
    const input = rawInput === undefined ? undefined : fromJS(rawInput);
    return (session.state = { policy: this, rawInput, input, nowNs: now, strict, caches: newCaches() });
  }

  private readonly printing = new WeakMap<Body, boolean>();

  /** Whether evaluating `body` may call print (whose output order is observable). */
  private mayPrint(body: Body): boolean {
    let yes = this.printing.get(body);
    if (yes === undefined) this.printing.set(body, (yes = mayPrint(this.compiled.modules, body)));
    return yes;
  }

  /** Every METADATA block of every module, with its target path, sorted by file then path. */
  annotations(): AnnotationEntry[] {
    const out: AnnotationEntry[] = [];
    for (const m of this.compiled.modules) {
      for (const a of m.annotations) out.push({ file: m.file, path: a.targetPath ?? [], scope: a.scope, annotations: a });
    }
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.path.join('.') < b.path.join('.') ? -1 : a.path.join('.') > b.path.join('.') ? 1 : 0));
  }

  /** The parsed modules (after compilation). */
  modules(): Module[] {
    return this.compiled.modules;
  }
}

type ErrorWithRun = RegoError & { usedUnordered?: boolean };

/** Evaluates a query body; every solution's named bindings become one row. */
function runBody(ev: Evaluator, body: Body, names: string[]): Map<string, Value>[] {
  const rows: Map<string, Value>[] = [];
  const frame = new Map<string, Value>();
  try {
    ev.evalBody(body, frame, () => {
      const row = new Map<string, Value>();
      for (const n of names) {
        const v = frame.get(n);
        if (v !== undefined) row.set(n, v);
      }
      rows.push(row);
      return false;
    });
  } catch (err) {
    let out = err;
    if (err instanceof RangeError) out = new RegoError('eval_internal_error', `evaluation too deep: ${err.message}`);
    if (out instanceof RegoError) (out as ErrorWithRun).usedUnordered = ev.usedUnordered;
    throw out;
  }
  return rows;
}

function nowNs(now: QueryOptions['now']): bigint {
  if (now === undefined) return BigInt(Date.now()) * 1_000_000n;
  if (now instanceof Date) return BigInt(now.getTime()) * 1_000_000n;
  if (typeof now === 'bigint') return now;
  return BigInt(Math.trunc(now));
}

/** Parses and compiles modules; throws a RegoError (with every error in `errors`) on failure. */
export function compile(opts: CompileOptions): Promise<Policy> {
  return new Promise((resolve) => resolve(compileSync(opts)));
}

export function compileSync(opts: CompileOptions): Policy {
  const builtins = buildTable(opts.builtins ?? []);
  const modules: Module[] = [];
  const errors: RegoError[] = [];
  for (const file of Object.keys(opts.modules).sort()) {
    try {
      modules.push(parseModule(opts.modules[file]!, file, { isBuiltin: (n) => builtins.has(n) }));
    } catch (err) {
      if (err instanceof RegoError) errors.push(...(err.errors.length > 0 ? err.errors : [err]));
      else throw err;
    }
  }
  if (errors.length > 0) throw combineErrors(errors);
  const compiled = compileModules(modules, builtins);
  return new Policy(compiled, opts.data === undefined ? fromJS({}) : fromJS(opts.data));
}
