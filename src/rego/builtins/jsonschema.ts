// json.verify_schema and json.match_schema: JSON Schema drafts 4, 6 and 7 validated with ajv
// (ajv-draft-04 for draft 4). OPA uses gojsonschema, so ajv's errors are translated into its
// {error, type, field, desc} objects and its schema error texts where they are known.
import { createRequire } from 'node:module';
import { Ajv, type AnySchema, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { BigNum } from '../value/bignum.js';
import { RObject, RSet, type Value } from '../value/types.js';
import { BuiltinFailure, type BuiltinDecl } from './types.js';
import { builtin, T } from './lib-a/util.js';

const require = createRequire(import.meta.url);
const DRAFT_06_META = require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject;

const PRIMITIVE_TYPES = '[array boolean integer number null object string]';
const SCHEMA_CACHE_LIMIT = 64;

/** A Rego value as plain JSON for ajv (big numbers become JS numbers, sets arrays). */
function plainJSON(v: Value): unknown {
  if (v instanceof BigNum) return v.toNumber();
  if (Array.isArray(v)) return v.map(plainJSON);
  if (v instanceof RSet) return v.values().map(plainJSON);
  if (v instanceof RObject) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v.entries()) out[typeof k === 'string' ? k : JSON.stringify(plainJSON(k))] = plainJSON(x);
    return out;
  }
  return v;
}

/** OPA's astValueToJSONSchemaLoader: a JSON string, or an object/array value. */
function loadDocument(v: Value | undefined): unknown {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      throw new Error('invalid JSON string');
    }
  }
  if (v instanceof RObject || Array.isArray(v)) return plainJSON(v);
  throw new Error('wrong type, expected string or object');
}

/** One ajv instance per draft family; "$schema" picks it (draft 7 when absent). */
function newAjv(schema: unknown): Ajv {
  const declared = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>).$schema : undefined;
  const opts = { allErrors: true, strict: false, validateFormats: false, logger: false as const };
  if (typeof declared === 'string' && declared.includes('draft-04')) return new AjvDraft04.default(opts);
  const ajv = new Ajv(opts);
  if (typeof declared === 'string' && declared.includes('draft-06')) ajv.addMetaSchema(DRAFT_06_META);
  return ajv;
}

