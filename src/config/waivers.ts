// Waivers: reviewed exceptions from keywarden.config.yaml. An active waiver turns a finding into
// `suppressed` (still listed, never hidden); an expired waiver no longer applies, so the finding comes
// back as a failure and the expired waiver is reported so someone renews or removes it.
import type { Finding } from '../core/model.js';
import { globToRegExp } from './glob.js';

export interface Waiver {
  rule: string;
  resource: string;
  reason: string;
  owner: string;
  expires: string;
}

export interface WaiverReport {
  /** Waivers whose expiry has passed; they matched findings that are failures again. */
  expired: (Waiver & { matched: number })[];
  /** Active waivers that matched nothing in this run (candidates for removal). */
  unused: Waiver[];
  /** How many findings were suppressed. */
  suppressed: number;
}

/** End of validity: a date-only expiry lasts through that whole day (UTC). */
export function waiverExpiresAt(expires: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) return new Date(Date.parse(`${expires}T00:00:00Z`) + 86_400_000);
  return new Date(expires);
}

export function isWaiverExpired(w: Waiver, now: Date): boolean {
  return waiverExpiresAt(w.expires).getTime() <= now.getTime();
}

interface CompiledWaiver {
  waiver: Waiver;
  rule: RegExp;
  resource: RegExp;
  expired: boolean;
  matched: number;
}

/** Apply waivers to findings (returns new finding objects; input is not mutated). */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], now: Date): { findings: Finding[]; report: WaiverReport } {
  const compiled: CompiledWaiver[] = waivers.map((w) => ({
    waiver: w,
    rule: globToRegExp(w.rule),
    resource: globToRegExp(w.resource),
    expired: isWaiverExpired(w, now),
    matched: 0,
  }));
  let suppressed = 0;
  const out = findings.map((f) => {
    const matches = compiled.filter(
      (c) => c.rule.test(f.ruleId) && (c.resource.test(f.resource.id) || (f.resource.name !== undefined && c.resource.test(f.resource.name))),
    );
    for (const m of matches) m.matched++;
    const active = matches.find((m) => !m.expired);
    if (active) {
      suppressed++;
      const { reason, owner, expires } = active.waiver;
      return { ...f, status: 'suppressed' as const, waiver: { reason, owner, expires }, evidence: { ...f.evidence, waivedStatus: f.status } };
    }
    const expired = matches.find((m) => m.expired);
    if (expired) {
      const { rule, resource, reason, owner, expires } = expired.waiver;
      return { ...f, evidence: { ...f.evidence, expiredWaiver: { rule, resource, reason, owner, expires } } };
    }
    return f;
  });
  return {
    findings: out,
    report: {
      expired: compiled.filter((c) => c.expired).map((c) => ({ ...c.waiver, matched: c.matched })),
      unused: compiled.filter((c) => !c.expired && c.matched === 0).map((c) => c.waiver),
      suppressed,
    },
  };
}
