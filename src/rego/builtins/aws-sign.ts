// providers.aws.sign_req: AWS Signature Version 4 for a request object, deterministic given the
// signing time passed as argument (OPA's providers.go and internal/providers/aws behaviour).
import { createHash, createHmac } from 'node:crypto';
import { isNumber, RObject, type Value } from '../value/types.js';
import { toInteger } from '../value/arith.js';
import { TypeErrorText, type BuiltinDecl } from './types.js';
import { builtin, obj, T, typeErr } from './lib-a/util.js';
import { marshal } from './lib-a/gojson.js';
import { formatTermSet, validateHttpRequest } from './http.js';

const REQUIRED_CONFIG = ['aws_service', 'aws_access_key', 'aws_secret_access_key', 'aws_region'];
/** Headers a proxy may rewrite; they are left out of the canonical request (as the AWS SDKs do). */
const IGNORED_HEADERS = new Set(['authorization', 'user-agent', 'x-amzn-trace-id']);
const INT64_MAX = 2n ** 63n - 1n;

export interface SigV4Input {
  method: string;
  url: string;
  headers: Map<string, string>;
  body: Buffer;
  service: string;
  region: string;
  accessKey: string;
  secretKey: string;
  sessionToken: string;
  /** Signing time in nanoseconds since the epoch. */
  timeNs: bigint;
  disablePayloadSigning: boolean;
}

/** The parts of a URL SigV4 needs, read the way Go's net/url does (empty path stays empty). */
export function parseUrl(raw: string): { host: string; path: string; query: string } {
  const noFragment = raw.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  const beforeQuery = q < 0 ? noFragment : noFragment.slice(0, q);
  const query = q < 0 ? '' : noFragment.slice(q + 1);
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/]*)(.*)$/.exec(beforeQuery);
  if (!m) return { host: '', path: beforeQuery.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, ''), query };
  const authority = m[1]!;
  return { host: authority.slice(authority.lastIndexOf('@') + 1), path: m[2]!, query };
}

/** Go's URL.EscapedPath: an already valid escaping is kept, anything else is percent-encoded. */
export function escapedPath(path: string): string {
  if (/^(?:[A-Za-z0-9\-._~$&+,/:;=@!'()*]|%[0-9A-Fa-f]{2})*$/.test(path)) return path;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // not a valid escaping: escape the text as it is
  }
  return [...Buffer.from(decoded, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~$&+,/:;=@]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    })
    .join('');
}

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** Signs the request: returns the Authorization header and the x-amz-* / host headers to add. */
export function signV4(input: SigV4Input): { authorization: string; awsHeaders: Map<string, string> } {
  const iso = new Date(Number(input.timeNs / 1_000_000n)).toISOString(); // 2015-12-28T14:08:25.000Z
  const date = iso.slice(0, 10).replace(/-/g, '');
  const stamp = `${date}T${iso.slice(11, 19).replace(/:/g, '')}Z`;
  const url = parseUrl(input.url);
  const payloadHash = input.disablePayloadSigning ? 'UNSIGNED-PAYLOAD' : sha256Hex(input.body);
  const awsHeaders = new Map<string, string>([['host', url.host], ['x-amz-date', stamp]]);
  if (input.service === 's3' || input.service === 'glacier') awsHeaders.set('x-amz-content-sha256', payloadHash);
  if (input.sessionToken !== '') awsHeaders.set('x-amz-security-token', input.sessionToken);
  const toSign = new Map(awsHeaders);
  for (const [k, v] of input.headers) if (!IGNORED_HEADERS.has(k.toLowerCase())) toSign.set(k.toLowerCase(), v);
  const names = [...toSign.keys()].sort();
  const canonical = [
    input.method,
    escapedPath(url.path),
    url.query,
    ...names.map((k) => `${k}:${toSign.get(k)}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonical)].join('\n');
  let key = hmac('AWS4' + input.secretKey, date);
  for (const part of [input.region, input.service, 'aws4_request']) key = hmac(key, part);
  const signature = hmac(key, stringToSign).toString('hex');
  const authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKey}/${scope},SignedHeaders=${names.join(';')},Signature=${signature}`;
  return { authorization, awsHeaders };
}

const text = (v: Value | undefined): string => (typeof v === 'string' ? v : '');

function validateConfig(config: RObject): void {
  const missing = REQUIRED_CONFIG.filter((k) => !config.has(k));
  if (missing.length > 0) throw new TypeErrorText(`operand 2 missing required AWS config parameters(s): ${formatTermSet(missing)}`);
  const invalid = REQUIRED_CONFIG.filter((k) => typeof config.get(k) !== 'string');
  if (invalid.length > 0)
    throw new TypeErrorText(`operand 2 invalid values for required AWS config parameters(s): ${formatTermSet(invalid)}`);
}

/** The signing time; like OPA it must be an integer, and a time before the epoch is refused. */
function signingTime(v: Value | undefined): bigint {
  if (!isNumber(v)) throw typeErr(3, v ?? null, 'number');
  const ns = toInteger(v);
  if (ns === undefined || ns < 0n || ns > INT64_MAX)
    throw new TypeErrorText('operand 3 could not convert time_ns value into a unix timestamp');
  return ns;
}

function requestBody(req: RObject): Buffer {
  const raw = req.get('raw_body');
  if (raw !== undefined) return Buffer.from(text(raw), 'utf8');
  const body = req.get('body');
  return Buffer.from(body === undefined ? '' : marshal(body), 'utf8');
}

function signRequest([reqArg, configArg, timeArg]: Value[]): Value {
  const req = obj(reqArg, 1);
  const config = obj(configArg, 2);
  validateConfig(config);
  const timeNs = signingTime(timeArg);
  validateHttpRequest(req, 1);
  const headersValue = req.get('headers') ?? new RObject();
  if (!(headersValue instanceof RObject)) throw typeErr(0, headersValue, 'object');
  const invalid = ['url', 'method'].filter((k) => typeof req.get(k) !== 'string');
  if (invalid.length > 0) throw new TypeErrorText(`operand 1 invalid values for required request parameters(s): ${formatTermSet(invalid)}`);
  const disable = config.get('disable_payload_signing');
  if (disable !== undefined && typeof disable !== 'boolean')
    throw new TypeErrorText("operand 2 invalid value for 'disable_payload_signing' in AWS config");
  const headers = new Map<string, string>(headersValue.entries().map(([k, v]) => [text(k), text(v)]));
  const { authorization, awsHeaders } = signV4({
    method: text(req.get('method')),
    url: text(req.get('url')),
    headers,
    body: requestBody(req),
    service: text(config.get('aws_service')),
    region: text(config.get('aws_region')),
    accessKey: text(config.get('aws_access_key')),
    secretKey: text(config.get('aws_secret_access_key')),
    sessionToken: text(config.get('aws_session_token')),
    timeNs,
    disablePayloadSigning: disable === true,
  });
  const signed = new RObject();
  for (const [k, v] of headers) signed.set(k, v);
  signed.set('Authorization', authorization);
  for (const [k, v] of awsHeaders) signed.set(k, v);
  const out = req.clone();
  out.set('headers', signed);
  return out;
}

export const awsSignBuiltins: BuiltinDecl[] = [
  builtin(
    'providers.aws.sign_req',
    'providers.aws',
    [['request', T.obj(T.str, T.any)], ['aws_config', T.obj(T.str, T.any)], ['time_ns', T.num]],
    T.obj(T.any, T.any),
    signRequest,
  ),
];
