// http.send: keywarden evaluates policies offline, so it never makes network calls. The builtin
// still validates its request object exactly as OPA does (same error texts), and a valid request
// fails with an explicit "network access is disabled" error instead of silently being undefined.
// With `raise_error: false` failures come back as OPA's error object ({status_code: 0, error}).
import { compare, RObject, RSet, toJSONText, type Value } from '../value/types.js';
import { BuiltinFailure, TypeErrorText, type BuiltinDecl } from './types.js';
import { builtin, obj, T } from './lib-a/util.js';

/** The request parameters OPA's http.send accepts. */
export const HTTP_ALLOWED_KEYS: ReadonlySet<string> = new Set([
  'method', 'url', 'body', 'enable_redirect', 'force_json_decode', 'force_yaml_decode', 'headers', 'raw_body',
  'tls_use_system_certs', 'tls_ca_cert', 'tls_ca_cert_file', 'tls_ca_cert_env_variable', 'tls_client_cert',
  'tls_client_cert_file', 'tls_client_cert_env_variable', 'tls_client_key', 'tls_client_key_file',
  'tls_client_key_env_variable', 'tls_insecure_skip_verify', 'tls_server_name', 'timeout', 'cache', 'force_cache',
  'force_cache_duration_seconds', 'raise_error', 'caching_mode', 'max_retry_attempts', 'cache_ignored_headers',
]);

const REQUIRED_KEYS = ['method', 'url'];

/** Parameters OPA requires to be strings when it builds the request. */
const STRING_KEYS = [
  'method', 'url', 'raw_body', 'tls_ca_cert', 'tls_ca_cert_file', 'tls_ca_cert_env_variable', 'tls_client_cert',
  'tls_client_cert_file', 'tls_client_cert_env_variable', 'tls_client_key', 'tls_client_key_file',
  'tls_client_key_env_variable', 'tls_server_name',
];

export const NETWORK_DISABLED_MESSAGE =
  'network access is disabled in keywarden: policies are evaluated offline, so http.send cannot make requests';

/** A set of terms as OPA prints an ast.Set: sorted, `{"a", "b"}`. */
export function formatTermSet(items: Value[]): string {
  const s = new RSet();
  for (const v of items) s.add(v);
  return '{' + s.values().sort(compare).map((v) => toJSONText(v)).join(', ') + '}';
}

/** OPA's validateHTTPRequestOperand: only known parameters, and method and url present. */
export function validateHttpRequest(v: Value | undefined, pos: number): RObject {
  const req = obj(v, pos);
  const invalid = req.keys().filter((k) => typeof k !== 'string' || !HTTP_ALLOWED_KEYS.has(k));
  if (invalid.length > 0) throw new TypeErrorText(`operand ${pos} invalid request parameters(s): ${formatTermSet(invalid)}`);
  const missing = REQUIRED_KEYS.filter((k) => !req.has(k));
  if (missing.length > 0) throw new TypeErrorText(`operand ${pos} missing required request parameters(s): ${formatTermSet(missing)}`);
  return req;
}

/** OPA's result for a failed request when raise_error is false. */
function errorResult(code: string, message: string): RObject {
  const error = new RObject();
  error.set('code', code);
  error.set('message', message);
  const out = new RObject();
  out.set('status_code', 0);
  out.set('error', error);
  return out;
}

/** The checks OPA makes while building the request, so offline runs report the same mistakes. */
function checkParameterTypes(req: RObject): void {
  for (const key of STRING_KEYS) {
    const v = req.get(key);
    if (v !== undefined && typeof v !== 'string') throw new BuiltinFailure(`"${key}" must be a string`);
  }
  const headers = req.get('headers');
  if (headers !== undefined && !(headers instanceof RObject)) throw new BuiltinFailure('invalid type for headers key');
}

function httpSend([request]: Value[]): Value {
  const req = obj(request, 1);
  const raise = req.get('raise_error');
  if (raise !== undefined && typeof raise !== 'boolean') throw new BuiltinFailure('invalid value for raise_error field');
  const raiseError = raise !== false;
  try {
    validateHttpRequest(req, 1);
  } catch (e) {
    if (raiseError) throw e;
    return errorResult('eval_http_send_internal_error', `http.send: ${(e as Error).message}`);
  }
  try {
    checkParameterTypes(req);
  } catch (e) {
    if (raiseError) throw e;
    return errorResult('eval_http_send_internal_error', (e as Error).message);
  }
  if (raiseError) throw new BuiltinFailure(NETWORK_DISABLED_MESSAGE);
  return errorResult('eval_http_send_network_error', NETWORK_DISABLED_MESSAGE);
}

export const httpBuiltins: BuiltinDecl[] = [
  builtin('http.send', 'http', [['request', T.obj(T.str, T.any)]], T.obj(T.any, T.any), httpSend, { nondeterministic: true }),
];
