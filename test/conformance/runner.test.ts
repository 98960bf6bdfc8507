// The conformance runner's own helpers: exact YAML numbers, OPA's JSON comparison form, and
// one case run end to end (so a broken runner cannot pass the ratchet vacuously).
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BigNum } from '../../src/rego/value/index.js';
import { RObject, RSet, toJSONText } from '../../src/rego/value/index.js';
import { jsonForm, runCase, yamlToValue } from './runner.js';

describe('conformance runner helpers', () => {
  it('keeps YAML numbers exact (big integers, 1e400, long decimals)', () => {
    const doc = parseDocument('[18446744073709551614, 1e400, 0.1000000000000000000001, 3]', { intAsBigInt: true });
    const v = yamlToValue(doc.contents);
    expect((v as unknown[])[0]).toBeInstanceOf(BigNum);
    expect(toJSONText(v)).toBe('[18446744073709551614,1e+400,0.1000000000000000000001,3]');
  });
  it('compares results in the JSON form OPA uses (sets as arrays, keys as text)', () => {
    const o = RObject.from([[1, RSet.from(['b', 'a'])]]);
    expect(toJSONText(jsonForm(o))).toBe('{"1":["a","b"]}');
  });
  it('runs a case: results as a set, errors by code and text', () => {
    const base = { note: 'x', query: 'data.t.p = x', modules: ['package t\np contains v if some v in [1, 2]'] };
    expect(runCase({ ...base, want_result: [RObject.from([['x', [2, 1]]])], sort_bindings: true }).pass).toBe(true);
    expect(runCase({ ...base, want_result: [RObject.from([['x', [1]]])], sort_bindings: true }).pass).toBe(false);
    const err = { note: 'e', query: 'data.t.p = x', modules: ['package t\np := 1 / 0'], strict_error: true };
    expect(runCase({ ...err, want_error_code: 'eval_builtin_error', want_error: 'div: divide by zero' }).pass).toBe(true);
    expect(runCase({ ...err, want_error_code: 'eval_type_error' }).pass).toBe(false);
  });
});
