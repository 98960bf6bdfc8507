// Compliance view: framework family → framework version → control → the checks mapped to it, with
// each check's failing, not-evaluated and waived resources. Mappings come from the findings and the
// rule metadata carried by the RunReport (policies/frameworks/ feeds them), never from this file.
import type { Finding, RuleMeta, RunReport } from '../../core/model.js';
import { compareText } from '../common/order.js';
import { escapeHtml as e } from './escape.js';

/** The families the report groups framework versions under, in display order. */
export const FRAMEWORK_FAMILIES: readonly { label: string; match: RegExp }[] = [
  { label: 'CIS', match: /^cis[-_]/i },
  { label: 'PCI DSS', match: /^pci/i },
  { label: 'ISO 27001', match: /^iso[-_]?27001/i },
  { label: 'NIST 800-53', match: /^nist[-_]?800[-_]?53/i },
  { label: 'SOC 2', match: /^soc[-_]?2/i },
  { label: 'MITRE ATT&CK', match: /^mitre/i },
];

/** `cis-aws-5.0` → `CIS`; a framework outside the five families keeps its own id as family. */
export function frameworkFamily(framework: string): string {
  return FRAMEWORK_FAMILIES.find((f) => f.match.test(framework))?.label ?? framework;
}

export type CheckStatus = 'pass' | 'fail' | 'unknown';

export interface CheckResult {
  ruleId: string;
  title: string;
  fail: number;
  unknown: number;
  waived: number;
  status: CheckStatus;
}

export interface ControlResult {
  control: string;
  checks: CheckResult[];
  status: CheckStatus;
}

export interface FrameworkResult {
  family: string;
  framework: string;
  controls: ControlResult[];
  checks: { pass: number; fail: number; unknown: number };
}

export function findingFrameworks(f: Finding, rule: RuleMeta | undefined): Record<string, string[]> {
  return f.frameworks ?? rule?.frameworks ?? {};
}

/** Natural order for control ids: 3.7.4 < 3.7.10, SC-12 < SC-12(2) < SC-13. */
export function compareControls(a: string, b: string): number {
  const split = (s: string) => s.split(/(\d+)/).map((p, i) => (i % 2 === 1 ? Number(p) : p));
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === q) continue;
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return compareText(String(p), String(q));
  }
  return 0;
}

const worst = (statuses: readonly CheckStatus[]): CheckStatus => (statuses.includes('fail') ? 'fail' : statuses.includes('unknown') ? 'unknown' : 'pass');

/**
 * A check passes when it was evaluated in this run and reported no failing or unevaluable resource
 * (waived findings do not fail it). Every rule in the report was evaluated; a mapping that appears
 * only on findings (rule metadata missing) is included too.
 */
export function buildCompliance(report: RunReport): FrameworkResult[] {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const tally = new Map<string, { fail: number; unknown: number; waived: number }>();
  // framework -> control -> rule ids
  const mapping = new Map<string, Map<string, Set<string>>>();
  const map = (ruleId: string, frameworks: Record<string, string[]>) => {
    for (const [fw, controls] of Object.entries(frameworks)) {
      let byControl = mapping.get(fw);
      if (!byControl) mapping.set(fw, (byControl = new Map<string, Set<string>>()));
      for (const control of controls) {
        let ids = byControl.get(control);
        if (!ids) byControl.set(control, (ids = new Set<string>()));
        ids.add(ruleId);
      }
    }
  };
  for (const r of report.rules) map(r.id, r.frameworks ?? {});
  for (const f of report.findings) {
    const t = tally.get(f.ruleId) ?? { fail: 0, unknown: 0, waived: 0 };
    if (f.status === 'fail') t.fail++;
    else if (f.status === 'unknown') t.unknown++;
    else t.waived++;
    tally.set(f.ruleId, t);
    if (f.frameworks) map(f.ruleId, f.frameworks);
  }
  const check = (ruleId: string): CheckResult => {
    const t = tally.get(ruleId) ?? { fail: 0, unknown: 0, waived: 0 };
    const status: CheckStatus = t.fail > 0 ? 'fail' : t.unknown > 0 ? 'unknown' : 'pass';
    return { ruleId, title: rules.get(ruleId)?.title ?? ruleId, ...t, status };
  };
  const familyRank = (family: string) => {
    const i = FRAMEWORK_FAMILIES.findIndex((f) => f.label === family);
    return i < 0 ? FRAMEWORK_FAMILIES.length : i;
  };
  return [...mapping.entries()]
    .map(([framework, byControl]): FrameworkResult => {
      const controls = [...byControl.entries()]
        .sort(([a], [b]) => compareControls(a, b))
        .map(([control, ids]) => {
          const checks = [...ids].sort(compareText).map(check);
          return { control, checks, status: worst(checks.map((x) => x.status)) };
        });
      const distinct = new Map(controls.flatMap((ctl) => ctl.checks.map((x) => [x.ruleId, x.status] as const)));
      const counts = { pass: 0, fail: 0, unknown: 0 };
      for (const s of distinct.values()) counts[s]++;
      return { family: frameworkFamily(framework), framework, controls, checks: counts };
    })
    .sort((a, b) => familyRank(a.family) - familyRank(b.family) || compareText(a.family, b.family) || compareText(a.framework, b.framework));
}

