// The OPA conformance categories of builtin family A, run through the real evaluator
// (test/conformance/runner.ts). Skipped when ../shared/rego-conformance is absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../conformance/runner.js';

const suiteRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/rego-conformance');
const present = existsSync(join(suiteRoot, 'cases'));

/** Categories whose builtins family A owns. */
export const FAMILY_A = new Set(
  (
    'aggregates arithmetic array base64builtins base64urlbuiltins bitsand bitsnegate bitsor bitsshiftleft ' +
    'bitsshiftright bitsxor casts comparisonexpr cryptohmacequal cryptohmacmd5 cryptohmacsha1 cryptohmacsha256 ' +
    'cryptohmacsha512 cryptomd5 cryptosha1 cryptosha256 hexbuiltins intersection jsonbuiltins jsonfilter ' +
    'jsonfilteridempotent jsonpatch jsonremove jsonremoveidempotent numbersrange numbersrangestep objectfilter ' +
    'objectfilteridempotent objectfilternonstringkey objectget objectkeys objectremove objectremoveidempotent ' +
    'objectremovenonstringkey objectunion objectunionn rand reachable semvercompare semverisvalid sets subset type ' +
    'typebuiltin typenamebuiltin union units urlbuiltins uuid walkbuiltin'
  ).split(' '),
);

describe('OPA conformance, builtin family A', () => {
  it.skipIf(!present)('passes the family-A categories', () => {
    const outcomes = runSuite(suiteRoot, (id) => FAMILY_A.has(id.split('/')[1] ?? ''));
    const failed = outcomes.filter((o) => !o.pass);
    for (const o of failed) console.log(`FAIL ${o.id} ${o.note}: ${o.reason}`);
    console.log(`family A: ${outcomes.length - failed.length}/${outcomes.length} cases pass`);
    expect(outcomes.length).toBeGreaterThan(300);
    expect(failed.map((o) => `${o.id}: ${o.reason}`)).toEqual([]);
  });
});
