// The one call the scan pipeline needs: `--azure-subscriptions` and `--azure-workspace` in, the
// LiveCollection out. Credentials come from DefaultAzureCredential (environment, workload identity,
// managed identity, Azure CLI) and stay in here; endpoints from KEYWARDEN_AZURE_ARM_ENDPOINT and
// KEYWARDEN_AZURE_LOGS_ENDPOINT; TLS trust from NODE_EXTRA_CA_CERTS.
import type { TokenCredential } from '@azure/core-auth';
import { ToolError } from '../../core/errors.js';
import { listFlag, type LiveCollection, type LiveContext } from '../live.js';
import { defaultCredential, endpointsFromEnv } from './clients.js';
import { collectAzure } from './index.js';

const SUBSCRIPTION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function collectFromFlags(flags: Record<string, unknown>, ctx: LiveContext, credential?: TokenCredential): Promise<LiveCollection> {
  const subscriptions = listFlag(flags['azure-subscriptions']);
  if (subscriptions.length === 0) {
    throw new ToolError('usage', '--provider azure needs --azure-subscriptions ID[,ID...]', {
      actions: ['List them with `az account list --query "[].id" -o tsv` and pass --azure-subscriptions.'],
    });
  }
  const bad = subscriptions.filter((s) => !SUBSCRIPTION.test(s));
  if (bad.length > 0) throw new ToolError('usage', `not a subscription id (GUID): ${bad.join(', ')}`, { actions: ['Pass subscription ids, not names.'] });
  const workspace = typeof flags['azure-workspace'] === 'string' && flags['azure-workspace'] !== '' ? flags['azure-workspace'] : undefined;
  const r = await collectAzure(
    {
      subscriptions,
      ...(workspace !== undefined ? { workspace } : {}),
      ...(ctx.events !== undefined ? { events: ctx.events } : {}),
      credential: credential ?? (await defaultCredential()),
      ...endpointsFromEnv(ctx.env),
    },
    { clock: ctx.clock, progress: ctx.progress, ...(ctx.signal ? { signal: ctx.signal } : {}) },
  );
  return { keys: r.keys, containers: r.containers, logging: r.logging, gaps: r.gaps, events: r.events, scope: { azure: r.scope } };
}
