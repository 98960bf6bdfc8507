// GitHub rejects a SARIF file above 25,000 results per run or 10 MB gzipped (sarif-and-reports.md 1.2).
// When a run would exceed its budget we keep the most severe finding of every rule, fill the rest of
// the budget most-severe-first, and let one summary result per rule stand for the findings left out.
import type { Finding } from '../../core/model.js';
import { compareFindings } from '../common/order.js';

export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;
export const GITHUB_SHOWN_RESULTS_PER_RUN = 5_000;
export const GITHUB_MAX_GZIP_BYTES = 10 * 1024 * 1024;

export interface LimitedFindings {
  kept: Finding[];
  /** ruleId → omitted findings, most severe first; rule ids in sorted order. */
  omitted: Map<string, Finding[]>;
}

/**
 * Selects at most `budget` results in total (kept findings plus one summary per rule with omissions).
 * `findings` must already be sorted with compareFindings.
 */
export function limitFindings(findings: readonly Finding[], budget: number): LimitedFindings {
  if (findings.length <= budget) return { kept: [...findings], omitted: new Map() };
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
  // Reserve one summary slot per rule that could lose findings (an upper bound, so the total fits).
  let slots = Math.max(0, budget - ruleIds.length);
  const keep = new Set<Finding>();
  // First the most severe finding of every rule, so no rule disappears behind a summary only.
  const firstOfRule = new Map<string, Finding>();
  for (const f of findings) if (!firstOfRule.has(f.ruleId)) firstOfRule.set(f.ruleId, f);
  for (const f of [...firstOfRule.values()].sort(compareFindings)) {
    if (slots === 0) break;
    keep.add(f);
    slots -= 1;
  }
  for (const f of findings) {
    if (slots === 0) break;
    if (!keep.has(f)) {
      keep.add(f);
      slots -= 1;
    }
  }
  const kept: Finding[] = [];
  const omitted = new Map<string, Finding[]>();
  for (const f of findings) {
    if (keep.has(f)) kept.push(f);
    else {
      const list = omitted.get(f.ruleId);
      if (list) list.push(f);
      else omitted.set(f.ruleId, [f]);
    }
  }
  return { kept, omitted: new Map([...omitted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}
