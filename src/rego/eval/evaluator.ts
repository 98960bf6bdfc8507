// Top-down evaluation with backtracking in continuation-passing style. Every evaluation step takes
// a continuation; a continuation returns true to stop the search (first solution is enough, e.g.
// under `not`), false to ask for more. Bindings live in a per-clause Map: a var is set before the
// continuation runs and unset after, so backtracking needs no trail.
import type { Body, Expr, RefTerm, Term } from '../ast/types.js';
import type { BuiltinContext } from '../builtins/types.js';
import type { CompiledModules, CompiledRule } from '../compiler/index.js';
import { constantValue } from '../compiler/constant.js';
import { fnName } from '../compiler/safety.js';
import { RegoError } from '../errors.js';
import { RObject, RSet, equals, type Value } from '../value/types.js';
import { callFunction, printCall } from './calls.js';
import { newCaches, type Caches, type EvalContext } from './context.js';
import { evalDataRef, evalIndex, isGroundish } from './refs.js';
import { evalTemplate } from './template.js';
import { evalWith } from './with.js';
import { FALLBACK, callWith, directOf, evalArgs, planExpr, type Direct, type ExprPlan } from './direct.js';

/** Variable bindings of one clause. Unbinding stores undefined (no Map deletion churn on backtracking). */
export type Frame = Map<string, Value | undefined>;
export type K = () => boolean;
export type VK = (v: Value) => boolean;

export interface EvaluatorOptions {
  input: Value | undefined;
  data: Value;
  strict: boolean;
  deadline: number | undefined;
  signal: AbortSignal | undefined;
  nowNs: bigint;
  print: (msg: string) => void;
  random: () => number;
  /** Iterate sets and objects in sorted order everywhere (programs whose output order is observable: print). */
  orderedOnly?: boolean;
  /** Rule values and function results to start from (shared by a QuerySession's queries). */
  caches?: Caches;
}

const NO_CONST = Symbol('no-const');

export class Evaluator {
  ctx: EvalContext;
  readonly bctx: BuiltinContext;
  readonly ruleStack: CompiledRule[] = [];
  private ticks = 0;
  /**
   * Whether iteration order can be observed here. Sorting a large set of objects costs more than
   * evaluating rules over it, and only array comprehensions and the query's own solutions see the
   * order; rule values (sets, objects, single values) do not. Rules and functions are evaluated
   * with this off, so their sets are walked in insertion order.
   */
  ordered = true;
  /** Set once a set or object was walked unsorted: an error then re-runs the query in sorted order. */
  usedUnordered = false;
  private readonly consts = new WeakMap<Term, Value | typeof NO_CONST>();
  private readonly names = new WeakMap<RefTerm, string>();
  private readonly plans = new WeakMap<Expr, ExprPlan>();

  constructor(
    readonly compiled: CompiledModules,
    readonly opts: EvaluatorOptions,
  ) {
    this.ctx = { input: opts.input, overrides: [], replacements: new Map(), caches: opts.caches ?? newCaches() };
    const cache = new Map<string, Value>();
    this.bctx = {
      nowNs: () => opts.nowNs,
      cache,
      random: opts.random,
      print: opts.print,
      checkCancelled: () => this.checkCancelled(),
      strict: opts.strict,
    };
  }

  /** Called on every expression; checks the deadline and the abort signal now and then. */
  tick(): void {
    if ((++this.ticks & 1023) === 0) this.checkCancelled();
  }

  checkCancelled(): void {
    if (this.opts.signal?.aborted) throw new RegoError('eval_cancel_error', 'caller cancelled query execution');
    if (this.opts.deadline !== undefined && Date.now() > this.opts.deadline) throw new RegoError('eval_cancel_error', 'timed out (deadline exceeded)');
  }

  fnName(fn: RefTerm): string {
    let n = this.names.get(fn);
    if (n === undefined) this.names.set(fn, (n = fnName(fn)));
    return n;
  }

  constOf(t: Term): Value | undefined {
    let c = this.consts.get(t);
    if (c === undefined) this.consts.set(t, (c = constantValue(t) ?? NO_CONST));
    return c === NO_CONST ? undefined : c;
  }

  /** A set's members in the order this context needs. */
  members(s: RSet): Value[] {
    if (this.ordered) return s.values();
    this.usedUnordered = true;
    return s.unorderedValues();
  }

  /** An object's entries in the order this context needs. */
  entriesOf(o: RObject): [Value, Value][] {
    if (this.ordered) return o.entries();
    this.usedUnordered = true;
    return o.unorderedEntries();
  }

