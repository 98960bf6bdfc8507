// The PolicyEngine facade: loads built-in and user policies, reads their METADATA into RuleMeta,
// evaluates every result rule over the inventory with `now` injected, and maps results to Findings.
// Evaluation errors become gaps plus an `unknown` finding: a policy that could not run never passes.
import { RegoError } from '../rego/errors.js';
import { ToolError } from '../core/errors.js';
import { fingerprint } from '../core/fingerprint.js';
import type { Finding, Gap, Provider, RuleMeta } from '../core/model.js';
import type { EngineBackend } from './backends/types.js';
import type { PolicyModule } from './loader.js';
import { MetadataError, readModuleInfo, toRuleMeta, type ModuleInfo } from './metadata.js';
import { ResourceIndex } from './resources.js';
import { elementsOf, toFinding } from './results.js';

export interface PolicyInput {
  keys: import('../core/model.js').KeyRecord[];
  containers: import('../core/model.js').KeyContainer[];
  logging: import('../core/model.js').LoggingConfig[];
  [extra: string]: unknown;
}

export interface PolicyEvaluation {
  findings: Finding[];
  gaps: Gap[];
  rules: RuleMeta[];
  evaluated: number;
  notApplicable: number;
  unknown: number;
}

interface LoadedPolicy {
  info: ModuleInfo;
  meta: RuleMeta;
  ruleMetas: Map<string, RuleMeta>;
}

export type BackendFactory = (modules: Record<string, string>) => Promise<EngineBackend>;

export class PolicyEngine {
  private constructor(
    private readonly backend: EngineBackend,
    private readonly policies: LoadedPolicy[],
  ) {}

  get backendName(): EngineBackend['name'] {
    return this.backend.name;
  }

  /** Parse metadata and compile. Compile and metadata errors are tool errors with file and line. */
  static async load(modules: readonly PolicyModule[], makeBackend: BackendFactory): Promise<PolicyEngine> {
    const policies: LoadedPolicy[] = [];
    for (const m of modules) {
      let info: ModuleInfo;
      try {
        info = readModuleInfo(m.path, m.source);
      } catch (e) {
        if (e instanceof MetadataError) throw new ToolError('policy-load', e.message);
        throw e;
      }
      if (info.resultRules.length === 0) continue; // helper library module
      const meta = toRuleMeta(info);
      const ruleMetas = new Map(info.resultRules.map((r) => [r, toRuleMeta(info, r)]));
      policies.push({ info, meta, ruleMetas });
    }
    const ids = new Map<string, string>();
    for (const p of policies) {
      for (const m of p.ruleMetas.values()) {
        const other = ids.get(m.id);
        if (other && other !== p.info.packagePath) {
          throw new ToolError('policy-load', `policy id "${m.id}" is used by two packages: ${other} and ${p.info.packagePath}`, {
            actions: ['Give each policy its own `custom.id` in its METADATA block.'],
          });
        }
        ids.set(m.id, p.info.packagePath);
      }
    }
    let backend: EngineBackend;
    try {
      backend = await makeBackend(Object.fromEntries(modules.map((m) => [m.path, m.source])));
    } catch (e) {
      if (e instanceof RegoError) throw new ToolError('policy-load', e.message, { cause: e });
      throw e;
    }
    return new PolicyEngine(backend, policies.sort((a, b) => a.meta.id.localeCompare(b.meta.id)));
  }

