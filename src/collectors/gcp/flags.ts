// The one call the scan pipeline needs: `--gcp-projects` / `--gcp-locations` (and the environment:
// GOOGLE_APPLICATION_CREDENTIALS, KEYWARDEN_GCP_*_ENDPOINT) in, a LiveCollection out. Credentials
// stay inside the collector; the scope records project ids, locations and request counts only.
import { ToolError } from '../../core/errors.js';
import { listFlag, type LiveCollection, type LiveContext } from '../live.js';
import { collectGcp, type GcpCollectOptions } from './index.js';

// Project ids (6-30 of a-z 0-9 -) and legacy domain-scoped ids (example.com:project).
const PROJECT_ID = /^(?:[a-z0-9][a-z0-9.-]{0,61}[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const LOCATION = /^[a-z][a-z0-9-]{1,62}$/;

/** Embedding and tests: credentials, retry timing and concurrency that flags do not carry. */
export type GcpExtraOptions = Pick<GcpCollectOptions, 'auth' | 'retry' | 'concurrency' | 'endpoints' | 'maxLogPages'>;

export async function collectFromFlags(flags: Record<string, unknown>, ctx: LiveContext, extra: GcpExtraOptions = {}): Promise<LiveCollection> {
  const fallback = ctx.env.GOOGLE_CLOUD_PROJECT ?? ctx.env.CLOUDSDK_CORE_PROJECT;
  const projects = listFlag(flags['gcp-projects'] ?? fallback);
  if (projects.length === 0) {
    throw new ToolError('usage', '--provider gcp needs --gcp-projects ID[,ID...] (or GOOGLE_CLOUD_PROJECT)', { actions: ['Pass --gcp-projects with the project ids that hold Cloud KMS keys; see docs/gcp.md.'] });
  }
  const bad = projects.filter((p) => !PROJECT_ID.test(p));
  if (bad.length > 0) throw new ToolError('usage', `not a Google Cloud project id: ${bad.join(', ')}`, { actions: ['Use project ids (my-project-123), not names or numbers with spaces.'] });
  const locations = flags['gcp-locations'] === undefined ? undefined : listFlag(flags['gcp-locations']);
  const badLoc = (locations ?? []).filter((l) => !LOCATION.test(l));
  if (badLoc.length > 0) throw new ToolError('usage', `not a Cloud KMS location: ${badLoc.join(', ')}`, { actions: ['Use location ids such as global, europe-west1, us.'] });
  const r = await collectGcp(
    { projects, ...(locations !== undefined && locations.length > 0 ? { locations } : {}), ...(ctx.events ? { events: ctx.events } : {}), ...extra },
    { env: ctx.env, clock: ctx.clock, progress: ctx.progress, ...(ctx.signal ? { signal: ctx.signal } : {}) },
  );
  const requests = Object.values(r.requests.byRpc).reduce((a, b) => a + b, 0);
  ctx.progress.note(`gcp: ${r.keys.length} keys in ${projects.length} project(s), ${r.events.length} log entries, ${requests} requests (${r.requests.retries} retries), ${r.gaps.length} gaps`);
  return {
    keys: r.keys,
    containers: r.containers,
    logging: r.logging,
    gaps: r.gaps,
    events: r.events,
    scope: { gcp: { projects: r.scope.projects, locations: r.scope.locations } },
  };
}
