// From statements to a Module: the package first, bare bodies turned into rules (or errors, as in
// OPA's parser_ext.go), the Rego v1 checks OPA runs at parse time, and back-pointers.
import type { Body, Expr, Module, Package, Rule, RuleHead, Term } from '../ast/types.js';
import { booleanTerm, elseChain, isGround, refName, valueName } from '../ast/util.js';
import { isKeyword } from '../lexer/tokens.js';
import { RegoError } from '../errors.js';
import { trueExpr, type RuleFlags } from './rules.js';
import type { Statement } from './statements.js';

/** Names of the infix operators, which are builtins and so cannot name a rule. */
const OPERATOR_BUILTINS = new Set(['equal', 'neq', 'lt', 'gt', 'lte', 'gte', 'or', 'and', 'plus', 'minus', 'mul', 'div', 'rem', 'eq', 'assign', 'internal.member_2', 'internal.member_3']);

export interface ModuleParts {
  pkg: Package | undefined;
  rules: Rule[];
  imports: Module['imports'];
  errors: RegoError[];
  /** Rules, package and imports in source order, for attaching annotations. */
  statements: Statement[];
}

export function assembleModule(file: string, stmts: Statement[], flags: Map<Rule, RuleFlags>, isBuiltin: (name: string) => boolean): ModuleParts {
  const errors: RegoError[] = [];
  const err = (loc: { row: number; col: number } | undefined, msg: string) =>
    errors.push(new RegoError('rego_parse_error', msg, { file, row: loc?.row ?? 1, col: loc?.col ?? 1 }));
  const parts: ModuleParts = { pkg: undefined, rules: [], imports: [], errors, statements: [] };
  if (stmts.length === 0) {
    err(undefined, 'empty module');
    return parts;
  }
  const first = stmts[0]!;
  if (first.kind === 'package') parts.pkg = first.node;
  else err(first.loc, 'package expected');

  for (const stmt of first.kind === 'package' ? stmts.slice(1) : stmts) {
    switch (stmt.kind) {
      case 'import':
        parts.imports.push(stmt.node);
        parts.statements.push(stmt);
        break;
      case 'rule':
        parts.rules.push(stmt.node);
        parts.statements.push(stmt);
        break;
      case 'body': {
        const made = ruleFromBody(stmt.node, (name) => OPERATOR_BUILTINS.has(name) || isBuiltin(name));
        if (typeof made === 'string') {
          err(stmt.loc, made);
          continue;
        }
        made.rule.generatedBody = true;
        flags.set(made.rule, made.flags);
        parts.rules.push(made.rule);
        parts.statements.push({ kind: 'rule', node: made.rule, loc: stmt.loc });
        break;
      }
      case 'package':
        err(stmt.loc, 'unexpected package');
        break;
    }
  }
  if (parts.pkg) parts.statements.unshift({ kind: 'package', node: parts.pkg, loc: first.loc });

  for (const rule of parts.rules) {
    for (const r of elseChain(rule)) {
      const f = flags.get(r) ?? { usesIf: false, usesContains: false, multiValue: false };
      for (const msg of regoV1RuleErrors(r, f)) err(r.loc, msg);
    }
  }
  return parts;
}

/** OPA's checkRegoV1Rule: the strictness of Rego v1 enforced by the parser. */
function regoV1RuleErrors(rule: Rule, flags: RuleFlags): string[] {
  const out: string[] = [];
  const what = rule.head.args ? 'function' : 'rule';
  if (rule.head.ref.length < 2 && isKeyword(rule.head.name)) out.push(`${rule.head.name} keyword cannot be used for rule name`);
  if (rule.generatedBody && rule.head.generatedValue && !rule.isDefault) out.push(`${what} must have value assignment and/or body declaration`);
  if (!rule.generatedBody && !flags.usesIf && !rule.isDefault) out.push(`\`if\` keyword is required before ${what} body`);
  if (rule.head.kind === 'partialset' && !flags.usesContains) out.push('`contains` keyword is required for partial set rules');
  return out;
}

type MadeRule = { rule: Rule; flags: RuleFlags };

