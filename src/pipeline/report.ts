// Assembling the RunReport: coverage per provider, run identity, summary. Pure: no I/O, no clock.
import { createHash } from 'node:crypto';
import type { Coverage, Finding, Gap, InputFile, Inventory, Provider, RuleMeta, RunReport } from '../core/model.js';
import { PROVIDERS } from '../core/model.js';
import type { FixedFinding } from '../state/store.js';
import { summarize } from './summary.js';

export const INFORMATION_URI = 'https://github.com/keywarden/keywarden';

function gapProvider(g: Gap): Provider | undefined {
  if (g.resource) return g.resource.provider;
  const head = g.scope.split(':')[0];
  return (PROVIDERS as readonly string[]).includes(head ?? '') ? (head as Provider) : undefined;
}

export function buildCoverage(inv: Inventory, eventsByProvider: Partial<Record<Provider, number>>, gaps: readonly Gap[], counts: { evaluated: number; notApplicable: number; unknown: number; rules: number }): Coverage {
  const providers: Coverage['providers'] = {};
  for (const p of PROVIDERS) {
    const keys = inv.keys.filter((k) => k.provider === p).length;
    const containers = inv.containers.filter((c) => c.provider === p).length;
    const events = eventsByProvider[p] ?? 0;
    const providerGaps = gaps.filter((g) => gapProvider(g) === p).length;
    if (keys + containers + events + providerGaps === 0) continue;
    const status = providerGaps === 0 ? 'ok' : keys + containers + events === 0 ? 'failed' : 'partial';
    providers[p] = { keys, containers, events, status };
  }
  const events = Object.values(eventsByProvider).reduce((a, b) => a + (b ?? 0), 0);
  return { providers, keys: inv.keys.length, events, policiesEvaluated: counts.evaluated, policiesNotApplicable: counts.notApplicable, policiesUnknown: counts.unknown, rulesEvaluated: counts.rules };
}

/** A run id that is the same for the same inputs at the same time (the demo's reports are reproducible). */
export function runId(startedAt: string, inputs: readonly InputFile[], parameters: Record<string, unknown>): string {
  const h = createHash('sha256');
  h.update(startedAt);
  for (const i of inputs) h.update(`\u001f${i.kind}:${i.sha256}`);
  h.update(JSON.stringify(parameters));
  return `kw-${startedAt.replace(/[-:]/g, '').replace(/\.\d+/, '').replace('T', '-').replace('Z', '')}-${h.digest('hex').slice(0, 8)}`;
}

export function assembleReport(parts: {
  version: string;
  startedAt: string;
  finishedAt: string;
  parameters: Record<string, unknown>;
  scope: Record<string, unknown>;
  window?: { start: string; end: string };
  profile: string;
  inputs: InputFile[];
  rules: RuleMeta[];
  findings: Finding[];
  fixed: FixedFinding[];
  gaps: Gap[];
  coverage: Coverage;
}): RunReport {
  const inputs = [...parts.inputs].sort((a, b) => a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path));
  const report: RunReport = {
    schemaVersion: 1,
    tool: { name: 'keywarden', version: parts.version, informationUri: INFORMATION_URI },
    run: {
      id: runId(parts.startedAt, inputs, parts.parameters),
      startedAt: parts.startedAt,
      finishedAt: parts.finishedAt,
      parameters: parts.parameters,
      scope: parts.scope,
      ...(parts.window ? { window: parts.window } : {}),
      thresholdProfile: parts.profile,
    },
    inputs,
    rules: [...parts.rules].sort((a, b) => a.id.localeCompare(b.id)),
    findings: parts.findings,
    ...(parts.fixed.length > 0 ? { fixed: parts.fixed } : {}),
    gaps: parts.gaps,
    coverage: parts.coverage,
    summary: summarize(parts.findings),
  };
  return report;
}
