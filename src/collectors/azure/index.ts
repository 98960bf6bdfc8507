// Public entry point of the Azure collector: `collectAzure` reads, per subscription, the key vaults and
// Managed HSMs (ARM), the Key Vault role assignments (separation of duties), the diagnostic settings
// (is AuditEvent routed anywhere?), every key through the data plane (ARM as the fallback when the data
// plane is out of reach), and, with a workspace and a window, the audit events from Log Analytics.
// Read-only by construction: every client comes from ./clients.ts and carries ./guard.ts.
import type { Clock } from '../../core/clock.js';
import type { AccessStatement, Gap, KeyContainer, KeyEvent, KeyRecord, LoggingConfig } from '../../core/model.js';
import { mapLimited } from '../aws/limit.js';
import type { ProgressSink } from '../progress.js';
import { accessPolicyStatements, rbacStatements, type AccessPolicyLike } from './access.js';
import { listKeysThroughArm } from './arm-keys.js';
import { keyClient, keyVaultArmClient, logsClient, monitorClient, authorizationClient, type AzureClientOptions } from './clients.js';
import { readVaultKeys, type VaultTarget } from './dataplane.js';
import { listDiagnosticSettings, mapDiagnosticSetting } from './diagnostics.js';
import { azureGap, azureScope } from './errors.js';
import { mapKey, type KeyReadings } from './map-key.js';
import { readWorkspaceEvents } from './logs.js';
import { loadRoleAssignments, type RoleIndex } from './roles.js';
import { dataPlaneUri, mapVault, resourceGroupOf, type ArmVaultLike } from './vaults.js';

export const ARM_SOURCE = 'azure-arm';
export const MONITOR_SOURCE = 'azure-monitor';

export interface AzureCollectOptions extends AzureClientOptions {
  subscriptions: string[];
  /** Log Analytics workspace id (GUID) holding Key Vault audit logs. */
  workspace?: string;
  /** Read audit events for this window (scan only). */
  events?: { from: Date; to: Date };
  /** Subscriptions read at once. Default 2. */
  subscriptionConcurrency?: number;
  /** Vaults read at once per subscription. Default 4. */
  vaultConcurrency?: number;
  /** Keys read at once per vault. Default 16. */
  keyConcurrency?: number;
}

export interface AzureCollectContext {
  clock: Clock;
  progress: ProgressSink;
  signal?: AbortSignal;
}

