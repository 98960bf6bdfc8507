// A local Google Cloud REST server on 127.0.0.1 for the GCP collector's tests and benchmark: the
// documented REST mappings of Cloud KMS v1, Resource Manager v3 and Cloud Logging v2 (proto3 JSON:
// Durations "7776000s", RFC 3339 Timestamps, enums as strings), with paging by nextPageToken, and
// injected faults: 403 PERMISSION_DENIED, 429 RESOURCE_EXHAUSTED with Retry-After, latency. Every
// request is recorded (method, path, body) so tests can prove what reached the server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GcpEstate, KeyRingFixture } from './estate.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  authorization?: string;
}

export interface Fault {
  /** Matched against `METHOD /path` (without the query). */
  match: RegExp;
  status: 403 | 429 | 503;
  /** How many matching requests fail; default every one. */
  times?: number;
  /** Retry-After seconds sent with 429/503. */
  retryAfter?: number;
}

export interface GcpServerOptions {
  latencyMs?: number;
  /** The server never returns more than this per page (forces paging). Default 1000. */
  maxPageSize?: number;
  faults?: Fault[];
  /** Answer STS token exchange (workload identity federation) at POST /v1/token. */
  stsToken?: string;
}

export interface GcpServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  faults: Fault[];
  close(): Promise<void>;
}

const STATUS_NAME = { 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED', 503: 'UNAVAILABLE' } as const;

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};
const error = (res: ServerResponse, status: number, status_name: string, message: string, headers: Record<string, string> = {}) =>
  send(res, status, { error: { code: status, message, status: status_name } }, headers);

/** A page of `items` from `pageToken` (an offset), at most min(pageSize, maxPageSize). */
function page<T>(items: T[], query: Record<string, string>, max: number, field: string): Record<string, unknown> {
  const start = query.pageToken ? Number(query.pageToken) : 0;
  const size = Math.min(query.pageSize ? Number(query.pageSize) : max, max);
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : undefined;
  return { [field]: slice, ...(next !== undefined ? { nextPageToken: next } : {}), ...(field === 'keyRings' || field === 'cryptoKeys' || field === 'cryptoKeyVersions' ? { totalSize: items.length } : {}) };
}

