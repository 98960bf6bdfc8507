// Rules: complete, partial set and object, functions, default, else chains, ref heads; with the
// rule kind filled in as documented on RuleHead.
import type { Body, Expr, Location, Rule, RuleHead, Term } from '../ast/types.js';
import { booleanTerm, cloneTerm, isGround, refName, refTerm, valueName, varTerm } from '../ast/util.js';
import { Tok } from '../lexer/tokens.js';
import { ExprParser } from './exprs.js';

/** How a rule was written, for the Rego v1 checks (which need the keywords used). */
export interface RuleFlags {
  usesIf: boolean;
  usesContains: boolean;
  /** A v0-style `p[x]` set rule (no value, no `contains`). */
  multiValue: boolean;
}

export function trueExpr(loc: Location | undefined): Expr {
  return { negated: false, body: { kind: 'term', term: booleanTerm(true, loc) }, with: [], index: 0, loc };
}

function isInfixOperator(k: Tok): boolean {
  return k >= Tok.Add && k <= Tok.Lte && k !== Tok.Assign && k !== Tok.In && k !== Tok.Unify;
}

export abstract class RuleParser extends ExprParser {
  readonly flags = new Map<Rule, RuleFlags>();

  parseRules(): Rule[] | undefined {
    const start = this.tok;
    if (this.keywordStartsRef()) this.asIdent();
    let isDefault = false;
    if (this.kind() === Tok.Default) {
      this.scan();
      isDefault = true;
      if (this.keywordStartsRef()) this.asIdent();
    }
    if (this.kind() !== Tok.Ident) return undefined;
    const parsed = this.parseHead(isDefault);
    if (!parsed) return undefined;
    const { head, usesContains } = parsed;
    const flags: RuleFlags = { usesIf: false, usesContains, multiValue: false };
    const rule: Rule = { head, body: [], isDefault, loc: this.loc(start) };

    if (isDefault) {
      if (!this.validateDefault(rule)) return undefined;
      rule.loc = this.span(start);
      rule.body = [trueExpr(rule.loc)];
      rule.generatedBody = true;
      return [this.register(rule, flags)];
    }

    const hasIf = this.kind() === Tok.If;
    const ref = head.ref;
    if (hasIf && !usesContains && ref.length === 2) {
      const v = ref[1]!;
      if ((!isGround(v) || v.type === 'ref') && !head.args) head.key = v;
      if (!head.value) this.generateValue(head);
    }
    if (!hasIf && !usesContains && !head.args && ref.length === 2) {
      head.key = ref[1];
      if (!head.value) {
        head.ref = ref.slice(0, 1);
        flags.multiValue = true;
      }
    }

    if (hasIf) {
      flags.usesIf = true;
      this.scan();
      const s = this.save();
      const expr = this.parseLiteral();
      if (expr && !(expr.body.kind === 'term' && expr.body.term.type === 'set')) {
        rule.body = [expr];
      } else {
        this.restore(s);
        if (this.kind() !== Tok.LBrace) {
          this.parseLiteral(); // reports why the one-line body is wrong
          return undefined;
        }
        const body = this.parseBraceBody();
        if (!body) return undefined;
        rule.body = body;
      }
    } else if (this.kind() === Tok.LBrace) {
      const body = this.parseBraceBody();
      if (!body) return undefined;
      rule.body = body;
    } else if (usesContains) {
      rule.body = [trueExpr(head.loc)];
      rule.generatedBody = true;
      rule.loc = head.loc;
      return [this.register(rule, flags)];
    } else {
      return undefined;
    }

    if (this.kind() === Tok.Else && !this.keywordStartsRef()) {
      if (head.ref.length > 1 && !head.ref.slice(1).every(isGround)) {
        this.error(this.loc(), 'else keyword cannot be used on rules with variables in head');
        return undefined;
      }
      if (head.key) {
        this.error(this.loc(), 'else keyword cannot be used on multi-value rules');
        return undefined;
      }
      const next = this.parseElse(head, flags);
      if (!next) return undefined;
      rule.else = next;
    }
    rule.loc = this.span(start);
    const rules = [this.register(rule, flags)];

    // `p if { a } { b }` defines p twice.
    while (this.kind() === Tok.LBrace) {
      if (rule.else) {
        this.error(this.loc(), 'expected else keyword');
        return undefined;
      }
      const bodyStart = this.tok;
      const body = this.parseBraceBody();
      if (!body) return undefined;
      const loc = this.span(bodyStart);
      const nextHead = this.copyHead(head, loc);
      if (head.value) nextHead.value = cloneTerm(head.value);
      if (head.generatedValue) nextHead.generatedValue = true;
      rules.push(this.register({ head: nextHead, body, isDefault: false, loc }, flags));
    }
    return rules;
  }

