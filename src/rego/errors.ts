// OPA's error codes, verbatim, so users can search for them.
import type { Location } from './ast/types.js';

export type RegoErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_type_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error'
  | 'eval_type_error'
  | 'eval_builtin_error'
  | 'eval_conflict_error'
  | 'eval_cancel_error'
  | 'eval_internal_error';

export class RegoError extends Error {
  readonly code: RegoErrorCode;
  readonly location: Location | undefined;
  /** Further errors of the same compile (the parser and compiler report all they find). */
  readonly errors: RegoError[];

  constructor(code: RegoErrorCode, message: string, location?: Location, errors: RegoError[] = []) {
    // OPA's format: "<file>:<row>: <code>: <text>"
    super(location ? `${location.file}:${location.row}: ${code}: ${message}` : `${code}: ${message}`);
    this.name = 'RegoError';
    this.code = code;
    this.location = location;
    this.errors = errors;
    this.rawMessage = message;
  }

  /** The message without location and code prefix. */
  readonly rawMessage: string;
}

/** Several errors from one compile: the first is the RegoError itself, all are in `errors`. */
export function combineErrors(errors: RegoError[]): RegoError {
  const first = errors[0];
  if (!first) return new RegoError('eval_internal_error', 'no errors to combine');
  if (errors.length === 1) return first;
  const err = new RegoError(first.code, first.rawMessage, first.location, errors);
  err.message = `${errors.length} errors occurred:\n` + errors.map((e) => e.message).join('\n');
  return err;
}
