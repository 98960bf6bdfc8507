// The optional OPA conformance categories (io.jwt.*, providers.aws.sign_req, json schema,
// http.send argument checks), run through the real evaluator (test/conformance/runner.ts).
// Prints per-category pass counts; skipped when ../shared/rego-conformance is absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../conformance/runner.js';

const suiteRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/rego-conformance');
const present = existsSync(join(suiteRoot, 'cases'));

/** Optional categories and the number of cases each must pass at least. */
export const OPTIONAL_MINIMUM: Record<string, number> = {
  jwtbuiltins: 12,
  jwtdecodeverify: 47,
  jwtencodesign: 6,
  jwtencodesignheadererrors: 5,
  jwtencodesignpayloaderrors: 3,
  jwtencodesignraw: 6,
  jwtverifyeddsa: 1,
  jwtverifyhs256: 3,
  jwtverifyhs384: 3,
  jwtverifyhs512: 3,
  jwtverifyrsa: 39,
  'providers-aws': 18,
  invalidkeyerror: 2,
  jsonschema: 9,
};

describe('OPA conformance, optional categories', () => {
  it.skipIf(!present)('passes the optional categories', () => {
    const category = (id: string): string => id.split('/')[1] ?? '';
    const outcomes = runSuite(suiteRoot, (id) => category(id) in OPTIONAL_MINIMUM);
    const counts = new Map<string, { pass: number; total: number }>();
    for (const o of outcomes) {
      const c = counts.get(category(o.id)) ?? { pass: 0, total: 0 };
      c.total++;
      if (o.pass) c.pass++;
      else console.log(`FAIL ${o.id} ${o.note}: ${o.reason}`);
      counts.set(category(o.id), c);
    }
    const summary = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => `${k} ${c.pass}/${c.total}`);
    console.log(`optional categories: ${summary.join(', ')}`);
    for (const [name, minimum] of Object.entries(OPTIONAL_MINIMUM)) {
      expect(counts.get(name)?.pass ?? 0, name).toBeGreaterThanOrEqual(minimum);
    }
  });
});
