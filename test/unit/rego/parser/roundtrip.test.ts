import { describe, expect, it } from 'vitest';
import { parseModule } from '../../../../src/rego/parser/index.js';
import { printModule } from '../../../../src/rego/ast/print.js';
import { CONFORMANCE_DIR, conformanceModules } from './conformance-helpers.js';
import { stripAst } from './ast-strip.js';

const modules = conformanceModules();

describe('parse → print → parse', () => {
  it.skipIf(!modules)('gives the same AST for every conformance module', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const m of modules ?? []) {
      if (m.experimental) continue;
      const first = parseModule(m.source, 'a.rego');
      const printed = printModule(first);
      try {
        const second = parseModule(printed, 'b.rego');
        const [a, b] = [stripAst(first), stripAst(second)];
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(b).toEqual(a);
        checked++;
      } catch (e) {
        failures.push(`${m.id}: ${(e as Error).message.split('\n').slice(0, 12).join('\n')}\n--- printed:\n${printed}`);
      }
    }
    console.log(`round-tripped ${checked} modules, ${failures.length} failures`);
    if (failures.length > 0) console.log(failures.slice(0, 5).join('\n\n'));
    expect(failures.length).toBe(0);
  });
  if (!modules) it.skip(`skipped: ${CONFORMANCE_DIR} is absent`, () => {});
});
