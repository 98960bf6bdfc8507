// Folds the raw alerts of one incident into one finding: alerts with the same rule instance and
// fold key extend the open incident while they come within `foldMs` of its end.
import type { Finding, Severity } from '../../core/model.js';
import { fingerprint } from '../../core/fingerprint.js';
import type { Alert, Evidence } from '../types.js';
import { iso } from '../types.js';
import type { DetectionRule } from '../rules/load.js';

export interface Incident {
  ruleId: string;
  instance: string;
  foldKey: string;
  resource: Finding['resource'];
  principal?: string;
  start: number;
  end: number;
  alerts: number;
  severity: Severity;
  message: string;
  evidence: Evidence;
  firstEventId?: string;
  lastEventId?: string;
  /** Touched in this run (only those are reported; older ones were reported before). */
  touched: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export class Folder {
  readonly open = new Map<string, Incident>();
  readonly closed: Incident[] = [];

  constructor(restored: Incident[] = []) {
    for (const inc of restored) this.open.set(`${inc.instance}\u0000${inc.foldKey}`, { ...inc, touched: false });
  }

  /** `forced` (an override's severity) wins over the alert's own; `severity` is the fallback. */
  add(rule: DetectionRule, instance: string, severity: Severity, alert: Alert, forced?: Severity): void {
    const id = `${instance}\u0000${alert.foldKey}`;
    const foldMs = rule.foldMinutes * 60_000;
    const current = this.open.get(id);
    const alertSeverity = forced ?? alert.severity ?? severity;
    if (current && alert.start - current.end <= foldMs) {
      current.end = Math.max(current.end, alert.end);
      current.start = Math.min(current.start, alert.start);
      current.alerts++;
      current.touched = true;
      if (SEVERITY_RANK[alertSeverity] > SEVERITY_RANK[current.severity]) current.severity = alertSeverity;
      if (alert.evidence.lastEventId) current.lastEventId = alert.evidence.lastEventId;
      if (alert.evidence.score > current.evidence.score) {
        current.evidence = alert.evidence;
        current.message = alert.message;
      }
      return;
    }
    if (current) {
      this.closed.push(current);
      this.open.delete(id);
    }
    this.open.set(id, {
      ruleId: rule.meta.id,
      instance,
      foldKey: alert.foldKey,
      resource: alert.resource,
      ...(alert.principal ? { principal: alert.principal } : {}),
      start: alert.start,
      end: alert.end,
      alerts: 1,
      severity: alertSeverity,
      message: alert.message,
      evidence: alert.evidence,
      ...(alert.evidence.firstEventId ? { firstEventId: alert.evidence.firstEventId } : {}),
      ...(alert.evidence.lastEventId ? { lastEventId: alert.evidence.lastEventId } : {}),
      touched: true,
    });
  }

  /** Close incidents whose last alert is older than their rule's fold gap at `now`. */
  closeIdle(now: number, foldMsOf: (instance: string) => number): void {
    for (const [id, inc] of this.open) {
      if (now - inc.end > foldMsOf(inc.instance)) {
        this.closed.push(inc);
        this.open.delete(id);
      }
    }
  }
}

export function toFinding(inc: Incident, rule: DetectionRule | undefined): Finding {
  const start = iso(inc.start);
  return {
    ruleId: inc.ruleId,
    kind: 'anomaly',
    severity: inc.severity,
    status: 'fail',
    message: inc.alerts > 1 ? `${inc.message} (${inc.alerts} alerts folded into this incident)` : inc.message,
    resource: inc.resource,
    ...(inc.principal ? { principal: inc.principal } : {}),
    window: { start, end: iso(inc.end) },
    evidence: {
      ...inc.evidence,
      alerts: inc.alerts,
      ...(inc.firstEventId ? { firstEventId: inc.firstEventId } : {}),
      ...(inc.lastEventId ? { lastEventId: inc.lastEventId } : {}),
    },
    fingerprint: fingerprint(inc.ruleId, inc.resource.provider, inc.resource.id, inc.principal ?? '', start, inc.foldKey),
    ...(rule?.meta.remediation ? { remediation: rule.meta.remediation } : {}),
    ...(rule?.meta.frameworks ? { frameworks: rule.meta.frameworks } : {}),
  };
}