  private register(rule: Rule, flags: RuleFlags): Rule {
    finishKind(rule.head, flags);
    this.flags.set(rule, flags);
    return rule;
  }

  private generateValue(head: RuleHead): void {
    head.value = booleanTerm(true, head.loc);
    head.generatedValue = true;
  }

  private parseBraceBody(): Body | undefined {
    this.scan();
    const body = this.parseBody(Tok.RBrace);
    if (!body) return undefined;
    this.scan();
    return body;
  }

  /** A head for another definition of the same rule: wildcard arguments get fresh names. */
  private copyHead(head: RuleHead, loc: Location): RuleHead {
    const ref = head.ref.map(cloneTerm);
    const copy: RuleHead = { ref, name: head.name, assign: head.assign, kind: head.kind, loc };
    if (head.args) {
      copy.args = head.args.map((a) => (a.type === 'var' && a.name.startsWith('$_') ? varTerm(`$_${this.wildcard++}`, a.loc) : cloneTerm(a)));
    }
    if (head.key) {
      // A partial object's key is its last ref term: keep it the same node in the copy.
      const at = head.ref.indexOf(head.key);
      copy.key = at >= 0 ? ref[at] : cloneTerm(head.key);
    }
    return copy;
  }

  private parseElse(head: RuleHead, parentFlags: RuleFlags): Rule | undefined {
    const start = this.tok;
    const elseHead = this.copyHead(head, this.loc(start));
    this.scan();
    switch (this.kind()) {
      case Tok.LBrace:
      case Tok.If:
        this.generateValue(elseHead);
        break;
      case Tok.Assign:
      case Tok.Unify: {
        elseHead.assign = this.kind() === Tok.Assign;
        this.scan();
        const value = this.parseTermInfixCall();
        if (!value) return undefined;
        elseHead.value = value;
        break;
      }
      default:
        this.illegal('expected else value term or rule body');
        return undefined;
    }
    const flags: RuleFlags = { ...parentFlags };
    const rule: Rule = { head: elseHead, body: [], isDefault: false, loc: this.loc(start) };
    const hasIf = this.kind() === Tok.If;
    if (!hasIf && this.kind() !== Tok.LBrace) {
      rule.loc = this.span(start);
      rule.body = [trueExpr(rule.loc)];
      rule.generatedBody = true;
      return this.register(rule, flags);
    }
    if (hasIf) {
      flags.usesIf = true;
      this.scan();
    }
    if (this.kind() === Tok.LBrace) {
      const body = this.parseBraceBody();
      if (!body) return undefined;
      rule.body = body;
    } else if (this.kind() !== Tok.EOF) {
      const expr = this.parseLiteral();
      if (!expr) return undefined;
      rule.body = [expr];
    } else {
      this.illegal('rule body expected');
      return undefined;
    }
    rule.loc = this.span(start);
    if (this.kind() === Tok.Else) {
      const next = this.parseElse(head, parentFlags);
      if (!next) return undefined;
      rule.else = next;
    }
    return this.register(rule, flags);
  }

