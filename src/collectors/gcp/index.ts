// Public entry point of the Google Cloud collector: `collectGcp` reads Cloud KMS, the projects' IAM
// and audit configuration, and (for a scan window) Cloud KMS audit logs, for every project asked
// for. Read-only by construction (every request passes ./guard.ts in ./transport.ts), with bounded
// concurrency (one limiter for every request of the scan), retries on 429 / RESOURCE_EXHAUSTED,
// and a gap — never a silent pass — for whatever could not be read.
import type { Clock } from '../../core/clock.js';
import type { Gap, KeyContainer, KeyEvent, KeyRecord, LoggingConfig } from '../../core/model.js';
import { createLimiter } from '../aws/limit.js';
import type { ProgressSink } from '../progress.js';
import { applicationDefaultAuth, createClients } from './clients.js';
import { endpointsFromEnv, type GcpEndpoints } from './endpoints.js';
import { classifyGcpError } from './errors.js';
import { readProjectKms } from './kms/read.js';
import { readKmsAuditLogs, type LogWindow } from './logs.js';
import { readProject } from './project.js';
import { newStats, type GcpAuth, type RequestStats, type RetryPolicy } from './transport.js';

export const AUTH_SOURCE = 'gcp-auth';

export interface GcpCollectOptions {
  projects: string[];
  /** KMS locations to read; default every location ListLocations returns for the project. */
  locations?: string[];
  /** Credentials; default Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud, metadata server). */
  auth?: GcpAuth;
  /** Default: from KEYWARDEN_GCP_*_ENDPOINT in ctx.env, else the public endpoints. */
  endpoints?: GcpEndpoints;
  /** Requests in flight at once across the scan. Default 16. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** Read Cloud KMS audit entries for this window. */
  events?: LogWindow;
  /** Bound on entries:list pages per project. */
  maxLogPages?: number;
}

export interface GcpCollectContext {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  progress: ProgressSink;
  signal?: AbortSignal;
}

export interface GcpCollected {
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
  events: KeyEvent[];
  scope: { projects: string[]; locations: string[] | 'all'; collectedAt: string };
  /** Requests sent, by read RPC (each retry counts), for benchmarks and logs. */
  requests: RequestStats;
}

export const DEFAULT_CONCURRENCY = 16;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byTime = (a: KeyEvent, b: KeyEvent) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

export async function collectGcp(options: GcpCollectOptions, ctx: GcpCollectContext): Promise<GcpCollected> {
  const collectedAt = ctx.clock.now().toISOString();
  const projects = [...new Set(options.projects)].sort();
  let endpoints = options.endpoints;
  if (endpoints === undefined) {
    const fromEnv = endpointsFromEnv(ctx.env);
    for (const w of fromEnv.warnings) ctx.progress.note(w);
    endpoints = fromEnv.endpoints;
  }
  const stats = newStats();
  const result: GcpCollected = {
    keys: [],
    containers: [],
    logging: [],
    gaps: [],
    events: [],
    scope: { projects, locations: options.locations ? [...new Set(options.locations)].sort() : 'all', collectedAt },
    requests: stats,
  };
  const auth = options.auth ?? applicationDefaultAuth(projects[0], ctx.env.GOOGLE_APPLICATION_CREDENTIALS);
  // One credential check up front: without credentials every request would fail the same way.
  try {
    await auth.getRequestHeaders(`${endpoints.kms.baseUrl}/`);
  } catch (err) {
    const c = classifyGcpError(err);
    result.gaps.push({
      source: AUTH_SOURCE,
      scope: `gcp:${projects.join(',')}:credentials`,
      code: 'Unauthenticated',
      message: `no usable Google Cloud credentials (${c.message}); set GOOGLE_APPLICATION_CREDENTIALS or run gcloud auth application-default login`,
      retryable: false,
    });
    return result;
  }
  const limit = createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const clients = createClients({ auth, endpoints, stats, ...(options.retry ? { retry: options.retry } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
  try {
    const perProject = await Promise.all(
      projects.map(async (project) => {
        const info = await readProject(project, clients.projects, limit);
        const [kms, logs] = await Promise.all([
          readProjectKms({
            project,
            kms: clients.kms,
            limit,
            progress: ctx.progress,
            ...(options.locations ? { locations: result.scope.locations as string[] } : {}),
            ...(info.inherited ? { projectAccess: info.inherited } : {}),
            ...(info.unknown !== undefined ? { projectUnknown: info.unknown } : {}),
          }),
          options.events ? readKmsAuditLogs(project, clients.logging, options.events, limit, ctx.progress, options.maxLogPages !== undefined ? { maxPages: options.maxLogPages } : {}) : { events: [], gaps: [] },
        ]);
        return { info, kms, logs };
      }),
    );
    for (const { info, kms, logs } of perProject) {
      result.containers.push(info.container, ...kms.containers);
      result.logging.push(...info.logging);
      result.keys.push(...kms.keys);
      result.gaps.push(...info.gaps, ...kms.gaps, ...logs.gaps);
      result.events.push(...logs.events);
    }
  } finally {
    await clients.close();
  }
  result.keys.sort(byId);
  result.containers.sort(byId);
  result.logging.sort(byId);
  result.events.sort(byTime);
  result.gaps = mergeGaps(result.gaps);
  return result;
}

/**
 * One gap per (source, scope, code): a thousand keys whose IAM policy is denied make one gap with
 * count 1000 naming the first resource, not a thousand lines. The per-key `unknown` maps keep the detail.
 */
export function mergeGaps(gaps: Gap[]): Gap[] {
  const groups = new Map<string, Gap[]>();
  for (const g of gaps) {
    const k = `${g.source}\u0000${g.scope}\u0000${g.code}`;
    const list = groups.get(k);
    if (list) list.push(g);
    else groups.set(k, [g]);
  }
  const out: Gap[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => ((a.resource?.id ?? '') < (b.resource?.id ?? '') ? -1 : (a.resource?.id ?? '') > (b.resource?.id ?? '') ? 1 : 0));
    const first = list[0]!;
    const n = list.reduce((s, g) => s + (g.count ?? 1), 0);
    if (n === 1) out.push(first);
    else {
      const { resource: _r, ...rest } = first;
      out.push({ ...rest, count: n, message: `${first.message} (${n} resources, first ${first.resource?.id ?? '?'})` });
    }
  }
  return out.sort((a, b) => {
    const ka = `${a.scope}\u0000${a.code}\u0000${a.resource?.id ?? ''}`;
    const kb = `${b.scope}\u0000${b.code}\u0000${b.resource?.id ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

export { READ_ONLY_RPCS, ReadOnlyViolation, assertReadOnlyRequest } from './guard.js';
export type { GcpAuth, RequestStats, RetryPolicy } from './transport.js';
export type { GcpEndpoints } from './endpoints.js';
