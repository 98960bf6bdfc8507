// The builtin table: every builtin keywarden's Rego knows, by name. Family files own their entries;
// capabilities JSON and builtin docs are generated from this table.
import type { BuiltinDecl } from './types.js';
import { aggregatesBuiltins } from './aggregates.js';
import { arraysBuiltins } from './arrays.js';
import { awsSignBuiltins } from './aws-sign.js';
import { bitsBuiltins } from './bits.js';
import { comparisonBuiltins } from './comparison.js';
import { cryptoBuiltins } from './crypto.js';
import { encodingBuiltins } from './encoding.js';
import { globBuiltins } from './glob.js';
import { graphBuiltins } from './graph.js';
import { httpBuiltins } from './http.js';
import { internalBuiltins } from './internal.js';
import { jsonSchemaBuiltins } from './jsonschema.js';
import { jwtBuiltins } from './jwt.js';
import { netBuiltins } from './net.js';
import { numbersBuiltins } from './numbers.js';
import { objectsBuiltins } from './objects.js';
import { regexBuiltins } from './regex.js';
import { semverBuiltins } from './semver.js';
import { setsBuiltins } from './sets.js';
import { sprintfBuiltins } from './sprintf.js';
import { stringsBuiltins } from './strings.js';
import { templateBuiltins } from './template.js';
import { timeBuiltins } from './time.js';
import { typecheckBuiltins } from './typecheck.js';
import { unitsBuiltins } from './units.js';
import { uuidBuiltins } from './uuid.js';

const families: BuiltinDecl[][] = [
  aggregatesBuiltins,
  arraysBuiltins,
  awsSignBuiltins,
  bitsBuiltins,
  comparisonBuiltins,
  cryptoBuiltins,
  encodingBuiltins,
  globBuiltins,
  graphBuiltins,
  httpBuiltins,
  internalBuiltins,
  jsonSchemaBuiltins,
  jwtBuiltins,
  netBuiltins,
  numbersBuiltins,
  objectsBuiltins,
  regexBuiltins,
  semverBuiltins,
  setsBuiltins,
  sprintfBuiltins,
  stringsBuiltins,
  templateBuiltins,
  timeBuiltins,
  typecheckBuiltins,
  unitsBuiltins,
  uuidBuiltins,
];

/** Builds a name -> declaration map, refusing duplicate names (a family bug). */
export function buildTable(extra: readonly BuiltinDecl[] = []): Map<string, BuiltinDecl> {
  const table = new Map<string, BuiltinDecl>();
  for (const decl of [...families.flat(), ...extra]) {
    if (table.has(decl.name) && !extra.includes(decl)) throw new Error(`duplicate builtin: ${decl.name}`);
    table.set(decl.name, decl);
  }
  return table;
}

export const BUILTINS: ReadonlyMap<string, BuiltinDecl> = buildTable();
