// Diagnostic settings of a vault or Managed HSM (Microsoft.Insights/diagnosticSettings) → LoggingConfig:
// is AuditEvent (category, or the `audit` / `allLogs` category group) routed to a workspace, storage
// account or event hub? The raw body is read (arm-monitor 7's model has no categoryGroup).
import type { MonitorClient } from '@azure/arm-monitor';
import type { KeyContainer, LoggingConfig } from '../../core/model.js';

interface LogEntry {
  category?: string | null;
  categoryGroup?: string | null;
  enabled?: boolean;
  retentionPolicy?: { enabled?: boolean; days?: number };
}

export interface DiagnosticSettingRaw {
  id?: string;
  name?: string;
  properties?: {
    workspaceId?: string | null;
    storageAccountId?: string | null;
    eventHubAuthorizationRuleId?: string | null;
    eventHubName?: string | null;
    marketplacePartnerId?: string | null;
    logs?: LogEntry[];
  };
}

const DESTINATIONS = ['workspaceId', 'storageAccountId', 'eventHubAuthorizationRuleId', 'eventHubName', 'marketplacePartnerId'] as const;

export function routesAudit(e: LogEntry): boolean {
  if (e.enabled !== true) return false;
  return (e.category ?? '').toLowerCase() === 'auditevent' || ['audit', 'alllogs'].includes((e.categoryGroup ?? '').toLowerCase());
}

export function mapDiagnosticSetting(s: DiagnosticSettingRaw, vault: KeyContainer): LoggingConfig | undefined {
  if (s.id === undefined) return undefined;
  const p = s.properties ?? {};
  const logs = (p.logs ?? []).map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== null && v !== undefined)) as LogEntry);
  const destinations = Object.fromEntries(DESTINATIONS.flatMap((d) => (typeof p[d] === 'string' && p[d] !== '' ? [[d, p[d]]] : [])));
  const audit = logs.some(routesAudit) && Object.keys(destinations).length > 0;
  return {
    ref: { provider: 'azure', account: vault.account, ...(vault.region ? { region: vault.region } : {}), type: 'diagnostic-setting', id: s.id, ...(s.name ? { name: s.name } : {}) },
    provider: 'azure',
    account: vault.account,
    ...(vault.region ? { region: vault.region } : {}),
    id: s.id,
    kind: 'azure-diagnostic-setting',
    enabled: logs.some((l) => l.enabled === true),
    readEvents: audit,
    writeEvents: audit,
    covers: [vault.id],
    raw: { logs, ...destinations },
  };
}

/** Raw settings of one resource (one GET, no paging in this API). */
export async function listDiagnosticSettings(client: MonitorClient, resourceId: string, signal?: AbortSignal): Promise<DiagnosticSettingRaw[]> {
  let body: unknown;
  await client.diagnosticSettings.list(resourceId, {
    ...(signal ? { abortSignal: signal } : {}),
    onResponse: (raw) => {
      // bodyAsText: parsedBody has already been through the SDK's model, which drops categoryGroup.
      body = raw.bodyAsText ? JSON.parse(raw.bodyAsText) : raw.parsedBody;
    },
  });
  const value = (body as { value?: unknown } | undefined)?.value;
  return Array.isArray(value) ? (value as DiagnosticSettingRaw[]) : [];
}
