// The contract between the evaluator and builtin implementations. One table (table.ts) lists every
// builtin with its declaration and implementation; families live one per file (strings.ts, ...).
import type { Location } from '../ast/types.js';
import type { Value } from '../value/types.js';

/** Types for declarations, the type checker and the generated capabilities/docs. */
export type RType =
  | { kind: 'any'; of?: RType[] } // `of` = union of these types
  | { kind: 'null' }
  | { kind: 'boolean' }
  | { kind: 'number' }
  | { kind: 'string' }
  | { kind: 'array'; of?: RType; static?: RType[] }
  | { kind: 'set'; of?: RType }
  | { kind: 'object'; key?: RType; value?: RType };

export interface BuiltinArg {
  name: string;
  type: RType;
  description?: string;
}

export interface BuiltinContext {
  /** time.now_ns: fixed for one evaluation (injected clock), in nanoseconds since the epoch. */
  nowNs(): bigint;
  /** Per-evaluation cache for non-deterministic builtins (keyed by builtin name + args). */
  cache: Map<string, Value>;
  /** Injected randomness in [0, 1) (rand.intn, uuid.rfc4122). */
  random(): number;
  /** Where output of print() goes. */
  print(message: string): void;
  /** Location of the call, for error messages. */
  location?: Location;
  /** Throws eval_cancel_error when the evaluation's deadline passed or it was cancelled. */
  checkCancelled(): void;
  /** The active rule's annotations and chain, for rego.metadata.* (filled in by the evaluator). */
  metadata?: { rule(): Value; chain(): Value };
  /** Whether builtin errors stop evaluation (strict) or make the call undefined. */
  strict: boolean;
}

export interface BuiltinDecl {
  name: string;
  /** Namespace category as in OPA's builtin_metadata ("strings", "numbers", ...). */
  category: string;
  description?: string;
  args: BuiltinArg[];
  /** Absent for builtins that are used only as statements (none in OPA today, kept for completeness). */
  result: BuiltinArg;
  /** Variadic builtins (`print`) accept any number of args of `args[0].type`. */
  variadic?: boolean;
  /** Non-deterministic: cached per evaluation; listed in capabilities with `nondeterministic: true`. */
  nondeterministic?: boolean;
  /** Infix operator, for capabilities ("+", "==", ...). */
  infix?: string;
  /**
   * The implementation. Return `undefined` for an undefined result (e.g. `object.get` never is, but
   * `trim` of a bad type is an error instead). Throw TypeErrorOperand for a bad operand type
   * (-> eval_type_error) or BuiltinFailure / any Error for other failures (-> eval_builtin_error).
   */
  impl(args: Value[], ctx: BuiltinContext): Value | undefined;
}

/** A bad operand: becomes `eval_type_error: <name>: operand <n> must be <expected> but got <got>`. */
export class TypeErrorOperand extends Error {
  constructor(
    readonly operand: number, // 1-based
    readonly expected: string,
    readonly got: string,
  ) {
    super(`operand ${operand} must be ${expected} but got ${got}`);
  }
}

/** A type error with OPA's exact free text (some builtins word it differently). */
export class TypeErrorText extends Error {}

/** Any other failure: becomes `eval_builtin_error: <name>: <message>`. */
export class BuiltinFailure extends Error {}

/** Conflicts raised from inside builtins (e.g. duplicate keys): eval_conflict_error. */
export class ConflictFailure extends Error {}
