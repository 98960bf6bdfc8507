// Shared by the demo-expectation tests: the demo estate, its expectations, and the policy engine run
// over it at the demo's anchor time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Finding, Inventory, RuleMeta } from '../../../src/core/model.js';
import { createInterpreterBackend } from '../../../src/engine/backends/interpreter.js';
import { PolicyEngine } from '../../../src/engine/engine.js';
import { loadPolicyModules } from '../../../src/engine/loader.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const DEMO = join(ROOT, 'examples', 'demo');

export interface Expectation {
  id: string;
  provider: string;
  name: string;
  violations: string[];
  unknown?: string[];
  traps: string[];
}

export const expectations = JSON.parse(readFileSync(join(DEMO, 'expectations.json'), 'utf8')) as { anchor: string; keys: Expectation[] };
export const inventory = JSON.parse(readFileSync(join(DEMO, 'inventory.json'), 'utf8')) as Inventory;

/** Evaluates the policies of the given folders under policies/ (all of it by default) on the demo inventory. */
export async function evaluateDemo(folders?: readonly string[]): Promise<{ findings: Finding[]; rules: RuleMeta[] }> {
  const dirs = folders
    ? folders.map((d) => ({ dir: join(ROOT, 'policies', d), builtin: true, label: d }))
    : [{ dir: join(ROOT, 'policies'), builtin: true, label: 'policies' }];
  const engine = await PolicyEngine.load(loadPolicyModules(dirs), (sources) => createInterpreterBackend(sources, {}));
  const now = new Date(expectations.anchor);
  const result = await engine.evaluate({ ...inventory, now: now.toISOString() }, { now });
  expect(result.gaps).toEqual([]);
  return { findings: result.findings, rules: result.rules };
}
