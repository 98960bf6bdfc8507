// Stable identities for findings: the same problem on the same resource gets the same fingerprint in
// every run, so the state file can tell new from recurring and GitHub can track an alert over time.
import { createHash } from 'node:crypto';

/** Canonical resource id: provider ids are case-sensitive except AWS ARNs' service/region parts. */
export function canonicalResourceId(provider: string, id: string): string {
  return `${provider}:${id.trim()}`;
}

/** sha256 hex of rule id + canonical resource id (+ extra parts such as an anomaly's principal and window start). */
export function fingerprint(ruleId: string, provider: string, resourceId: string, ...extra: string[]): string {
  const h = createHash('sha256');
  h.update([ruleId, canonicalResourceId(provider, resourceId), ...extra].join('\u001f'));
  return h.digest('hex');
}