  /** Turns order-observable iteration on or off; returns the previous setting for restoring. */
  setOrdered(on: boolean): boolean {
    const prev = this.ordered;
    this.ordered = on || this.opts.orderedOnly === true;
    return prev;
  }

  // ---- bodies and expressions ----

  evalBody(body: Body, f: Frame, k: K, i = 0): boolean {
    if (i >= body.length) return k();
    const e = body[i]!;
    if (i === body.length - 1) return this.evalExpr(e, f, k);
    return this.evalExpr(e, f, () => this.evalBody(body, f, k, i + 1));
  }

  evalExpr(e: Expr, f: Frame, k: K): boolean {
    this.tick();
    if (e.with.length > 0) return evalWith(this, e, f, k);
    return this.evalExprNoWith(e, f, k);
  }

  evalExprNoWith(e: Expr, f: Frame, k: K): boolean {
    if (e.negated) {
      const found = this.evalExprInner(e, f, () => true);
      return found ? false : k();
    }
    return this.evalExprInner(e, f, k);
  }

  private evalExprInner(e: Expr, f: Frame, k: K): boolean {
    const b = e.body;
    if (b.kind === 'term' || b.kind === 'call') {
      let plan = this.plans.get(e);
      if (plan === undefined) this.plans.set(e, (plan = planExpr(this, b, e.loc)));
      if (plan.kind !== 'generic') {
        const r = this.runPlan(plan, f, k);
        if (r !== FALLBACK) return r;
      }
    }
    switch (b.kind) {
      case 'term':
        return this.evalTerm(b.term, f, (v) => (v !== false ? k() : false));
      case 'some':
        return k();
      case 'somein': {
        const d = directOf(this, b.collection);
        const coll = d ? d(this, f) : FALLBACK;
        if (coll === undefined) return false;
        if (coll !== FALLBACK) return this.iterate(coll, b.key, b.value, f, k);
        return this.evalTerm(b.collection, f, (c) => this.iterate(c, b.key, b.value, f, k));
      }
      case 'every':
        return this.evalTerm(b.domain, f, (dom) => this.evalEvery(dom, b.key, b.value, b.body, f, k));
      case 'call':
        return this.evalCallExpr(e, b.fn, b.args, f, k);
    }
  }

  /** Runs an expression through its direct plan; FALLBACK when the general path must take over. */
  private runPlan(p: ExprPlan, f: Frame, k: K): boolean | typeof FALLBACK {
    switch (p.kind) {
      case 'term': {
        const v = p.value(this, f);
        if (v === FALLBACK) return FALLBACK;
        return v !== undefined && v !== false ? k() : false;
      }
      case 'unify': {
        // `x := term` / `x = term` with x unbound: bind x to the term's one value.
        let pattern: Term | undefined;
        let v: Direct = FALLBACK;
        if (p.rightFn && p.left.type === 'var' && !this.isBound(p.left.name, f)) {
          pattern = p.left;
          v = p.rightFn(this, f);
        } else if (p.leftFn && p.right.type === 'var' && !this.isBound(p.right.name, f)) {
          pattern = p.right;
          v = p.leftFn(this, f);
        }
        if (v === FALLBACK || !pattern) return FALLBACK;
        return v === undefined ? false : this.unifyValue(pattern, v, f, k);
      }
      case 'call': {
        const vals = evalArgs(this, f, p.args);
        if (vals === FALLBACK) return FALLBACK;
        if (vals === undefined) return false;
        const result = callWith(this, p.call, p.fn, vals, p.loc);
        if (result === undefined) return false;
        if (p.output) return this.unifyValue(p.output, result, f, k);
        return result !== false ? k() : false;
      }
      default:
        return FALLBACK;
    }
  }

  /** `some k, v in coll`: unifies the patterns with each member. */
  private iterate(coll: Value, key: Term | undefined, value: Term, f: Frame, k: K): boolean {
    if (Array.isArray(coll)) {
      for (let i = 0; i < coll.length; i++) {
        const r = key ? this.unifyValue(key, i, f, () => this.unifyValue(value, coll[i]!, f, k)) : this.unifyValue(value, coll[i]!, f, k);
        if (r) return true;
      }
      return false;
    }
    if (coll instanceof RObject) {
      for (const [kk, v] of this.entriesOf(coll)) {
        const r = key ? this.unifyValue(key, kk, f, () => this.unifyValue(value, v, f, k)) : this.unifyValue(value, v, f, k);
        if (r) return true;
      }
      return false;
    }
    if (coll instanceof RSet) {
      for (const v of this.members(coll)) {
        const r = key ? this.unifyValue(key, v, f, () => this.unifyValue(value, v, f, k)) : this.unifyValue(value, v, f, k);
        if (r) return true;
      }
    }
    return false;
  }