/** gojsonschema's text for the meta-schema failures OPA's tests show; ajv's wording otherwise. */
function schemaErrorText(schema: unknown, errors: ErrorObject[]): string {
  const badType = errors.find((e) => e.keyword === 'enum' && /\/type(\/\d+)?$/.test(e.instancePath));
  if (badType) {
    const given = pointerGet(schema, badType.instancePath);
    return `has a primitive type that is NOT VALID -- given: /${String(given)}/ Expected valid values are:${PRIMITIVE_TYPES}`;
  }
  return errors.map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`).join(', ');
}

function pointerGet(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

const compiled = new Map<string, ValidateFunction>();

/** Checks the schema against its meta-schema and compiles it (cached by schema text). */
function compileSchema(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema)))
    throw new Error('schema must be an object or a boolean');
  const ajv = newAjv(schema);
  if (!ajv.validateSchema(schema)) throw new Error(schemaErrorText(schema, ajv.errors ?? []));
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as AnySchema);
  } catch (e) {
    throw new Error(e instanceof Error ? e.message : String(e));
  }
  if (compiled.size >= SCHEMA_CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, validate);
  return validate;
}

/** gojsonschema's Field(): the instance path with "." separators, "(root)" for the document. */
function fieldOf(instancePath: string): string {
  if (instancePath === '') return '(root)';
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeList(t: unknown): string {
  return Array.isArray(t) ? `[${t.join(',')}]` : String(t);
}

/** [type, description] of one ajv error in gojsonschema's vocabulary. */
function describe(e: ErrorObject, field: string, document: unknown): [string, string] {
  const p = e.params as Record<string, unknown>;
  const value = pointerGet(document, e.instancePath);
  switch (e.keyword) {
    case 'type':
      return ['invalid_type', `Invalid type. Expected: ${typeList(p.type)}, given: ${jsonTypeOf(value)}`];
    case 'required':
      return ['required', `${String(p.missingProperty)} is required`];
    case 'enum':
    {
      const allowed = ((p.allowedValues as unknown[]) ?? []).map((x) => JSON.stringify(x)).join(', ');
      return ['enum', `${field} must be one of the following: ${allowed === '' ? '(none)' : allowed}`];
    }
    case 'const':
      return ['const', `${field} does not match: ${JSON.stringify(p.allowedValue)}`];
    case 'additionalProperties':
      return ['additional_property_not_allowed', `Additional property ${String(p.additionalProperty)} is not allowed`];
    case 'additionalItems':
      return ['array_no_additional_items', 'No additional items allowed on array'];
    case 'minItems':
      return ['array_min_items', `Array must have at least ${String(p.limit)} items`];
    case 'maxItems':
      return ['array_max_items', `Array must have at most ${String(p.limit)} items`];
    case 'uniqueItems':
      return ['unique', `${jsonTypeOf(value)} items[${String(p.j)},${String(p.i)}] must be unique`];
    case 'contains':
      return ['contains', 'At least one of the items must match'];
    case 'minProperties':
      return ['array_min_properties', `Must have at least ${String(p.limit)} properties`];
    case 'maxProperties':
      return ['array_max_properties', `Must have at most ${String(p.limit)} properties`];
    case 'propertyNames':
      return ['invalid_property_name', `Property name of "${String(p.propertyName)}" does not match`];
    case 'minLength':
      return ['string_gte', `String length must be greater than or equal to ${String(p.limit)}`];
    case 'maxLength':
      return ['string_lte', `String length must be less than or equal to ${String(p.limit)}`];
    case 'pattern':
      return ['pattern', `Does not match pattern '${String(p.pattern)}'`];
    case 'format':
      return ['format', `Does not match format '${String(p.format)}'`];
    case 'multipleOf':
      return ['multiple_of', `Must be a multiple of ${String(p.multipleOf)}`];
    case 'minimum':
    case 'exclusiveMinimum':
      return p.comparison === '>' ? ['number_gt', `Must be greater than ${String(p.limit)}`] : ['number_gte', `Must be greater than or equal to ${String(p.limit)}`];
    case 'maximum':
    case 'exclusiveMaximum':
      return p.comparison === '<' ? ['number_lt', `Must be less than ${String(p.limit)}`] : ['number_lte', `Must be less than or equal to ${String(p.limit)}`];
    case 'anyOf':
      return ['number_any_of', 'Must validate at least one schema (anyOf)'];
    case 'oneOf':
      return ['number_one_of', 'Must validate one and only one schema (oneOf)'];
    case 'allOf':
      return ['number_all_of', 'Must validate all the schemas (allOf)'];
    case 'not':
      return ['number_not', 'Must not validate the schema (not)'];
    case 'dependencies':
      return ['missing_dependency', `Has a dependency on ${String(p.missingProperty)}`];
    case 'if':
      return p.failingKeyword === 'else'
        ? ['condition_else', 'Must validate "else" as "if" was not valid']
        : ['condition_then', 'Must validate "then" as "if" was valid'];
    case 'false schema':
      return ['false', 'False always fails validation'];
    default:
      return [e.keyword, e.message ?? 'is invalid'];
  }
}

function errorObject(e: ErrorObject, document: unknown): RObject {
  const field = fieldOf(e.instancePath);
  const [type, desc] = describe(e, field, document);
  const o = new RObject();
  o.set('error', `${field}: ${desc}`);
  o.set('type', type);
  o.set('field', field);
  o.set('desc', desc);
  return o;
}

/**
 * gojsonschema reports a failed anyOf/oneOf before the errors of the closest branch only, and a
 * failed if/then/else before the then/else errors; ajv lists every branch first. Reorder to match.
 */
function gojsonschemaOrder(errors: ErrorObject[]): ErrorObject[] {
  let list = [...errors];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if') continue;
    const failing = (e.params as { failingKeyword?: string }).failingKeyword ?? 'then';
    const base = e.keyword === 'if' ? `${e.schemaPath.slice(0, -'/if'.length)}/${failing}` : e.schemaPath;
    const inBranch = (x: ErrorObject): boolean => x !== e && x.schemaPath.startsWith(base + '/');
    let keep = list.filter(inBranch);
    if (e.keyword !== 'if') {
      const byBranch = new Map<string, ErrorObject[]>();
      for (const x of keep) {
        const branch = x.schemaPath.slice(base.length + 1).split('/')[0]!;
        byBranch.set(branch, [...(byBranch.get(branch) ?? []), x]);
      }
      keep = [...byBranch.values()].reduce<ErrorObject[] | undefined>((best, g) => (!best || g.length < best.length ? g : best), undefined) ?? [];
    }
    const at = list.findIndex((x) => x === e || inBranch(x));
    const rest = list.filter((x) => x !== e && !inBranch(x));
    rest.splice(at, 0, e, ...keep);
    list = rest;
  }
  return list;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function verifySchema([schema]: Value[]): Value {
  try {
    compileSchema(loadDocument(schema));
    return [true, null];
  } catch (e) {
    return [false, `jsonschema: ${message(e)}`];
  }
}

function matchSchema([document, schema]: Value[]): Value {
  let doc: unknown;
  let validate: ValidateFunction;
  try {
    doc = loadDocument(document);
    validate = compileSchema(loadDocument(schema));
  } catch (e) {
    throw new BuiltinFailure(message(e));
  }
  if (validate(doc)) return [true, []];
  return [false, gojsonschemaOrder(validate.errors ?? []).map((e) => errorObject(e, doc))];
}

const stringOrObject = T.anyOf(T.str, T.obj(T.str, T.any));

export const jsonSchemaBuiltins: BuiltinDecl[] = [
  builtin('json.verify_schema', 'object', [['schema', stringOrObject]], T.tuple(T.bool, T.anyOf(T.null, T.str)), verifySchema),
  builtin(
    'json.match_schema',
    'object',
    [['document', stringOrObject], ['schema', stringOrObject]],
    T.tuple(T.bool, T.arr(T.obj(T.str, T.any))),
    matchSchema,
  ),
];
