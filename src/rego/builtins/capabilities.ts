// OPA-style capabilities JSON generated from the builtin table, so tools that read OPA's
// `capabilities.json` (opa build --capabilities, Regal, editors) can be pointed at keywarden's Rego.
import type { BuiltinDecl, RType } from './types.js';
import { BUILTINS } from './table.js';
import { isRelation } from './lib-a/util.js';

export type JSONType = { [key: string]: JSONType } | JSONType[] | string | boolean | number;

export interface CapabilitiesOptions {
  /** Future keywords the parser accepts (OPA lists them for v0 compatibility). */
  futureKeywords?: string[];
  /** Language features (OPA names such as `rego_v1`, `keywords_in_refs`). */
  features?: string[];
}

/** OPA's JSON form of a type (v1/types marshalling), with keys in alphabetical order like OPA's file. */
export function typeToJSON(t: RType): JSONType {
  switch (t.kind) {
    case 'any':
      return t.of && t.of.length > 0 ? { of: t.of.map(typeToJSON), type: 'any' } : { type: 'any' };
    case 'array': {
      const out: { [key: string]: JSONType } = {};
      if (t.of || !t.static) out.dynamic = typeToJSON(t.of ?? { kind: 'any' });
      if (t.static) out.static = t.static.map(typeToJSON);
      out.type = 'array';
      return out;
    }
    case 'set':
      return { of: typeToJSON(t.of ?? { kind: 'any' }), type: 'set' };
    case 'object':
      return {
        dynamic: { key: typeToJSON(t.key ?? { kind: 'any' }), value: typeToJSON(t.value ?? { kind: 'any' }) },
        type: 'object',
      };
    default:
      return { type: t.kind };
  }
}

export function declToJSON(decl: BuiltinDecl): { [key: string]: JSONType } {
  const fn: { [key: string]: JSONType } = {};
  if (decl.variadic) {
    fn.type = 'function';
    fn.variadic = typeToJSON(decl.args[0]?.type ?? { kind: 'any' });
  } else {
    fn.args = decl.args.map((a) => typeToJSON(a.type));
    fn.result = typeToJSON(decl.result.type);
    fn.type = 'function';
  }
  const entry: { [key: string]: JSONType } = { decl: fn };
  if (decl.infix) entry.infix = decl.infix;
  entry.name = decl.name;
  if (decl.nondeterministic) entry.nondeterministic = true;
  if (isRelation(decl)) entry.relation = true;
  return entry;
}

/** The capabilities document for a builtin table (every family registered in table.ts by default). */
export function capabilities(
  table: ReadonlyMap<string, BuiltinDecl> = BUILTINS,
  options: CapabilitiesOptions = {},
): { [key: string]: JSONType } {
  const builtins = [...table.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(declToJSON);
  return {
    builtins,
    features: [...(options.features ?? ['keywords_in_refs', 'rego_v1'])].sort(),
    future_keywords: [...(options.futureKeywords ?? ['contains', 'every', 'if', 'in'])].sort(),
    wasm_abi_versions: [],
  };
}

/** capabilities() as indented JSON text, like OPA's capabilities/*.json files. */
export function capabilitiesJSON(table: ReadonlyMap<string, BuiltinDecl> = BUILTINS, options: CapabilitiesOptions = {}): string {
  return JSON.stringify(capabilities(table, options), null, 2) + '\n';
}