  private evalEvery(dom: Value, key: Term | undefined, value: Term, body: Body, f: Frame, k: K): boolean {
    let ok = true;
    const check = (): boolean => {
      const satisfied = this.evalBody(body, f, () => true);
      if (!satisfied) ok = false;
      return !satisfied; // stop at the first counter-example
    };
    if (!(Array.isArray(dom) || dom instanceof RObject || dom instanceof RSet)) return false;
    this.iterate(dom, key, value, f, check);
    return ok ? k() : false;
  }

  private evalCallExpr(e: Expr, fn: RefTerm, args: Term[], f: Frame, k: K): boolean {
    const name = this.fnName(fn);
    if (name === 'eq' || name === 'assign') return this.unify(args[0]!, args[1]!, f, k);
    if (name === 'print' || name === 'internal.print') return printCall(this, args, f, k);
    return callFunction(this, fn, args, f, e.loc, true, (result, hasOutput) => {
      if (hasOutput) return this.unifyValue(args[args.length - 1]!, result, f, k);
      return result !== false ? k() : false;
    });
  }

  // ---- terms ----

  evalTerm(t: Term, f: Frame, vk: VK): boolean {
    switch (t.type) {
      case 'null':
        return vk(null);
      case 'boolean':
      case 'string':
      case 'number':
        return vk(t.value);
      case 'var': {
        const v = f.get(t.name);
        if (v !== undefined) return vk(v);
        if (t.name === 'input') return this.ctx.input !== undefined ? vk(this.ctx.input) : false;
        if (t.name === 'data') return evalDataRef(this, [t], 1, f, vk);
        return false;
      }
      case 'ref':
        return this.evalRef(t, f, vk);
      case 'array': {
        const c = this.constOf(t);
        if (c !== undefined) return vk(c);
        return this.evalItems(t.items, f, (vals) => vk(vals));
      }
      case 'set': {
        const c = this.constOf(t);
        if (c !== undefined) return vk(c);
        return this.evalItems(t.items, f, (vals) => vk(RSet.from(vals)));
      }
      case 'object': {
        const c = this.constOf(t);
        if (c !== undefined) return vk(c);
        const flat: Term[] = [];
        for (const [kt, vt] of t.items) flat.push(kt, vt);
        return this.evalItems(flat, f, (vals) => {
          const o = new RObject();
          for (let i = 0; i < vals.length; i += 2) o.set(vals[i]!, vals[i + 1]!);
          return vk(o);
        });
      }
      case 'arraycomp': {
        const out: Value[] = [];
        const prev = this.setOrdered(true);
        try {
          this.evalBody(t.body, f, () => this.evalTerm(t.term, f, (v) => (out.push(v), false)));
        } finally {
          this.ordered = prev;
        }
        return vk(out);
      }
      case 'setcomp': {
        const out = new RSet();
        this.evalBody(t.body, f, () => this.evalTerm(t.term, f, (v) => (out.add(v), false)));
        return vk(out);
      }
      case 'objectcomp': {
        const out = new RObject();
        this.evalBody(t.body, f, () =>
          this.evalTerm(t.key, f, (kv) =>
            this.evalTerm(t.value, f, (vv) => {
              const prev = out.get(kv);
              if (prev !== undefined && !equals(prev, vv)) throw new RegoError('eval_conflict_error', 'object keys must be unique', t.loc);
              out.set(kv, vv);
              return false;
            }),
          ),
        );
        return vk(out);
      }
      case 'call':
        return callFunction(this, t.fn, t.args, f, t.loc, false, (v) => vk(v));
      case 'template':
        return evalTemplate(this, t, f, vk);
    }
  }

  /** Evaluates terms left to right (each may have several values) and passes the tuple on. */
  evalItems(items: Term[], f: Frame, k: (vals: Value[]) => boolean): boolean {
    const vals = new Array<Value>(items.length);
    const step = (i: number): boolean => {
      if (i === items.length) return k(vals.slice());
      return this.evalTerm(items[i]!, f, (v) => {
        vals[i] = v;
        return step(i + 1);
      });
    };
    return step(0);
  }