const NUMBER = new Intl.NumberFormat('en-US');
const n = (v: number) => NUMBER.format(v);
const badge = (s: CheckStatus) => `<span class="badge st-${s}">${s}</span>`;

function controlRow(ctl: ControlResult): string {
  const checks = ctl.checks
    .map(
      (x) =>
        `<li>${badge(x.status)} <code>${e(x.ruleId)}</code> <span class="muted">${e(x.title)}</span>` +
        `<span class="counts"> · fail ${n(x.fail)} · unknown ${n(x.unknown)}${x.waived > 0 ? ` · waived ${n(x.waived)}` : ''}</span></li>`,
    )
    .join('');
  const c = { pass: 0, fail: 0, unknown: 0 };
  for (const x of ctl.checks) c[x.status]++;
  return (
    `<tr class="ctl st-row-${ctl.status}"><td><b>${e(ctl.control)}</b></td><td>${badge(ctl.status)}</td>` +
    `<td class="num">${n(c.pass)}</td><td class="num">${n(c.fail)}</td><td class="num">${n(c.unknown)}</td><td><ul class="checks">${checks}</ul></td></tr>`
  );
}

export function complianceSection(report: RunReport): string {
  const frameworks = buildCompliance(report);
  if (frameworks.length === 0) return '<p>No rule in this run carries a framework mapping.</p>';
  const families = [...new Set(frameworks.map((f) => f.family))];
  const overview = frameworks
    .map((f) => {
      const total = f.checks.pass + f.checks.fail + f.checks.unknown;
      const judged = f.checks.pass + f.checks.fail;
      const score = judged === 0 ? '—' : `${Math.round((f.checks.pass / judged) * 100)}%`;
      return (
        `<tr><td>${e(f.family)}</td><td><a href="#fw-${e(slug(f.framework))}">${e(f.framework)}</a></td><td class="num">${n(f.controls.length)}</td>` +
        `<td class="num">${n(total)}</td><td class="num">${n(f.checks.pass)}</td><td class="num">${n(f.checks.fail)}</td><td class="num">${n(f.checks.unknown)}</td><td class="num"><b>${score}</b></td></tr>`
      );
    })
    .join('');
  const details = frameworks
    .map(
      (f) =>
        `<details class="fw" id="fw-${e(slug(f.framework))}"><summary><b>${e(f.framework)}</b> <span class="muted">(${e(f.family)})</span> · ` +
        `${badge('fail')} ${n(f.checks.fail)} ${badge('unknown')} ${n(f.checks.unknown)} ${badge('pass')} ${n(f.checks.pass)}</summary>` +
        `<table class="controls"><thead><tr><th>Control</th><th>Status</th><th class="num">Checks passing</th><th class="num">failing</th><th class="num">unknown</th><th>Checks (failing, not evaluated and waived resources)</th></tr></thead>` +
        `<tbody>${f.controls.map(controlRow).join('')}</tbody></table></details>`,
    )
    .join('');
  return (
    `<p class="muted">Families: ${families.map(e).join(' · ')}. A check passes when it was evaluated and reported no failing or unevaluable resource; ` +
    `the score is passing checks ÷ (passing + failing) checks, "unknown" excluded, as AWS Security Hub does. Mappings are keywarden's judgement (policies/frameworks/).</p>` +
    `<table class="fw-overview"><thead><tr><th>Family</th><th>Framework</th><th class="num">Controls</th><th class="num">Checks</th><th class="num">Pass</th><th class="num">Fail</th><th class="num">Unknown</th><th class="num">Score</th></tr></thead><tbody>${overview}</tbody></table>` +
    details
  );
}

/** An id-safe fragment for anchors. */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-');
}