  private parseHead(isDefault: boolean): { head: RuleHead; usesContains: boolean } | undefined {
    const start = this.tok;
    const nameTerm = this.parseVar();
    this.scan();
    if (!this.tok.ws && isInfixOperator(this.kind())) {
      this.illegal();
      return undefined;
    }
    let term: Term = nameTerm;
    const k = this.kind();
    if (k === Tok.LParen || k === Tok.Dot || k === Tok.LBrack) {
      const r = this.parseRef(nameTerm, start);
      if (!r) {
        this.illegal('expected rule head name');
        return undefined;
      }
      term = r;
    }
    let ref: Term[];
    let args: Term[] | undefined;
    if (term.type === 'var') ref = [term];
    else if (term.type === 'ref') ref = term.terms;
    else if (term.type === 'call') {
      ref = term.fn.terms;
      args = term.args;
    } else return undefined;
    if (ref[0]?.type !== 'var') return undefined;
    const name = refName(refTerm(ref));
    const head: RuleHead = { ref, name: (ref[0]).name, assign: false, kind: 'complete', loc: this.span(start) };
    if (args) head.args = args;

    switch (this.kind()) {
      case Tok.Contains: {
        if (args) {
          this.illegal(`the contains keyword can only be used with multi-value rule definitions (e.g., ${name} contains <VALUE> { ... })`);
          return undefined;
        }
        this.scan();
        const key = this.parseTermInfixCall();
        if (!key) {
          this.illegal(`expected rule key term (e.g., ${name} contains <VALUE> { ... })`);
          return undefined;
        }
        head.key = key;
        head.loc = this.span(start);
        return { head, usesContains: true };
      }
      case Tok.Unify:
      case Tok.Assign: {
        const assign = this.kind() === Tok.Assign;
        this.scan();
        const value = this.parseTermInfixCall();
        if (!value) {
          const op = assign ? ':=' : '=';
          if (args) this.illegal(`expected function value term (e.g., ${name}(...) ${op} <VALUE> { ... })`);
          else if (isDefault) this.illegal(`expected default rule value term (e.g., default ${name} ${op} <VALUE>)`);
          else this.illegal(`expected rule value term (e.g., ${name} ${op} <VALUE> { ... })`);
          return undefined;
        }
        head.assign = assign;
        head.value = value;
        break;
      }
    }
    head.loc = this.span(start);
    if (!head.value && (ref.length !== 2 || args)) this.generateValue(head);
    return { head, usesContains: false };
  }

  private validateDefault(rule: Rule): boolean {
    const head = rule.head;
    const loc = rule.loc ?? this.loc();
    if (!head.value) {
      this.error(loc, 'illegal default rule (must have a value)');
      return false;
    }
    const bad = findNonConstant(head.value);
    if (bad) {
      this.error(loc, `illegal default rule (value cannot contain ${bad})`);
      return false;
    }
    const seen = new Set<string>();
    for (const arg of head.args ?? []) {
      if (arg.type !== 'var') {
        this.error(loc, `illegal default rule (arguments cannot contain ${valueName(arg)})`);
        return false;
      }
      if (seen.has(arg.name)) {
        this.error(loc, `illegal default rule (arguments cannot be repeated ${arg.name})`);
        return false;
      }
      seen.add(arg.name);
    }
    return true;
  }
}

/** Fills `kind` (and `key` for partial objects) as documented on RuleHead. */
function finishKind(head: RuleHead, flags: RuleFlags): void {
  if (head.args) {
    head.kind = 'function';
    delete head.key;
  } else if (flags.usesContains || flags.multiValue) {
    head.kind = 'partialset';
  } else if (head.ref.length > 1 && !head.ref.slice(1).every(isGround)) {
    head.kind = 'partialobject';
    head.key = head.ref[head.ref.length - 1];
  } else {
    head.kind = 'complete';
    delete head.key;
  }
}

/** The first var, ref or call outside comprehensions, by OPA's type name. */
function findNonConstant(t: Term): string | undefined {
  switch (t.type) {
    case 'var':
    case 'ref':
    case 'call':
      return t.type;
    case 'array':
    case 'set':
      for (const x of t.items) {
        const r = findNonConstant(x);
        if (r) return r;
      }
      return undefined;
    case 'object':
      for (const [k, v] of t.items) {
        const r = findNonConstant(k) ?? findNonConstant(v);
        if (r) return r;
      }
      return undefined;
    case 'template':
      for (const p of t.parts) {
        const r = typeof p === 'string' ? undefined : findNonConstant(p);
        if (r) return r;
      }
      return undefined;
    default:
      return undefined;
  }
}
