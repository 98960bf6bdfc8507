// Every policy's <id>.examples.yaml, evaluated through the policy engine (the same path as a scan):
// `good` inventories give no finding for the policy, `bad` ones give a finding with the listed status.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../../src/core/model.js';
import { createInterpreterBackend } from '../../../src/engine/backends/interpreter.js';
import { PolicyEngine, type PolicyInput } from '../../../src/engine/engine.js';
import { loadPolicyModules } from '../../../src/engine/loader.js';

const POLICIES = join(import.meta.dirname, '..', '..', '..', 'policies');

interface Case {
  name: string;
  status?: 'fail' | 'unknown';
  input: { keys?: Record<string, unknown>[]; containers?: Record<string, unknown>[]; logging?: Record<string, unknown>[]; [k: string]: unknown };
}
interface Examples {
  now: string;
  data?: Record<string, unknown>;
  good: Case[];
  bad: Case[];
}

function exampleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...exampleFiles(p));
    else if (e.name.endsWith('.examples.yaml')) out.push(p);
  }
  return out.sort();
}

/** Examples stay short: fill in the ResourceRef every inventory record carries. */
function withRef(r: Record<string, unknown>, type: string): Record<string, unknown> {
  if (r.ref) return r;
  const ref: Record<string, unknown> = { provider: r.provider, account: r.account ?? '', type, id: r.id };
  if (r.region !== undefined) ref.region = r.region;
  if (r.name !== undefined) ref.name = r.name;
  return { account: '', ...r, ref };
}

const engines = new Map<string, Promise<PolicyEngine>>();

/** One engine per examples file (the policy plus policies/lib, with the file's thresholds). */
function engineFor(policyFile: string, ex: Examples): Promise<PolicyEngine> {
  let engine = engines.get(policyFile);
  if (!engine) {
    const modules = loadPolicyModules([
      { dir: join(POLICIES, 'lib'), builtin: true, label: 'lib' },
      { dir: policyFile, builtin: true, label: 'policy' },
    ]);
    const data = ex.data ? { keywarden: { thresholds: ex.data } } : {};
    engine = PolicyEngine.load(modules, (sources) => createInterpreterBackend(sources, data));
    engines.set(policyFile, engine);
  }
  return engine;
}

async function evaluate(policyFile: string, ex: Examples, c: Case): Promise<Finding[]> {
  const engine = await engineFor(policyFile, ex);
  // Examples are partial records; the engine reads only what the policies read.
  const input = {
    ...c.input,
    keys: (c.input.keys ?? []).map((k) => withRef(k, 'key')),
    containers: (c.input.containers ?? []).map((k) => withRef(k, 'container')),
    logging: (c.input.logging ?? []).map((k) => withRef(k, 'logging')),
    now: ex.now,
  } as unknown as PolicyInput;
  const result = await engine.evaluate(input, { now: new Date(ex.now) });
  expect(result.gaps).toEqual([]);
  return result.findings;
}

describe('policy examples', () => {
  for (const file of exampleFiles(POLICIES)) {
    const ex = parseYaml(readFileSync(file, 'utf8')) as Examples;
    const policyFile = file.replace(/\.examples\.yaml$/, '.rego');
    const id = relative(POLICIES, policyFile).split('/').pop()!.replace(/\.rego$/, '').replaceAll('_', '-');
    for (const c of ex.good) {
      it(`${id}: good: ${c.name}`, async () => {
        const findings = (await evaluate(policyFile, ex, c)).filter((f) => f.ruleId === id);
        expect(findings.map((f) => `${f.status}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of ex.bad) {
      it(`${id}: bad: ${c.name}`, async () => {
        const findings = (await evaluate(policyFile, ex, c)).filter((f) => f.ruleId === id);
        expect(findings.map((f) => f.status)).toContain(c.status ?? 'fail');
      });
    }
  }
});
