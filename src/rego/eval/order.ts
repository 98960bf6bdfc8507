// Where iteration order is observable. Rules walk sets unsorted (see Evaluator.ordered); print
// output would show that order, so a program that can print keeps OPA's sorted order throughout.
import type { Body, Module, Term } from '../ast/types.js';
import { walkBody, walkModule, type AstVisitor } from '../ast/walk.js';

function printFinder(found: { yes: boolean }): AstVisitor {
  return {
    term: (t: Term): boolean => {
      // `print(…)`, and a bare `print` as in a `with f as print` mock.
      if (t.type === 'var' && t.name === 'print') found.yes = true;
      else if (t.type === 'ref' && t.terms.length === 2) {
        const [a, b] = t.terms;
        if (a?.type === 'var' && a.name === 'internal' && b?.type === 'string' && b.value === 'print') found.yes = true;
      }
      return !found.yes;
    },
  };
}

/** True when some module or the query may call print (directly, or through a `with` mock). */
export function mayPrint(modules: readonly Module[], query: Body): boolean {
  const found = { yes: false };
  const v = printFinder(found);
  walkBody(query, v);
  for (const m of modules) {
    if (found.yes) break;
    walkModule(m, v);
  }
  return found.yes;
}
