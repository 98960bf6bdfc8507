import { describe, expect, it } from 'vitest';
import { parseModule } from '../../../../src/rego/parser/index.js';
import { CONFORMANCE_DIR, conformanceModules } from './conformance-helpers.js';

const modules = conformanceModules();

describe('parser on the conformance modules', () => {
  it.skipIf(!modules)(`parses every module of ${CONFORMANCE_DIR}/cases and cases-later`, () => {
    const failures: string[] = [];
    let parsed = 0;
    const started = performance.now();
    for (const m of modules ?? []) {
      if (m.experimental) continue;
      try {
        parseModule(m.source, 'test-0.rego');
        parsed++;
      } catch (e) {
        failures.push(`${m.id}: ${(e as Error).message}`);
      }
    }
    const ms = performance.now() - started;
    console.log(`parsed ${parsed} conformance modules in ${ms.toFixed(0)} ms, ${failures.length} failures`);
    if (failures.length > 0) console.log(failures.slice(0, 40).join('\n'));
    expect(failures).toEqual([]);
  });
  if (!modules) it.skip(`skipped: ${CONFORMANCE_DIR} is absent`, () => {});
});
