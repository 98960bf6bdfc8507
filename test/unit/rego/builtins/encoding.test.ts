import { describe, expect, it } from 'vitest';
import { encodingBuiltins } from '../../../../src/rego/builtins/encoding.js';
import { RObject, RSet, fromJS, toJS, type Value } from '../../../../src/rego/value/index.js';
import { BigNum } from '../../../../src/rego/value/bignum.js';
import { ctx, call as callIn } from './helpers.js';

const call = (name: string, ...args: Value[]): Value | undefined => callIn(encodingBuiltins, name, args);

describe('encoding builtins', () => {
  it('base64 like Go (strict padding, is_valid never errors)', () => {
    expect(call('base64.encode', 'hello')).toBe('aGVsbG8=');
    expect(call('base64.decode', 'aGVsbG8=')).toBe('hello');
    expect(call('base64.is_valid', 'aGVsbG8')).toBe(false);
    expect(call('base64.is_valid', 1)).toBe(false);
    expect(() => call('base64.decode', 'aGVsbG8')).toThrow('illegal base64 data at input byte');
    expect(call('base64url.encode', '\u00ff\u00fe?')).toBe('w7_Dvj8=');
    expect(call('base64url.encode_no_pad', '\u00ff\u00fe?')).toBe('w7_Dvj8');
    expect(call('base64url.decode', 'w7_Dvj8')).toBe('\u00ff\u00fe?');
  });
  it('hex with encoding/hex errors', () => {
    expect(call('hex.encode', 'lorem')).toBe('6c6f72656d');
    expect(call('hex.decode', '6c6f72656d')).toBe('lorem');
    expect(() => call('hex.decode', '6g')).toThrow("encoding/hex: invalid byte: U+0067 'g'");
    expect(() => call('hex.decode', 'abc')).toThrow('odd length hex string');
  });
  it('json.marshal escapes like Go and keeps big numbers', () => {
    const v = fromJS([{ foo: new Set([3, 1, 2]) }, '<a&b>', 18446744073709551617n]);
    expect(call('json.marshal', v)).toBe('[{"foo":[1,2,3]},"\\u003ca\\u0026b\\u003e",18446744073709551617]');
    expect(call('json.marshal', RObject.from([[1, 'x']]))).toBe('{"1":"x"}');
  });
  it('json.marshal_with_options pretty prints like MarshalIndent', () => {
    const v = fromJS({ foo: 'bar', bar: [1] });
    expect(call('json.marshal_with_options', v, fromJS({ prefix: '> ' }))).toBe(
      '> {\n> \t"bar": [\n> \t\t1\n> \t],\n> \t"foo": "bar"\n> }',
    );
    expect(call('json.marshal_with_options', [], fromJS({}))).toBe('[]');
    expect(() => call('json.marshal_with_options', [], fromJS({ nope: true }))).toThrow(
      'object contained unknown key "nope"',
    );
  });
  it('json.unmarshal keeps numbers exact and rejects bad JSON', () => {
    const v = call('json.unmarshal', '{"a": [1, 2.50, 18446744073709551617, "x\\u0041"]}') as RObject;
    const a = v.get('a') as Value[];
    expect(a[1]).toBe(2.5);
    expect(a[2]).toBeInstanceOf(BigNum);
    expect(a[3]).toBe('xA');
    expect(() => call('json.unmarshal', '[1,')).toThrow();
    expect(call('json.is_valid', '{"a":1}')).toBe(true);
    expect(call('json.is_valid', '{a:1}')).toBe(false);
  });
  it('yaml round trip, YAML 1.1 booleans and go-yaml errors', () => {
    const text = call('yaml.marshal', fromJS([{ foo: new Set([1, 2, 3]) }])) as string;
    expect(text).toBe('- foo:\n  - 1\n  - 2\n  - 3\n');
    // Go sorts keys as strings ("10" before "2"); quoting keeps YAML 1.1 words strings.
    expect(call('yaml.marshal', fromJS({ b: 'yes', '2': 1, '10': 2 }))).toBe('"10": 2\n"2": 1\nb: "yes"\n');
    expect(toJS(call('yaml.unmarshal', text)!)).toEqual([{ foo: [1, 2, 3] }]);
    expect(call('yaml.unmarshal', 'a: yes')).toEqual(RObject.from([['a', true]]));
    expect(() => call('yaml.unmarshal', '[1,2,3')).toThrow("yaml: line 1: did not find expected ',' or ']'");
    expect(call('yaml.is_valid', '[1,2')).toBe(false);
  });
  it('urlquery like net/url', () => {
    expect(call('urlquery.encode', 'a=b+1 c')).toBe('a%3Db%2B1+c');
    expect(call('urlquery.decode', 'a%3Db%2B1+c')).toBe('a=b+1 c');
    expect(() => call('urlquery.decode', '%zz')).toThrow('invalid URL escape "%zz"');
    expect(call('urlquery.encode_object', fromJS({ c: 'd', a: ['b+1', 'x'], s: RSet.from(['z']) }))).toBe(
      'a=b%2B1&a=x&c=d&s=z',
    );
    expect(toJS(call('urlquery.decode_object', 'a=1&b&a=2')!)).toEqual({ a: ['1', '2'], b: [''] });
  });
  it('to_number like casts.go', () => {
    expect(call('to_number', '-42.0')).toBe(-42);
    expect(call('to_number', null)).toBe(0);
    expect(call('to_number', true)).toBe(1);
    expect(call('to_number', '1e3')).toBe(1000);
    expect(() => call('to_number', 'broken')).toThrow('invalid syntax');
    expect(() => call('to_number', '-Inf')).toThrow('operand 1 must be valid number string but got string');
  });
  void ctx;
});
