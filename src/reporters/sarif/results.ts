// Finding → SARIF result. The ARN or URI goes in the message (GitHub shows it), in
// logicalLocations and in properties; the physical location is the pseudo-path (location.ts).
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../core/model.js';
import { aggregatePseudoPath, resourcePseudoPath } from './location.js';
import { SEVERITY_LEVEL, truncate } from './rules.js';
import type { SarifResult } from './types.js';

/** No documented GitHub limit on message length; cap it so one runaway evidence string cannot bloat the file. */
export const MAX_MESSAGE = 4000;
export const FINGERPRINT_KEY = 'keywardenFingerprint/v1';

const PROVIDER_LABEL: Record<string, string> = { aws: 'AWS', azure: 'Azure', gcp: 'Google Cloud', pkcs11: 'PKCS#11' };

/** GitHub's alert identity: CodeQL-like `<16 hex>:1`, derived from the finding's own stable fingerprint. */
export function primaryLocationLineHash(fingerprint: string): string {
  return `${fingerprint.slice(0, 16)}:1`;
}

function messageText(f: Finding): string {
  const base = f.message.trim() || f.ruleId;
  const lead = f.status === 'unknown' ? `Could not be evaluated: ${base}` : base;
  const withResource = lead.includes(f.resource.id) ? lead : `${lead.replace(/\.?$/, '.')} Resource: ${f.resource.id}`;
  const reason = f.status === 'unknown' && f.reason ? ` Reason: ${f.reason}` : '';
  return truncate(`${withResource}${reason}`, MAX_MESSAGE);
}

function locationMessage(f: Finding): string {
  const where = [f.resource.type ?? 'resource', `${PROVIDER_LABEL[f.resource.provider] ?? f.resource.provider} ${f.resource.account}`];
  if (f.resource.region) where.push(f.resource.region);
  return where.join(', ');
}

export function toSarifResult(f: Finding, ruleIndex: number): SarifResult {
  const result: SarifResult = {
    ruleId: f.ruleId,
    ruleIndex,
    // "Could not evaluate" is not a failure: kind review, whose level is "none" by the spec (§3.27.10),
    // so level is left out rather than contradicting it.
    ...(f.status === 'unknown' ? { kind: 'review' as const } : { level: SEVERITY_LEVEL[f.severity] }),
    message: { text: messageText(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: resourcePseudoPath(f.resource) },
          region: { startLine: 1 },
        },
        logicalLocations: [
          { ...(f.resource.name ? { name: f.resource.name } : {}), fullyQualifiedName: f.resource.id, kind: 'resource' },
        ],
        message: { text: locationMessage(f) },
      },
    ],
    partialFingerprints: {
      primaryLocationLineHash: primaryLocationLineHash(f.fingerprint),
      [FINGERPRINT_KEY]: f.fingerprint,
    },
    properties: {
      status: f.status,
      severity: f.severity,
      findingKind: f.kind,
      provider: f.resource.provider,
      account: f.resource.account,
      region: f.resource.region ?? 'global',
      resourceId: f.resource.id,
      ...(f.resource.type ? { resourceType: f.resource.type } : {}),
      ...(f.resource.name ? { resourceName: f.resource.name } : {}),
      ...(f.principal ? { principal: f.principal } : {}),
      ...(f.window ? { window: f.window } : {}),
      evidence: f.evidence,
      ...(f.reason ? { reason: f.reason } : {}),
      ...(f.lifecycle ? { lifecycle: f.lifecycle } : {}),
      ...(f.frameworks ? { frameworks: f.frameworks } : {}),
      ...(f.waiver ? { waiver: f.waiver } : {}),
    },
  };
  if (f.status === 'suppressed') {
    const w = f.waiver;
    const justification = w
      ? [w.reason, w.owner ? `owner: ${w.owner}` : '', w.expires ? `expires: ${w.expires}` : ''].filter((s) => s !== '').join('; ')
      : 'waived';
    result.suppressions = [{ kind: 'external', status: 'accepted', justification }];
  }
  return result;
}

/** One result standing for the findings of a rule that were left out to respect GitHub's limits. */
export function aggregateResult(
  ruleId: string,
  ruleIndex: number,
  category: string,
  omitted: readonly Finding[],
  limitNote: string,
): SarifResult {
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const f of omitted) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  const worst = omitted[0]!; // callers pass them sorted, most severe first
  const hash = createHash('sha256').update(`${ruleId}\u001faggregate\u001f${category}`).digest('hex');
  return {
    ruleId,
    ruleIndex,
    level: SEVERITY_LEVEL[worst.severity],
    message: {
      text: truncate(
        `${omitted.length} more finding(s) of rule ${ruleId} were aggregated into this result (${limitNote}). ` +
          'Every finding is listed in keywarden.json and keywarden.html.',
        MAX_MESSAGE,
      ),
    },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: aggregatePseudoPath(ruleId) }, region: { startLine: 1 } },
        message: { text: `aggregate of ${omitted.length} finding(s)` },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: primaryLocationLineHash(hash), [FINGERPRINT_KEY]: hash },
    properties: {
      aggregated: true,
      aggregatedCount: omitted.length,
      bySeverity,
      sampleResources: [...new Set(omitted.map((f) => f.resource.id))].slice(0, 20),
    },
  };
}
