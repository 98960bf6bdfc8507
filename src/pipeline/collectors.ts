// Live collection in this build. The contract's live-collector flags are accepted by the parser so
// that scripts written for a full build fail with a clear message here instead of "unknown flag".
import { ToolError } from '../core/errors.js';

/** Providers with a live collector in this build (the collectors are later work). */
export const AVAILABLE_COLLECTORS: readonly string[] = [];

export const LIVE_COLLECTOR_FLAGS = [
  'provider',
  'aws-regions',
  'aws-profile',
  'aws-accounts',
  'aws-org',
  'aws-role-name',
  'aws-external-id',
  'azure-subscriptions',
  'azure-workspace',
  'gcp-projects',
  'pkcs11-module',
  'pkcs11-token',
  'pkcs11-pin-file',
  'evidence',
] as const;

/** A usage error (exit 2) naming the flags this build cannot honour yet. */
export function refuseUnavailable(flags: Record<string, unknown>, names: readonly string[]): void {
  const given = names.filter((n) => flags[n] !== undefined && flags[n] !== false);
  const providers = (flags.provider as string[] | undefined) ?? [];
  const missing = providers.filter((p) => !AVAILABLE_COLLECTORS.includes(p));
  const blocked = given.filter((n) => n !== 'provider' || missing.length > 0);
  if (blocked.length === 0) return;
  const what = missing.length > 0 ? `live collection (${missing.join(', ')})` : 'these flags';
  throw new ToolError('collector-unavailable', `${what} not available in this build: --${blocked.join(', --')}`, {
    actions: ['Use --inventory FILE (a snapshot) and --logs PATH (exported logs) instead; `keywarden scan --demo` shows the offline flow.'],
  });
}
