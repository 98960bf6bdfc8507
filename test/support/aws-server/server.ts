// A loopback server speaking the AWS JSON 1.1 protocol (POST /, X-Amz-Target: <prefix>.<Operation>),
// used to run the real @aws-sdk clients in tests and benches. Handlers are keyed by target; faults
// (throttling, access denied, ...) are injected per request; every request is logged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  target: string;
  /** Operation name without the prefix, e.g. 'ListKeys'. */
  operation: string;
  body: Record<string, unknown>;
  /** Region from the SigV4 credential scope, when signed. */
  region?: string;
  /** Access key id from the SigV4 credential scope (test keys only). */
  accessKeyId?: string;
  headers: http.IncomingHttpHeaders;
}

export interface JsonReply {
  status: number;
  body: unknown;
}

/** Returns a reply to answer with, or undefined to let the handler answer. */
export type FaultInjector = (req: LoggedRequest) => JsonReply | undefined;

export type JsonHandler = (body: Record<string, unknown>, req: LoggedRequest) => unknown;

/** A REST request (S3): method, path and query, the signer's key and Region. */
export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  region?: string;
  accessKeyId?: string;
}

export interface RestReply {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface AwsJsonServer {
  url: string;
  /** Handles requests that are not AWS JSON / query POSTs to `/` (S3's REST API). */
  rest?: (req: RestRequest) => RestReply;
  /** REST requests seen, in order. */
  restRequests: RestRequest[];
  requests: LoggedRequest[];
  handlers: Map<string, JsonHandler>;
  faults: FaultInjector[];
  /** Latency added before every reply, in ms (benches). */
  latencyMs: number;
  close(): Promise<void>;
}

/** An AWS error reply as the SDK expects it: `__type` becomes `error.name`. */
export function awsError(type: string, message: string, status = 400): JsonReply {
  return { status, body: { __type: type, message } };
}

const CREDENTIAL_SCOPE = /Credential=([^/]+)\/\d{8}\/([^/]+)\//;

function parseBody(raw: string): Record<string, unknown> {
  if (raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

export async function startAwsJsonServer(): Promise<AwsJsonServer> {
  const requests: LoggedRequest[] = [];
  const handlers = new Map<string, JsonHandler>();
  const faults: FaultInjector[] = [];
  const state = { latencyMs: 0 };
  const restRequests: RestRequest[] = [];
  const holder: { server?: AwsJsonServer } = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'POST' || url.pathname !== '/') {
      req.resume();
      const scope = CREDENTIAL_SCOPE.exec(String(req.headers.authorization ?? ''));
      const rest: RestRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, ...(scope?.[1] !== undefined ? { accessKeyId: scope[1] } : {}), ...(scope?.[2] !== undefined ? { region: scope[2] } : {}) };
      restRequests.push(rest);
      const reply = holder.server?.rest?.(rest) ?? { status: 404, headers: { 'content-type': 'application/xml' }, body: '<Error><Code>NoSuchBucket</Code><Message>no REST handler</Message></Error>' };
      setTimeout(() => {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body);
      }, state.latencyMs);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      // awsQuery (STS): form-encoded `Action=...`, XML replies. Handlers are keyed `Query.<Action>`.
      const query = String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
      const form = query ? Object.fromEntries(new URLSearchParams(text)) : undefined;
      const target = form !== undefined ? `Query.${form['Action'] ?? ''}` : String(req.headers['x-amz-target'] ?? '');
      const scope = CREDENTIAL_SCOPE.exec(String(req.headers.authorization ?? ''));
      const logged: LoggedRequest = {
        target,
        operation: target.slice(target.indexOf('.') + 1),
        body: form ?? parseBody(text),
        headers: req.headers,
        ...(scope?.[1] !== undefined ? { accessKeyId: scope[1] } : {}),
        ...(scope?.[2] !== undefined ? { region: scope[2] } : {}),
      };
      requests.push(logged);
      const reply = answer(logged);
      const send = () => {
        if (query) {
          res.writeHead(reply.status, { 'content-type': 'text/xml' });
          const ec2 = form?.['Version'] === EC2_API_VERSION;
          res.end(typeof reply.body === 'string' ? reply.body : ec2 ? ec2ErrorXml(reply.body) : queryErrorXml(reply.body));
          return;
        }
        res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(reply.body));
      };
      if (state.latencyMs > 0) setTimeout(send, state.latencyMs);
      else send();
    });
  });
  function answer(logged: LoggedRequest): JsonReply {
    for (const fault of faults) {
      const injected = fault(logged);
      if (injected !== undefined) return injected;
    }
    const handler = handlers.get(logged.target);
    if (handler === undefined) return awsError('UnknownOperationException', `no handler for ${logged.target}`);
    try {
      return { status: 200, body: handler(logged.body, logged) };
    } catch (err) {
      if (err instanceof AwsHandlerError) return err.reply;
      return awsError('InternalFailure', String(err), 500);
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const self: AwsJsonServer = {
    url: `http://127.0.0.1:${port}`,
    restRequests,
    requests,
    handlers,
    faults,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  holder.server = self;
  return self;
}

const EC2_API_VERSION = '2016-11-15';

function ec2ErrorXml(body: unknown): string {
  const b = (body ?? {}) as { __type?: string; message?: string };
  return `<Response><Errors><Error><Code>${b.__type ?? 'InternalFailure'}</Code><Message>${b.message ?? ''}</Message></Error></Errors><RequestID>test</RequestID></Response>`;
}

function queryErrorXml(body: unknown): string {
  const b = (body ?? {}) as { __type?: string; message?: string };
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${b.__type ?? 'InternalFailure'}</Code><Message>${b.message ?? ''}</Message></Error><RequestId>test</RequestId></ErrorResponse>`;
}

/** Thrown by a handler to answer with an AWS error. */
export class AwsHandlerError extends Error {
  constructor(readonly reply: JsonReply) {
    super(JSON.stringify(reply.body));
  }
}
