// RuleMeta → SARIF reportingDescriptor, with GitHub's constraints applied (sarif-and-reports.md 1.1,
// 1.4): descriptions ≤ 1024 characters, name ≤ 255, ≤ 20 tags with the useful ones first,
// `security-severity` always a numeric string, never "0".
import type { Finding, RuleMeta, Severity } from '../../core/model.js';
import type { SarifLevel, SarifRule } from './types.js';

export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '1.0',
};

export const SEVERITY_LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

export const MAX_DESCRIPTION = 1024;
export const MAX_RULE_NAME = 255;
export const MAX_TAGS = 20;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `aws-kms-auto-rotation-enabled` → `AwsKmsAutoRotationEnabled` (GitHub shows `name` in places). */
export function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return truncate(name || 'Rule', MAX_RULE_NAME);
}

/** Framework control ids as tags: `pci-dss-4.0.1/3.7.4`. */
export function frameworkTags(frameworks: Record<string, string[]> | undefined): string[] {
  if (!frameworks) return [];
  return Object.keys(frameworks)
    .sort()
    .flatMap((fw) => [...(frameworks[fw] ?? [])].sort().map((control) => `${fw}/${control}`));
}

/** security, kind, providers, the rule's own tags, then framework ids; deduplicated, capped at 20. */
export function ruleTags(rule: RuleMeta): { tags: string[]; dropped: string[] } {
  const all = ['security', rule.kind, ...(rule.providers ?? []), ...(rule.tags ?? []), ...frameworkTags(rule.frameworks)];
  const unique = [...new Set(all.filter((t) => t.trim() !== ''))];
  return { tags: unique.slice(0, MAX_TAGS), dropped: unique.slice(MAX_TAGS) };
}

/** Markdown special characters escaped so rule text cannot inject links, HTML or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>&~]/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

function helpText(rule: RuleMeta): string {
  const parts = [rule.description.trim()];
  if (rule.remediation) parts.push(`Remediation: ${rule.remediation.trim()}`);
  const fw = frameworkTags(rule.frameworks);
  if (fw.length > 0) parts.push(`Frameworks: ${fw.join(', ')}`);
  if (rule.references && rule.references.length > 0) parts.push(`References: ${rule.references.join(' ')}`);
  return parts.join('\n\n');
}

function helpMarkdown(rule: RuleMeta): string {
  const lines = [`**${escapeMarkdown(rule.title)}**`, '', escapeMarkdown(rule.description.trim())];
  if (rule.remediation) lines.push('', '**Remediation**', '', escapeMarkdown(rule.remediation.trim()));
  const frameworks = rule.frameworks ?? {};
  const names = Object.keys(frameworks).sort();
  if (names.length > 0) {
    lines.push('', '| Framework | Controls |', '|---|---|');
    for (const fw of names) lines.push(`| ${escapeMarkdown(fw)} | ${escapeMarkdown([...(frameworks[fw] ?? [])].sort().join(', '))} |`);
  }
  const refs = rule.references ?? [];
  if (refs.length > 0) {
    lines.push('', '**References**', '');
    // Only http(s) references become links; anything else stays escaped text.
    for (const ref of refs) lines.push(/^https?:\/\/[^\s<>()]+$/.test(ref) ? `- <${ref}>` : `- ${escapeMarkdown(ref)}`);
  }
  return lines.join('\n');
}

export function toSarifRule(rule: RuleMeta): SarifRule {
  const { tags, dropped } = ruleTags(rule);
  const firstHttpRef = (rule.references ?? []).find((r) => /^https?:\/\//.test(r));
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: truncate(rule.title.trim() || rule.id, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(rule.description.trim() || rule.title.trim() || rule.id, MAX_DESCRIPTION) },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    ...(firstHttpRef ? { helpUri: firstHttpRef } : {}),
    defaultConfiguration: { level: SEVERITY_LEVEL[rule.severity] },
    properties: {
      tags,
      precision: rule.kind === 'policy' ? 'very-high' : 'medium',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      kind: rule.kind,
      ...(rule.aliases && rule.aliases.length > 0 ? { aliases: [...rule.aliases].sort() } : {}),
      ...(rule.frameworks ? { frameworks: rule.frameworks } : {}),
      ...(dropped.length > 0 ? { tagsOmitted: dropped } : {}),
    },
  };
}

/** A finding whose rule is missing from the catalogue still needs a descriptor: build a minimal honest one. */
export function placeholderRuleMeta(finding: Finding): RuleMeta {
  return {
    id: finding.ruleId,
    kind: finding.kind,
    title: finding.ruleId,
    description: `Rule ${finding.ruleId} reported findings but its metadata was not in the rule catalogue of this run.`,
    severity: finding.severity,
    ...(finding.remediation ? { remediation: finding.remediation } : {}),
    ...(finding.frameworks ? { frameworks: finding.frameworks } : {}),
    providers: [finding.resource.provider],
  };
}
