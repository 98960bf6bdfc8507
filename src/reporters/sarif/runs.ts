// How findings are split into SARIF runs. GitHub accepts one run per (tool, category) per upload and
// at most 20 runs per file (sarif-and-reports.md 1.5). Two groupings:
//   'kind'    → `keywarden/policy/` and `keywarden/anomaly/` (default: at most two runs, whatever the estate);
//   'account' → `keywarden/<provider>/<account>/` (one category per account; falls back to 'kind'
//               when an estate has more than 20 accounts).
// `keywarden` is the default category prefix; separate scans of different estates give their own.
// An account that was scanned has its run even with no finding left: GitHub closes an alert only when a
// later upload of the same category lacks it, so a missing run would keep fixed alerts open forever.
import type { Finding, Gap, RunReport } from '../../core/model.js';
import { compareText } from '../common/order.js';

export type RunGrouping = 'kind' | 'account';
export const MAX_RUNS = 20;
export const DEFAULT_CATEGORY_PREFIX = 'keywarden';

/** `a/b/` → `a/b`; whitespace becomes `_`; empty means the default. */
export function normaliseCategoryPrefix(prefix: string | undefined): string {
  const p = (prefix ?? '').trim().replace(/\s+/g, '_').replace(/^\/+|\/+$/g, '');
  return p === '' ? DEFAULT_CATEGORY_PREFIX : p;
}

/** The scope field that lists each provider's accounts (Inventory.scope as the collectors write it). */
const SCOPE_ACCOUNTS: Readonly<Record<string, string>> = { aws: 'accounts', azure: 'subscriptions', gcp: 'projects', pkcs11: 'tokens' };

function scopeAccounts(scope: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [provider, field] of Object.entries(SCOPE_ACCOUNTS)) {
    const entry = scope[provider];
    if (entry === null || typeof entry !== 'object') continue;
    const list = (entry as Record<string, unknown>)[field];
    if (Array.isArray(list)) for (const a of list) if (typeof a === 'string' && a !== '') out.push(`${provider}/${a}`);
  }
  return out;
}

export interface RunGroup {
  key: string;
  category: string;
  description: string;
  findings: Finding[];
  gaps: Gap[];
  /** Rules that belong in this run's driver (all catalogue rules that could have fired here). */
  ruleFilter: (rule: { kind: string; providers?: readonly string[] }) => boolean;
}

const ANOMALY_GAP_SOURCE = /log|detect|anomal|event|baseline/i;

function categorySegment(value: string): string {
  return value.replace(/[/\s]+/g, '_') || '_';
}

function byKind(report: RunReport, findings: readonly Finding[], prefix: string): RunGroup[] {
  const kinds = new Set<string>([...report.rules.map((r) => r.kind), ...findings.map((f) => f.kind)]);
  if (kinds.size === 0) kinds.add('policy');
  const groups = (['policy', 'anomaly'] as const)
    .filter((k) => kinds.has(k))
    .map<RunGroup>((kind) => ({
      key: kind,
      category: `${prefix}/${kind}/`,
      description: kind === 'policy' ? 'keywarden key-management policy evaluation' : 'keywarden key-usage anomaly detection',
      findings: findings.filter((f) => f.kind === kind),
      gaps: [],
      ruleFilter: (rule) => rule.kind === kind,
    }));
  for (const gap of report.gaps) {
    const wanted = ANOMALY_GAP_SOURCE.test(gap.source) ? 'anomaly' : 'policy';
    (groups.find((g) => g.key === wanted) ?? groups[0]!).gaps.push(gap);
  }
  return groups;
}

function gapAccount(gap: Gap): string | undefined {
  if (gap.resource) return `${gap.resource.provider}/${gap.resource.account}`;
  const scope = /^(aws|azure|gcp|pkcs11):([^:]+)/.exec(gap.scope);
  return scope ? `${scope[1]}/${scope[2]}` : undefined;
}

function byAccount(report: RunReport, findings: readonly Finding[], prefix: string): RunGroup[] {
  const keys = new Set<string>([...findings.map((f) => `${f.resource.provider}/${f.resource.account}`), ...scopeAccounts(report.run.scope)]);
  for (const gap of report.gaps) {
    const key = gapAccount(gap);
    if (key) keys.add(key);
  }
  const groups = [...keys].sort(compareText).map<RunGroup>((key) => {
    const slash = key.indexOf('/');
    const provider = key.slice(0, slash);
    const account = key.slice(slash + 1);
    return {
      key,
      category: `${prefix}/${provider}/${categorySegment(account)}/`,
      description: `keywarden findings for ${provider} ${account}`,
      findings: findings.filter((f) => f.resource.provider === provider && f.resource.account === account),
      gaps: report.gaps.filter((g) => {
        const k = gapAccount(g);
        return k === undefined || k === key;
      }),
      ruleFilter: (rule) => !rule.providers || rule.providers.length === 0 || rule.providers.includes(provider),
    };
  });
  return groups;
}

export function groupRuns(
  report: RunReport,
  findings: readonly Finding[],
  grouping: RunGrouping,
  categoryPrefix?: string,
): { groups: RunGroup[]; notes: string[] } {
  const prefix = normaliseCategoryPrefix(categoryPrefix);
  if (grouping === 'account') {
    const groups = byAccount(report, findings, prefix);
    if (groups.length > 0 && groups.length <= MAX_RUNS) return { groups, notes: [] };
    if (groups.length > MAX_RUNS) {
      return {
        groups: byKind(report, findings, prefix),
        notes: [`${groups.length} accounts exceed GitHub's ${MAX_RUNS} runs per file: results grouped by kind instead of by account.`],
      };
    }
  }
  return { groups: byKind(report, findings, prefix), notes: [] };
}
