// json.verify_schema / json.match_schema: drafts 4, 6 and 7, gojsonschema-shaped error objects and
// OPA's error handling for bad documents and schemas.
import { describe, expect, it } from 'vitest';
import { jsonSchemaBuiltins } from '../../../../src/rego/builtins/jsonschema.js';
import { fromJS, RObject, type Value } from '../../../../src/rego/value/index.js';
import { call } from './helpers.js';

const match = (doc: unknown, schema: unknown): Value[] =>
  call(jsonSchemaBuiltins, 'json.match_schema', [typeof doc === 'string' ? doc : fromJS(doc), typeof schema === 'string' ? schema : fromJS(schema)]) as Value[];
const errorsOf = (doc: unknown, schema: unknown): Record<string, unknown>[] =>
  (match(doc, schema)[1] as RObject[]).map((o) => Object.fromEntries(o.entries().map(([k, v]) => [k as string, v])));

describe('json.verify_schema', () => {
  it('accepts valid schemas of every supported draft', () => {
    const verify = (s: unknown): Value => call(jsonSchemaBuiltins, 'json.verify_schema', [fromJS(s)]) as Value;
    expect(verify({ type: 'object' })).toEqual([true, null]);
    expect(verify({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'number', minimum: 1, exclusiveMinimum: true })).toEqual([true, null]);
    expect(verify({ $schema: 'http://json-schema.org/draft-06/schema#', type: 'number', exclusiveMinimum: 1 })).toEqual([true, null]);
    expect(verify({ $schema: 'http://json-schema.org/draft-07/schema#', if: { type: 'string' }, then: { minLength: 1 } })).toEqual([true, null]);
  });

  it('explains invalid schemas with a "jsonschema:" prefix', () => {
    const [ok, msg] = call(jsonSchemaBuiltins, 'json.verify_schema', [fromJS({ properties: { a: { type: 'text' } } })]) as Value[];
    expect(ok).toBe(false);
    expect(msg).toBe('jsonschema: has a primitive type that is NOT VALID -- given: /text/ Expected valid values are:[array boolean integer number null object string]');
    expect(call(jsonSchemaBuiltins, 'json.verify_schema', ['{not json'])).toEqual([false, 'jsonschema: invalid JSON string']);
    expect((call(jsonSchemaBuiltins, 'json.verify_schema', [fromJS({ minimum: 'x' })]) as Value[])[0]).toBe(false);
  });
});

describe('json.match_schema', () => {
  const schema = {
    type: 'object',
    required: ['id', 'name'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer', minimum: 1 },
      name: { type: 'string', minLength: 2 },
      tags: { type: 'array', items: { enum: ['a', 'b'] }, uniqueItems: true },
      size: { type: ['number', 'null'] },
    },
  };

  it('is valid with no errors for a matching document (value or JSON text)', () => {
    expect(match({ id: 1, name: 'kw' }, schema)).toEqual([true, []]);
    expect(match('{"id": 2, "name": "kw", "tags": ["a"]}', JSON.stringify(schema))).toEqual([true, []]);
  });

  it('reports each failure as {error, type, field, desc}', () => {
    const errors = errorsOf({ id: 0, name: 'k', tags: ['a', 'c', 'a'], size: 'big', extra: true }, schema);
    const byType = Object.fromEntries(errors.map((e) => [e.type as string, e]));
    expect(byType.additional_property_not_allowed).toEqual({
      error: '(root): Additional property extra is not allowed',
      type: 'additional_property_not_allowed',
      field: '(root)',
      desc: 'Additional property extra is not allowed',
    });
    expect(byType.number_gte?.error).toBe('id: Must be greater than or equal to 1');
    expect(byType.string_gte?.desc).toBe('String length must be greater than or equal to 2');
    expect(byType.enum?.error).toBe('tags.1: tags.1 must be one of the following: "a", "b"');
    expect(byType.unique?.desc).toBe('array items[0,2] must be unique');
    expect(byType.invalid_type?.error).toBe('size: Invalid type. Expected: [number,null], given: string');
  });

  it('names missing required properties at the object', () => {
    expect(errorsOf({ id: 3 }, schema)).toEqual([{ error: '(root): name is required', type: 'required', field: '(root)', desc: 'name is required' }]);
  });

  it('puts a failed anyOf before the errors of its closest branch', () => {
    const errors = errorsOf({ v: 3 }, { properties: { v: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 5 }] } } });
    expect(errors.map((e) => e.type)).toEqual(['number_any_of', 'invalid_type']);
  });

  it('applies draft-04 semantics when the schema says so', () => {
    const draft4 = { $schema: 'http://json-schema.org/draft-04/schema#', properties: { v: { minimum: 5, exclusiveMinimum: true } } };
    expect(errorsOf({ v: 5 }, draft4).map((e) => e.error)).toEqual(['v: Must be greater than 5']);
    expect(match({ v: 6 }, draft4)[0]).toBe(true);
  });

  it('fails the call for bad documents and schemas, like OPA', () => {
    expect(() => match('{oops', schema)).toThrow('invalid JSON string');
    expect(() => call(jsonSchemaBuiltins, 'json.match_schema', [5, fromJS(schema)])).toThrow('wrong type, expected string or object');
    expect(() => match({}, { type: 'unknown' })).toThrow('has a primitive type that is NOT VALID -- given: /unknown/');
  });
});