  /** Every RuleMeta the loaded policies declare (rule-level ids included), sorted by id. */
  rules(): RuleMeta[] {
    const byId = new Map<string, RuleMeta>();
    for (const p of this.policies) for (const m of p.ruleMetas.values()) if (!byId.has(m.id)) byId.set(m.id, m);
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  private exceptions(pkg: string, input: PolicyInput, opts: { now: Date; timeoutMs: number }): Promise<Set<string>> {
    return readExceptions(this.backend, pkg, input, opts.now, opts.timeoutMs);
  }

  /** `timeoutMs`: wall-clock budget per rule; default `ruleBudgetMs(input)`. A rule over budget is a gap and unknown. */
  async evaluate(input: PolicyInput, options: { now: Date; timeoutMs?: number }): Promise<PolicyEvaluation> {
    try {
      return await this.evaluateRules(input, options);
    } finally {
      this.backend.release?.();
    }
  }

  private async evaluateRules(input: PolicyInput, options: { now: Date; timeoutMs?: number }): Promise<PolicyEvaluation> {
    const opts = { now: options.now, timeoutMs: options.timeoutMs ?? ruleBudgetMs(input) };
    const index = new ResourceIndex(input);
    const present = new Set<Provider>(index.providers);
    const out: PolicyEvaluation = { findings: [], gaps: [], rules: this.rules(), evaluated: 0, notApplicable: 0, unknown: 0 };
    for (const p of this.policies) {
      if (p.meta.providers && p.meta.providers.length > 0 && !p.meta.providers.some((x) => present.has(x))) {
        out.notApplicable++;
        continue;
      }
      out.evaluated++;
      // A policy is the package; its result rules (deny, warn_x, ...) are evaluated one by one.
      let policyUnknown = false;
      const exempt = p.info.hasExceptions ? await this.exceptions(p.info.packagePath, input, opts) : new Set<string>();
      for (const ruleName of p.info.resultRules) {
        const meta = p.ruleMetas.get(ruleName) ?? p.meta;
        let result: { defined: boolean; value?: unknown };
        try {
          result = await this.backend.evaluateRule(p.info.packagePath, ruleName, { input, now: opts.now, timeoutMs: opts.timeoutMs });
        } catch (e) {
          policyUnknown = true;
          const code = e instanceof RegoError ? e.code : 'PolicyError';
          const message = `${p.info.path}: ${ruleName}: ${(e as Error).message}`;
          out.gaps.push({ source: 'policy-engine', scope: `policy:${meta.id}`, code, message, retryable: false });
          out.findings.push(unknownPolicyFinding(meta, message, p.meta.providers?.[0] ?? index.providers[0] ?? 'aws'));
          continue;
        }
        if (!result.defined) continue;
        for (const el of elementsOf(result.value, ruleName)) {
          const f = toFinding(el, { meta, ruleName, index, providers: meta.providers ?? [] });
          if ('error' in f) {
            out.gaps.push({ source: 'policy-engine', scope: `policy:${meta.id}`, code: 'BadResult', message: `${p.info.path}: ${f.error}`, retryable: false });
            continue;
          }
          if (f.status === 'unknown') policyUnknown = true;
          const suffix = /^(?:deny|violation)_(.+)$/.exec(ruleName)?.[1];
          // conftest exceptions: reviewable suppressions written in Rego; the finding stays visible.
          if (suffix && exempt.has(suffix)) {
            out.findings.push({ ...f, status: 'suppressed', waiver: { reason: `exception rule in package ${p.info.packagePath} exempts ${ruleName}` }, evidence: { ...f.evidence, waivedStatus: f.status } });
            continue;
          }
          out.findings.push(f);
        }
      }
      if (policyUnknown) out.unknown++;
    }
    out.findings = dedupe(out.findings);
    return out;
  }
}

/**
 * Wall-clock budget for one rule: 30 s, plus 1 ms per key and container, so that a large estate
 * (100,000 keys: 130 s) on a busy CI runner is not cut short while a runaway rule still stops.
 */
export function ruleBudgetMs(input: PolicyInput): number {
  const size = input.keys.length + input.containers.length;
  return 30_000 + size;
}

/** Rule suffixes named by a package's `exception` rule (a set of strings or of string lists). */
async function readExceptions(backend: EngineBackend, pkg: string, input: unknown, now: Date, timeoutMs: number): Promise<Set<string>> {
  const r = await backend.evaluateRule(pkg, 'exception', { input, now, timeoutMs });
  const out = new Set<string>();
  if (!r.defined || !Array.isArray(r.value)) return out;
  for (const v of r.value) for (const s of Array.isArray(v) ? v : [v]) if (typeof s === 'string') out.add(s);
  return out;
}

function unknownPolicyFinding(meta: RuleMeta, reason: string, provider: Provider): Finding {
  const id = `policy:${meta.id}`;
  return {
    ruleId: meta.id,
    kind: 'policy',
    severity: meta.severity,
    status: 'unknown',
    message: `${meta.title}: the policy could not be evaluated`,
    resource: { provider, account: '', id, type: 'policy' },
    evidence: {},
    reason,
    fingerprint: fingerprint(meta.id, provider, id),
  };
}

/** One finding per (rule, resource): a fail wins over unknown; further messages are kept as evidence. */
function dedupe(findings: Finding[]): Finding[] {
  const byFp = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byFp.get(f.fingerprint);
    if (!prev) {
      byFp.set(f.fingerprint, f);
      continue;
    }
    const [keep, drop] = prev.status === 'unknown' && f.status === 'fail' ? [f, prev] : [prev, f];
    const more = (keep.evidence.otherMessages as string[] | undefined) ?? [];
    if (drop.message !== keep.message && !more.includes(drop.message)) keep.evidence = { ...keep.evidence, otherMessages: [...more, drop.message].sort() };
    byFp.set(f.fingerprint, keep);
  }
  return [...byFp.values()];
}