  evalRef(t: RefTerm, f: Frame, vk: VK): boolean {
    const head = t.terms[0]!;
    if (head.type === 'var') {
      const bound = f.get(head.name);
      if (bound !== undefined) return evalIndex(this, bound, t.terms, 1, f, vk);
      if (head.name === 'input') return this.ctx.input !== undefined ? evalIndex(this, this.ctx.input, t.terms, 1, f, vk) : false;
      if (head.name === 'data') return evalDataRef(this, t.terms, 1, f, vk);
      return false;
    }
    return this.evalTerm(head, f, (v) => evalIndex(this, v, t.terms, 1, f, vk));
  }

  // ---- unification ----

  unify(a: Term, b: Term, f: Frame, k: K): boolean {
    if (a.type === 'var' && !this.isBound(a.name, f)) return this.evalTerm(b, f, (v) => this.unifyValue(a, v, f, k));
    if (b.type === 'var' && !this.isBound(b.name, f)) return this.evalTerm(a, f, (v) => this.unifyValue(b, v, f, k));
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) return false;
      return this.unifyPairs(a.items.map((x, i) => [x, b.items[i]!] as [Term, Term]), f, k);
    }
    if (a.type === 'object' && b.type === 'object' && !isGroundish(this, a, f) && !isGroundish(this, b, f)) {
      return this.unifyObjects(a, b, f, k);
    }
    if (isGroundish(this, a, f)) return this.evalTerm(a, f, (v) => this.unifyValue(b, v, f, k));
    return this.evalTerm(b, f, (v) => this.unifyValue(a, v, f, k));
  }

  private unifyPairs(pairs: [Term, Term][], f: Frame, k: K): boolean {
    if (pairs.length === 0) return k();
    let idx = pairs.findIndex(([x, y]) => isGroundish(this, x, f) || isGroundish(this, y, f));
    if (idx < 0) idx = 0;
    const [x, y] = pairs[idx]!;
    const rest = pairs.filter((_, i) => i !== idx);
    return this.unify(x, y, f, () => this.unifyPairs(rest, f, k));
  }

  private unifyObjects(a: Term & { type: 'object' }, b: Term & { type: 'object' }, f: Frame, k: K): boolean {
    if (a.items.length !== b.items.length) return false;
    const keysOf = (o: Term & { type: 'object' }): Value[] | undefined => {
      const ks: Value[] = [];
      for (const [kt] of o.items) {
        let got: Value | undefined;
        this.evalTerm(kt, f, (v) => ((got = v), true));
        if (got === undefined) return undefined;
        ks.push(got);
      }
      return ks;
    };
    const ka = keysOf(a);
    const kb = keysOf(b);
    if (!ka || !kb) return false;
    const pairs: [Term, Term][] = [];
    for (let i = 0; i < ka.length; i++) {
      const j = kb.findIndex((x) => equals(x, ka[i]!));
      if (j < 0) return false;
      pairs.push([a.items[i]![1], b.items[j]![1]]);
    }
    return this.unifyPairs(pairs, f, k);
  }

  isBound(name: string, f: Frame): boolean {
    return f.get(name) !== undefined || name === 'input' || name === 'data';
  }

  /** Unifies a term (pattern) with a value. */
  unifyValue(t: Term, v: Value, f: Frame, k: K): boolean {
    switch (t.type) {
      case 'var': {
        const cur = f.get(t.name);
        if (cur !== undefined) return equals(cur, v) ? k() : false;
        if (t.name === 'input' || t.name === 'data') return this.evalTerm(t, f, (x) => (equals(x, v) ? k() : false));
        f.set(t.name, v);
        try {
          return k();
        } finally {
          f.set(t.name, undefined);
        }
      }
      case 'string':
      case 'boolean':
        return t.value === v ? k() : false;
      case 'null':
        return v === null ? k() : false;
      case 'number':
        return equals(t.value, v) ? k() : false;
      case 'array': {
        if (!Array.isArray(v) || v.length !== t.items.length) return false;
        const step = (i: number): boolean => (i === v.length ? k() : this.unifyValue(t.items[i]!, v[i]!, f, () => step(i + 1)));
        return step(0);
      }
      case 'object': {
        if (!(v instanceof RObject) || v.size !== t.items.length) return false;
        const step = (i: number): boolean => {
          if (i === t.items.length) return k();
          const [kt, vt] = t.items[i]!;
          return this.evalTerm(kt, f, (kv) => {
            const x = v.get(kv);
            return x === undefined ? false : this.unifyValue(vt, x, f, () => step(i + 1));
          });
        };
        return step(0);
      }
      default:
        return this.evalTerm(t, f, (x) => (equals(x, v) ? k() : false));
    }
  }
}
