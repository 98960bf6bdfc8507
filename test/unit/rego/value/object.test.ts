// RObject keeps string keys in a plain JS object: names of Object.prototype members must behave
// like any other key (absent until set), and `__proto__` must be an ordinary key.
import { describe, expect, it } from 'vitest';
import { RObject, fromJS, toJS, equals } from '../../../../src/rego/value/types.js';
import { value } from '../eval/helpers.js';

describe('RObject string keys', () => {
  it('does not see inherited members of Object.prototype', () => {
    const o = fromJS({ a: 1 }) as RObject;
    for (const k of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__']) {
      expect(o.get(k)).toBeUndefined();
      expect(o.has(k)).toBe(false);
    }
    expect(o.size).toBe(1);
    expect(o.keys()).toEqual(['a']);
  });

  it('stores prototype-member names and __proto__ as ordinary keys', () => {
    const o = new RObject();
    o.set('__proto__', 'p');
    o.set('constructor', 'c');
    o.set('toString', 't');
    expect(o.get('__proto__')).toBe('p');
    expect(o.get('constructor')).toBe('c');
    expect(o.size).toBe(3);
    expect(o.keys()).toEqual(['__proto__', 'constructor', 'toString']);
    o.set('__proto__', 'q');
    expect(o.size).toBe(3);
    expect(o.get('__proto__')).toBe('q');
    o.delete('__proto__');
    expect(o.get('__proto__')).toBeUndefined();
    expect(o.size).toBe(2);
    o.delete('valueOf');
    expect(o.size).toBe(2);
  });

  it('converts JSON with a __proto__ key as data, and clones independently', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "b": [1, {"c": null}]}') as unknown;
    const o = fromJS(parsed) as RObject;
    expect(o.size).toBe(2);
    expect(toJS(o)).toEqual(parsed);
    const c = o.clone();
    c.set('b', 2);
    c.set('__proto__', 3);
    expect(toJS(o)).toEqual(parsed);
    expect(c.get('__proto__')).toBe(3);
    expect(equals(o, fromJS(parsed))).toBe(true);
  });

  it('mixes string and non-string keys', () => {
    const o = new RObject();
    o.set(1, 'one');
    o.set('1', 'string one');
    o.set(['k'], 'array');
    expect(o.size).toBe(3);
    expect(o.get(1)).toBe('one');
    expect(o.get('1')).toBe('string one');
    expect(o.get(['k'])).toBe('array');
    expect(o.keys()).toEqual([1, '1', ['k']]);
  });

  it('Rego sees prototype-member names only when present', () => {
    expect(value('p := object.get({"a": 1}, "constructor", "none")', 'p')).toBe('none');
    expect(value('p := {"toString": 2}.toString', 'p')).toBe(2);
    expect(value('p := count({"__proto__": 1, "a": 2})', 'p')).toBe(2);
    expect(value('p if { not input.constructor }', 'p', { input: { a: 1 } })).toBe(true);
  });
});
