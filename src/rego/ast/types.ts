// The Rego abstract syntax tree, shared by the parser, the compiler stages and the evaluator.
// Shapes follow OPA's v1/ast (Term, Expr, Rule, Module) with TypeScript discriminated unions.
import type { RNumber } from '../value/types.js';

export interface Location {
  file: string;
  row: number; // 1-based
  col: number; // 1-based
  /** Source text of the node, when known. */
  text?: string;
}

interface Node {
  loc?: Location;
}

export type Term =
  | NullTerm
  | BooleanTerm
  | NumberTerm
  | StringTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | ObjectTerm
  | SetTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension
  | CallTerm
  | TemplateStringTerm;

export interface NullTerm extends Node {
  type: 'null';
}
export interface BooleanTerm extends Node {
  type: 'boolean';
  value: boolean;
}
export interface NumberTerm extends Node {
  type: 'number';
  value: RNumber;
  /** The literal as written (exact; `1.0` stays `1.0`). */
  text: string;
}
export interface StringTerm extends Node {
  type: 'string';
  value: string;
  /** true for raw strings written with backticks. */
  raw?: boolean;
}
export interface VarTerm extends Node {
  type: 'var';
  /** `_` is a wildcard: the parser renames each occurrence to a unique `$_N` var, as OPA does. */
  name: string;
}
/**
 * A reference: `data.a.b[x]`, `input.keys[_]`, `f(x).y`, `[1,2][i]`.
 * terms[0] is the head (a var such as `data`/`input`/local, or a composite/call term);
 * later terms are operands: dot access `a.b` is a string term `"b"`.
 */
export interface RefTerm extends Node {
  type: 'ref';
  terms: Term[];
}
export interface ArrayTerm extends Node {
  type: 'array';
  items: Term[];
}
export interface ObjectTerm extends Node {
  type: 'object';
  items: [Term, Term][];
}
export interface SetTerm extends Node {
  type: 'set';
  items: Term[];
}
export interface ArrayComprehension extends Node {
  type: 'arraycomp';
  term: Term;
  body: Body;
}
export interface SetComprehension extends Node {
  type: 'setcomp';
  term: Term;
  body: Body;
}
export interface ObjectComprehension extends Node {
  type: 'objectcomp';
  key: Term;
  value: Term;
  body: Body;
}
/** A function or builtin call used as a term, e.g. `count(x)` in `n := count(x)`. */
export interface CallTerm extends Node {
  type: 'call';
  /** The function's reference, e.g. `count`, `data.lib.f`, `strings.replace_n` (a RefTerm of var + strings). */
  fn: RefTerm;
  args: Term[];
}
/** String interpolation: `$"key {k} is {v}"`. Literal parts are strings; expressions are terms. */
export interface TemplateStringTerm extends Node {
  type: 'template';
  parts: (string | Term)[];
  raw?: boolean;
  /**
   * Only when an embedded expression has `with` modifiers (`$"{x with input as 1}"`): the whole
   * expression at the index of its term in `parts` (other indexes are empty).
   */
  partExprs?: (Expr | undefined)[];
}

export type Body = Expr[];

export interface With extends Node {
  /** `input`, `input.x`, `data.a.b`, or a function/builtin ref such as `time.now_ns`. */
  target: RefTerm;
  value: Term;
}

export type ExprBody =
  /** A single term, true unless false or undefined. */
  | { kind: 'term'; term: Term }
  /**
   * A call statement. Infix operators are calls by their builtin names: `=` eq, `:=` assign,
   * `==` equal, `!=` neq, `<` lt, `<=` lte, `>` gt, `>=` gte, `+` plus, `-` minus, `*` mul,
   * `/` div, `%` rem, `&` and, `|` or; `x in xs` internal.member_2, `k, v in xs` internal.member_3.
   * For a bare call statement such as `f(x, y)` the operands are the args; for a function call
   * with an output `f(x, y, out)` the last arg is unified with the result.
   */
  | { kind: 'call'; fn: RefTerm; args: Term[] }
  /** `some x, y` */
  | { kind: 'some'; vars: VarTerm[] }
  /** `some x in xs` / `some k, x in xs` */
  | { kind: 'somein'; key?: Term; value: Term; collection: Term }
  /** `every x in xs { ... }` / `every k, x in xs { ... }` */
  | { kind: 'every'; key?: Term; value: Term; domain: Term; body: Body };

export interface Expr extends Node {
  negated: boolean;
  body: ExprBody;
  with: With[];
  /** Position within its body; the compiler may reorder expressions for safety. */
  index: number;
}

export type RuleKind = 'complete' | 'partialset' | 'partialobject' | 'function';

export interface RuleHead extends Node {
  /**
   * The full rule ref relative to the package: `p` → [var p]; `p.q[x].r` → [var p, string q, var x, string r].
   * Rego v1 ref heads (`a.b[c] := v`) are kept whole; `name` is terms[0]'s var name.
   */
  ref: Term[];
  name: string;
  /** Function arguments (present only for functions). */
  args?: Term[];
  /** `p contains key` (partial set) or the last ref operand of a partial object rule `p[key] := v`. */
  key?: Term;
  /** The value: `:= v`, `= v`, or implicit `true`. For partial sets it is absent. */
  value?: Term;
  /** true for `:=`, false for `=` or implicit value. */
  assign: boolean;
  kind: RuleKind;
  /** The value was not written: it is the implicit `true` (`p if ...`, `f(x) if ...`, `else if ...`). */
  generatedValue?: boolean;
}

export interface Rule extends Node {
  head: RuleHead;
  body: Body;
  /** `default p := v` */
  isDefault: boolean;
  /** The next `else` of this rule chain, if any. An else has its own value (or true) and body. */
  else?: Rule;
  /** Annotations that apply to this rule (scope rule or document), from `# METADATA` blocks. */
  annotations?: Annotations[];
  /** The module the rule was defined in. */
  module?: Module;
  /** The body was not written (`p := 1`, `default p := 1`, `p contains x`): it is `[true]`. */
  generatedBody?: boolean;
}

export interface Package extends Node {
  /** The package path as a ref starting with `data`, e.g. data.a.b → [var data, string a, string b]. */
  path: Term[];
  annotations?: Annotations[];
}

export interface Import extends Node {
  /** e.g. data.lib.x or input.y or future.keywords.in or rego.v1 */
  path: RefTerm;
  alias?: string;
}

export interface Comment extends Node {
  text: string;
}

export type AnnotationScope = 'rule' | 'document' | 'package' | 'subpackages';

/** One parsed `# METADATA` block (OPA's ast.Annotations). */
export interface Annotations extends Node {
  scope: AnnotationScope;
  title?: string;
  description?: string;
  organizations?: string[];
  related_resources?: { ref: string; description?: string }[];
  authors?: { name?: string; email?: string }[];
  schemas?: { path: string[]; schema?: unknown; definition?: unknown }[];
  entrypoint?: boolean;
  custom?: Record<string, unknown>;
  /** The target: package path or rule ref as a dotted text, for rego.metadata.chain's `path`. */
  targetPath?: string[];
}

export interface Module {
  file: string;
  package: Package;
  imports: Import[];
  rules: Rule[];
  comments: Comment[];
  /** Every METADATA block in the module, in source order. */
  annotations: Annotations[];
  /** Source text. */
  source: string;
}