export interface AzureCollected {
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
  events: KeyEvent[];
  scope: { subscriptions: string[]; workspace?: string; armEndpoint: string; collectedAt: string };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const gapKey = (g: Gap) => `${g.scope}\u0000${g.resource?.id ?? ''}\u0000${g.code}`;

export async function collectAzure(options: AzureCollectOptions, ctx: AzureCollectContext): Promise<AzureCollected> {
  const collectedAt = ctx.clock.now().toISOString();
  const subscriptions = [...new Set(options.subscriptions.map((s) => s.toLowerCase()))].sort();
  const parts = await mapLimited(subscriptions, options.subscriptionConcurrency ?? 2, (sub) => collectSubscription(options, ctx, sub));
  const keys = parts.flatMap((p) => p.keys);
  const gaps = parts.flatMap((p) => p.gaps);
  let events: KeyEvent[] = [];
  if (options.workspace !== undefined && options.events !== undefined && ctx.signal?.aborted !== true) {
    const r = await readWorkspaceEvents(logsClient(options), options.workspace, options.events, { subscriptions, progress: ctx.progress, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    events = r.events;
    gaps.push(...r.gaps);
    for (const k of keys) {
      const at = r.lastUse.get(k.id.toLowerCase());
      if (at !== undefined) k.lastUsedAt = at;
    }
  }
  return {
    keys: keys.sort(byId),
    containers: parts.flatMap((p) => p.containers).sort(byId),
    logging: parts.flatMap((p) => p.logging).sort(byId),
    gaps: gaps.sort((a, b) => (gapKey(a) < gapKey(b) ? -1 : gapKey(a) > gapKey(b) ? 1 : 0)),
    events: events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)),
    scope: { subscriptions, ...(options.workspace !== undefined ? { workspace: options.workspace } : {}), armEndpoint: options.armEndpoint, collectedAt },
  };
}

interface SubscriptionPart {
  keys: KeyRecord[];
  containers: KeyContainer[];
  logging: LoggingConfig[];
  gaps: Gap[];
}

async function listArm(options: AzureCollectOptions, sub: string, gaps: Gap[], signal?: AbortSignal): Promise<{ vault: ArmVaultLike; kind: 'key-vault' | 'managed-hsm' }[]> {
  const arm = keyVaultArmClient(options, sub);
  const out: { vault: ArmVaultLike; kind: 'key-vault' | 'managed-hsm' }[] = [];
  const opts = signal ? { abortSignal: signal } : {};
  for (const [kind, list] of [
    ['key-vault', () => arm.vaults.listBySubscription(opts)],
    ['managed-hsm', () => arm.managedHsms.listBySubscription(opts)],
  ] as const) {
    try {
      for await (const v of list()) out.push({ vault: v as ArmVaultLike, kind });
    } catch (err) {
      gaps.push(azureGap(ARM_SOURCE, azureScope(sub, 'global', 'keyvault', kind === 'key-vault' ? 'vaults' : 'managedHSMs'), err));
    }
  }
  return out;
}

async function collectSubscription(options: AzureCollectOptions, ctx: AzureCollectContext, sub: string): Promise<SubscriptionPart> {
  const part: SubscriptionPart = { keys: [], containers: [], logging: [], gaps: [] };
  const found = await listArm(options, sub, part.gaps, ctx.signal);
  ctx.progress.note(`azure ${sub}: ${found.length} vault(s) and Managed HSM(s)`);
  if (found.length === 0) return part;
  const roles: RoleIndex = await loadRoleAssignments(authorizationClient(options, sub), sub, ctx.signal);
  part.gaps.push(...roles.gaps);
  const monitor = monitorClient(options, sub);
  const arm = keyVaultArmClient(options, sub);
  let done = 0;
  await mapLimited(found, options.vaultConcurrency ?? 4, async ({ vault, kind }) => {
    const container = mapVault(vault, kind, sub);
    if (container === undefined || ctx.signal?.aborted === true) return;
    part.containers.push(container);
    const region = container.region ?? 'global';
    // Diagnostic settings: is AuditEvent routed anywhere?
    try {
      const settings = (await listDiagnosticSettings(monitor, container.id.replace(/^\/+/, ''), ctx.signal)).map((s) => mapDiagnosticSetting(s, container)).filter((s): s is LoggingConfig => s !== undefined);
      part.logging.push(...settings);
      container.auditLogging = settings.some((s) => s.readEvents === true);
    } catch (err) {
      const gap = azureGap(MONITOR_SOURCE, azureScope(sub, region, 'insights', `diagnosticSettings:${container.name ?? container.id}`), err, container.ref);
      part.gaps.push(gap);
      container.unknown = { ...container.unknown, auditLogging: `${gap.code}: ${gap.message}` };
    }
    // Who may do what: RBAC assignments (RBAC vaults, Managed HSMs' Azure roles) or access policies.
    let access: AccessStatement[] | undefined;
    if (container.rbacAuthorization === false) {
      access = accessPolicyStatements(container.id, (vault.properties?.accessPolicies ?? []) as AccessPolicyLike[]);
    } else if (roles.unknown === undefined) {
      access = rbacStatements(container.id, roles.assignments, roles.rightsOf);
    }
    if (access !== undefined) container.access = access;
    else container.unknown = { ...container.unknown, access: roles.unknown ?? 'role assignments not read' };
    // Keys through the data plane; ARM when it is out of reach.
    const uri = dataPlaneUri(vault);
    if (uri === undefined) return;
    const target: VaultTarget = { name: container.name ?? container.id, subscription: sub, location: region, uri, ref: container.ref };
    const r = await readVaultKeys(keyClient(options, uri), target, {
      progress: ctx.progress,
      ...(options.keyConcurrency !== undefined ? { concurrency: options.keyConcurrency } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    let readings: KeyReadings[];
    if (r.ok) {
      readings = r.keys;
      part.gaps.push(...r.gaps);
    } else {
      part.gaps.push(r.gap);
      readings = [];
      const rg = resourceGroupOf(container.id);
      if (kind === 'key-vault' && rg !== undefined && container.name !== undefined) {
        try {
          readings = await listKeysThroughArm(arm, rg, container.name, `${r.gap.code}: data plane ${uri} not read`);
        } catch (err) {
          part.gaps.push(azureGap(ARM_SOURCE, azureScope(sub, region, 'keyvault', `${container.name}:keys`), err, container.ref));
        }
      }
    }
    for (const k of readings) {
      const rec = mapKey(k, container, uri, access);
      if (access === undefined) rec.unknown = { ...rec.unknown, access: container.unknown?.access ?? 'role assignments not read' };
      part.keys.push(rec);
    }
    done += 1;
    ctx.progress.update(`azure ${sub}`, 'vaults', done, found.length);
  });
  ctx.progress.end(`azure ${sub}`, 'vaults', done);
  return part;
}

export { AzureReadOnlyViolation, assertReadOnlyRequest, readOnlyPolicy, READ_ONLY_POSTS } from './guard.js';