/** OPA's ParseRuleFromExpr: a bare statement such as `p.q.r`, `"a" = 1` or `f(x)` as a rule, or why not. */
function ruleFromBody(body: Body, isBuiltin: (name: string) => boolean): MadeRule | string {
  if (body.length !== 1) return 'multiple expressions cannot be used for rule head';
  const expr = body[0]!;
  if (expr.with.length > 0) return 'expressions using with keyword cannot be used for rule head';
  if (expr.negated) return 'negated expressions cannot be used for rule head';
  const b = expr.body;
  const noFlags: RuleFlags = { usesIf: false, usesContains: false, multiValue: false };
  const make = (head: RuleHead, flags: RuleFlags = noFlags): MadeRule => ({
    rule: { head, body: [trueExpr(expr.loc)], isDefault: false, loc: expr.loc },
    flags,
  });
  switch (b.kind) {
    case 'some':
    case 'somein':
      return "'some' declarations cannot be used for rule head";
    case 'every':
      return 'expression cannot be used for rule head';
    case 'term': {
      const t = b.term;
      if (t.type !== 'ref') return `${valueName(t)} cannot be used for rule name`;
      const head = t.terms[0]!;
      if (head.type !== 'var') return `invalid rule head: ${refName(t)}`;
      if (t.terms.length > 2) {
        // `p.q.r` alone: a complete rule with an implicit value, rejected by the v1 checks.
        return make(headOf(t.terms, expr, booleanTerm(true, t.loc), true));
      }
      if (t.terms.length === 1) return 'refs cannot be used for rule head';
      // `p[x]` alone: a v0 partial set, rejected by the v1 checks.
      const h = headOf([head], expr);
      h.key = t.terms[1];
      h.kind = 'partialset';
      return make(h, { ...noFlags, multiValue: true });
    }
    case 'call': {
      const op = refName(b.fn);
      if (op === 'eq' || op === 'assign') {
        const [lhs, rhs] = b.args as [Term, Term];
        const made = ruleFromEq(lhs, rhs, expr);
        if (typeof made !== 'string') made.rule.head.assign = op === 'assign';
        return made;
      }
      if (isBuiltin(op)) return 'rule name conflicts with built-in function';
      if (b.args.length === 0) return 'rule argument list must take at least one argument';
      if (b.fn.terms[0]?.type !== 'var') return `invalid rule head: ${op}`;
      const h = headOf(b.fn.terms, expr, booleanTerm(true, b.fn.loc));
      h.args = b.args;
      h.kind = 'function';
      return make(h);
    }
  }
}

function ruleFromEq(lhs: Term, rhs: Term, expr: Expr): MadeRule | string {
  const flags: RuleFlags = { usesIf: false, usesContains: false, multiValue: false };
  const make = (head: RuleHead): MadeRule => ({ rule: { head, body: [trueExpr(rhs.loc)], isDefault: false, loc: expr.loc }, flags });
  if (lhs.type === 'call') {
    if (lhs.fn.terms[0]?.type !== 'var') return `invalid rule head: ${refName(lhs.fn)}`;
    const h = headOf(lhs.fn.terms, expr, rhs);
    h.args = lhs.args;
    h.kind = 'function';
    return make(h);
  }
  if (lhs.type === 'ref') {
    if (lhs.terms[0]?.type !== 'var') return `invalid rule head: ${refName(lhs)}`;
    return make(headOf(lhs.terms, expr, rhs));
  }
  if (lhs.type === 'var') return make(headOf([lhs], expr, rhs));
  return `${valueName(lhs)} cannot be used for rule name`;
}

function headOf(ref: Term[], expr: Expr, value?: Term, generatedValue = false): RuleHead {
  const name = ref[0]!.type === 'var' ? ref[0].name : '';
  const head: RuleHead = { ref, name, assign: false, kind: 'complete', loc: expr.loc };
  if (value) head.value = value;
  if (generatedValue) head.generatedValue = true;
  if (ref.length > 1 && !ref.slice(1).every(isGround)) {
    head.kind = 'partialobject';
    head.key = ref[ref.length - 1];
  }
  return head;
}