/** `timestamp>="..."` and `timestamp<"..."` bounds of a Logging filter. */
function timeBounds(filter: string): { from?: string; to?: string } {
  const from = /timestamp>="([^"]+)"/.exec(filter)?.[1];
  const to = /timestamp<"([^"]+)"/.exec(filter)?.[1];
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export async function startGcpServer(estate: GcpEstate, options: GcpServerOptions = {}): Promise<GcpServer> {
  const requests: RecordedRequest[] = [];
  const faults = [...(options.faults ?? [])];
  const max = options.maxPageSize ?? 1000;
  const ring = (p: string, l: string, r: string): KeyRingFixture | undefined => estate.projects[p]?.keyRings.find((k) => k.name === `projects/${p}/locations/${l}/keyRings/${r}`);

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams.entries());
    requests.push({ method: req.method ?? '', path, query, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const line = `${req.method} ${path}`;
    const fault = faults.find((f) => f.match.test(line) && (f.times === undefined || f.times > 0));
    if (fault) {
      if (fault.times !== undefined) fault.times -= 1;
      return error(res, fault.status, STATUS_NAME[fault.status], fault.status === 403 ? `Permission denied on resource ${path}` : 'Quota exceeded for quota metric \'Read requests\'', fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
    }
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/v1/token' && options.stsToken) {
      return send(res, 200, { access_token: options.stsToken, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', expires_in: 3600 });
    }
    if (req.method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/locations$/.exec(path))) {
      const p = estate.projects[m[1]!];
      if (!p) return error(res, 403, 'PERMISSION_DENIED', `Permission 'cloudkms.locations.list' denied on 'projects/${m[1]}'`);
      return send(res, 200, page(p.locations.map((l) => ({ name: `projects/${m![1]}/locations/${l}`, locationId: l, displayName: l })), query, max, 'locations'));
    }
    if (req.method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/keyRings$/.exec(path))) {
      const rings = (estate.projects[m[1]!]?.keyRings ?? []).filter((r) => r.name.startsWith(`projects/${m![1]}/locations/${m![2]}/`));
      return send(res, 200, page(rings.map((r) => ({ name: r.name, createTime: r.createTime })), query, max, 'keyRings'));
    }
    if (req.method === 'GET' && (m = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys$/.exec(path))) {
      const r = ring(m[1]!, m[2]!, m[3]!);
      if (!r) return error(res, 404, 'NOT_FOUND', `KeyRing ${path} not found.`);
      return send(res, 200, page(r.keys.map((k) => k.key), query, max, 'cryptoKeys'));
    }
    if (req.method === 'GET' && (m = /^\/v1\/(projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+))\/cryptoKeyVersions$/.exec(path))) {
      const k = ring(m[2]!, m[3]!, m[4]!)?.keys.find((x) => x.key.name === m![1]);
      if (!k) return error(res, 404, 'NOT_FOUND', `CryptoKey ${m[1]} not found.`);
      return send(res, 200, page(k.versions, query, max, 'cryptoKeyVersions'));
    }
    if (req.method === 'POST' && (m = /^\/v1\/(projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/:]+)(?:\/cryptoKeys\/([^/:]+))?):getIamPolicy$/.exec(path))) {
      const r = ring(m[2]!, m[3]!, m[4]!);
      const policy = m[5] === undefined ? r?.iamPolicy : r?.keys.find((x) => x.key.name === m![1])?.iamPolicy;
      if (!r) return error(res, 404, 'NOT_FOUND', `${m[1]} not found.`);
      return send(res, 200, { version: 1, etag: 'BwXhqDfYcSg=', ...(policy ?? {}) });
    }
    if (req.method === 'GET' && (m = /^\/v3\/projects\/([^/:]+)$/.exec(path))) {
      const p = estate.projects[m[1]!];
      if (!p) return error(res, 403, 'PERMISSION_DENIED', `Permission 'resourcemanager.projects.get' denied on resource 'projects/${m[1]}'`);
      return send(res, 200, { name: `projects/${p.number}`, projectId: m[1], state: 'ACTIVE', displayName: m[1], ...(p.parent ? { parent: p.parent } : {}), createTime: '2024-01-10T09:00:00Z', etag: 'W/"1"' });
    }
    if (req.method === 'POST' && (m = /^\/v3\/projects\/([^/:]+):getIamPolicy$/.exec(path))) {
      const p = estate.projects[m[1]!];
      if (!p) return error(res, 403, 'PERMISSION_DENIED', `Permission 'resourcemanager.projects.getIamPolicy' denied on resource 'projects/${m[1]}'`);
      return send(res, 200, { version: 1, etag: 'BwXhqDfYcSg=', ...p.iamPolicy });
    }
    if (req.method === 'POST' && path === '/v2/entries:list') {
      const q = JSON.parse(body || '{}') as { resourceNames?: string[]; filter?: string; pageSize?: number; pageToken?: string; orderBy?: string };
      const { from, to } = timeBounds(q.filter ?? '');
      const service = /protoPayload\.serviceName="([^"]+)"/.exec(q.filter ?? '')?.[1];
      const entries = (q.resourceNames ?? [])
        .flatMap((n) => estate.projects[n.replace(/^projects\//, '')]?.logEntries ?? [])
        .filter((e) => (from === undefined || e.timestamp >= from) && (to === undefined || e.timestamp < to) && (service === undefined || e.protoPayload?.serviceName === service))
        .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
      if (q.orderBy === 'timestamp desc') entries.reverse();
      return send(res, 200, page(entries, { ...(q.pageSize !== undefined ? { pageSize: String(q.pageSize) } : {}), ...(q.pageToken ? { pageToken: q.pageToken } : {}) }, max, 'entries'));
    }
    return error(res, 404, 'NOT_FOUND', `no such method: ${line}`);
  };

  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const go = () => handle(req, res, body);
      if (options.latencyMs) setTimeout(go, options.latencyMs);
      else go();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
