// The parser over every module of the shared conformance cases: all parse, every node has a
// location, and parse → print → parse gives the same AST (a property test over ~2,500 modules).
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../../../src/rego/parser/index.js';
import { printModule } from '../../../../src/rego/ast/print.js';
import { walkModule } from '../../../../src/rego/ast/walk.js';
import type { Module } from '../../../../src/rego/ast/types.js';
import { CONFORMANCE_DIR, conformanceModules } from './conformance-helpers.js';
import { stripAst } from './ast-strip.js';

const modules = conformanceModules();
const parsed: { id: string; module: Module }[] = [];

describe.skipIf(!modules)(`parser on ${CONFORMANCE_DIR}/cases and cases-later`, () => {
  it('parses every module (with the experimental `not { ... }` bodies of cases-later/negation)', () => {
    const failures: string[] = [];
    const started = performance.now();
    for (const m of modules ?? []) {
      try {
        parsed.push({ id: m.id, module: parseModule(m.source, 'test-0.rego') });
      } catch (e) {
        failures.push(`${m.id}: ${(e as Error).message}`);
      }
    }
    const ms = performance.now() - started;
    console.log(`parsed ${parsed.length} conformance modules in ${ms.toFixed(0)} ms, ${failures.length} failures`);
    if (failures.length > 0) console.log(failures.slice(0, 40).join('\n'));
    expect(failures).toEqual([]);
  });

  it('puts a location on every term, expression and rule', () => {
    const missing: string[] = [];
    const check = (what: string, node: { loc?: { row: number; col: number } }, id: string) => {
      if (!node.loc || node.loc.row < 1 || node.loc.col < 1) missing.push(`${id}: ${what} ${JSON.stringify(stripAst(node)).slice(0, 80)}`);
    };
    for (const { id, module } of parsed) {
      check('package', module.package, id);
      for (const imp of module.imports) check('import', imp, id);
      walkModule(module, {
        term: (t) => check('term', t, id),
        expr: (e) => check('expr', e, id),
        with: (w) => check('with', w, id),
        rule: (r) => {
          check('rule', r, id);
          check('head', r.head, id);
          expect(r.module).toBe(module);
        },
      });
    }
    expect(missing.slice(0, 10)).toEqual([]);
  });

  it('parse → print → parse gives the same AST', () => {
    const failures: string[] = [];
    for (const { id, module } of parsed) {
      const printed = printModule(module);
      try {
        const again = parseModule(printed, 'b.rego');
        const [a, b] = [stripAst(module), stripAst(again)];
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(b).toEqual(a);
      } catch (e) {
        failures.push(`${id}: ${(e as Error).message.split('\n').slice(0, 12).join('\n')}\n--- printed:\n${printed}`);
      }
    }
    console.log(`round-tripped ${parsed.length - failures.length} modules, ${failures.length} failures`);
    if (failures.length > 0) console.log(failures.slice(0, 5).join('\n\n'));
    expect(failures.length).toBe(0);
  });
});

if (!modules) {
  describe('parser on the conformance modules', () => {
    it.skip(`skipped: ${CONFORMANCE_DIR} is absent`, () => {});
  });
}
