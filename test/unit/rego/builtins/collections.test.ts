import { describe, expect, it } from 'vitest';
import { objectsBuiltins } from '../../../../src/rego/builtins/objects.js';
import { arraysBuiltins } from '../../../../src/rego/builtins/arrays.js';
import { setsBuiltins } from '../../../../src/rego/builtins/sets.js';
import { typecheckBuiltins } from '../../../../src/rego/builtins/typecheck.js';
import { fromJS, RObject, RSet, toJS, type Value } from '../../../../src/rego/value/index.js';
import { call } from './helpers.js';

const o = (name: string, ...args: Value[]): unknown => {
  const v = call(objectsBuiltins, name, args);
  return v === undefined ? undefined : toJS(v);
};
const j = fromJS;

describe('objects', () => {
  it('object.get with keys, paths and defaults', () => {
    const doc = j({ a: { b: [10, 20] } });
    expect(o('object.get', doc, 'a', 0)).toEqual({ b: [10, 20] });
    expect(o('object.get', doc, ['a', 'b', 1], 0)).toBe(20);
    expect(o('object.get', doc, ['a', 'x'], 'd')).toBe('d');
    expect(o('object.get', doc, [], 'd')).toEqual({ a: { b: [10, 20] } });
    expect(() => o('object.get', 'x', 'a', 0)).toThrow('operand 1 must be object but got string');
  });
  it('object.remove, object.filter and object.keys', () => {
    const doc = j({ a: 1, b: 2, c: 3 });
    expect(o('object.remove', doc, ['a'])).toEqual({ b: 2, c: 3 });
    expect(o('object.remove', doc, j({ b: 0 }))).toEqual({ a: 1, c: 3 });
    expect(o('object.filter', doc, RSet.from(['a', 'c']))).toEqual({ a: 1, c: 3 });
    expect(() => o('object.filter', doc, 'a')).toThrow('operand 2 must be one of {object, set, array} but got string');
    expect(o('object.keys', doc)).toEqual(['a', 'b', 'c']);
  });
  it('object.union merges recursively, union_n freezes overwritten keys', () => {
    expect(o('object.union', j({ a: { b: 1, c: 2 } }), j({ a: { b: 3 } }))).toEqual({ a: { b: 3, c: 2 } });
    expect(o('object.union_n', j([{ a: { b: 2 } }, { a: 4 }, { a: { c: 3 } }]))).toEqual({ a: { c: 3 } });
    expect(o('object.union_n', j([{ a: { b: 2 } }, { a: { c: 3 } }]))).toEqual({ a: { b: 2, c: 3 } });
    expect(() => o('object.union_n', [1])).toThrow('operand 1 must be array of objects but got array containing number');
  });
  it('object.subset', () => {
    expect(o('object.subset', j({ a: { b: 1, c: 2 }, d: [1, 2, 3] }), j({ a: { b: 1 }, d: [2, 3] }))).toBe(true);
    expect(o('object.subset', [1, 2, 3], [1, 3])).toBe(false);
    expect(o('object.subset', [1, 2, 3], RSet.from([3, 1]))).toBe(true);
    expect(() => o('object.subset', [1], j({}))).toThrow('both arguments object.subset must be of the same type');
  });
  it('json.filter and json.remove with string and array paths', () => {
    const doc = j({ a: { b: 1, c: [5, 6, 7] }, d: 2 });
    expect(o('json.filter', doc, ['a/c/1', ['d']])).toEqual({ a: { c: [6] }, d: 2 });
    expect(o('json.remove', doc, RSet.from(['a/c/0', 'd']))).toEqual({ a: { b: 1, c: [6, 7] } });
    expect(() => o('json.remove', doc, 'a')).toThrow('operand 2 must be one of {set, array} but got string');
    expect(() => o('json.remove', doc, [1])).toThrow(
      'operand 2 must be one of {set, array} containing string paths or array of path segments but got number',
    );
  });
  it('json.patch follows RFC 6902 and is undefined on failure', () => {
    const doc = j({ foo: ['bar', 'baz'], x: { '~/': 1 } });
    expect(o('json.patch', doc, j([{ op: 'add', path: '/foo/1', value: 'qux' }]))).toEqual({
      foo: ['bar', 'qux', 'baz'],
      x: { '~/': 1 },
    });
    expect(o('json.patch', doc, j([{ op: 'remove', path: '/x/~0~1' }]))).toEqual({ foo: ['bar', 'baz'], x: {} });
    expect(o('json.patch', doc, j([{ op: 'move', from: '/foo/0', path: '/foo/-' }]))).toEqual({
      foo: ['baz', 'bar'],
      x: { '~/': 1 },
    });
    expect(o('json.patch', doc, j([{ op: 'add', path: '/a/b', value: 1 }]))).toBeUndefined();
    expect(o('json.patch', doc, j([{ op: 'test', path: '/foo/0', value: 'nope' }]))).toBeUndefined();
    expect(o('json.patch', doc, j([{ op: 'remove', path: '/foo/01' }]))).toBeUndefined();
    const setDoc = RObject.from([['s', RSet.from(['a', 'b'])]]);
    expect(o('json.patch', setDoc, j([{ op: 'add', path: 's/c', value: 'c' }]))).toEqual({ s: ['a', 'b', 'c'] });
    expect(o('json.patch', setDoc, j([{ op: 'add', path: 's/c', value: 'd' }]))).toBeUndefined();
  });
});

describe('arrays, sets, types', () => {
  const a = (name: string, ...args: Value[]): Value | undefined => call(arraysBuiltins, name, args);
  const s = (name: string, ...args: Value[]): unknown => toJS(call(setsBuiltins, name, args)!);
  it('arrays', () => {
    expect(a('array.concat', [1], [2])).toEqual([1, 2]);
    expect(a('array.slice', [1, 2, 3, 4], 1, 3)).toEqual([2, 3]);
    expect(a('array.slice', [1, 2, 3], -5, 99)).toEqual([1, 2, 3]);
    expect(a('array.slice', [1, 2, 3], 2, 1)).toEqual([]);
    expect(a('array.reverse', [1, 2])).toEqual([2, 1]);
    expect(a('array.flatten', [[1], [[2]], 3])).toEqual([1, [2], 3]);
    expect(() => a('array.concat', j({}), [])).toThrow('operand 1 must be array but got object');
  });
  it('sets', () => {
    expect(s('and', RSet.from([1, 2]), RSet.from([2, 3]))).toEqual([2]);
    expect(s('or', RSet.from([1]), RSet.from([2]))).toEqual([1, 2]);
    expect(s('intersection', RSet.from([RSet.from([1, 2]), RSet.from([2])]))).toEqual([2]);
    expect(s('union', RSet.from([RSet.from([1]), RSet.from([2])]))).toEqual([1, 2]);
    expect(s('intersection', new RSet())).toEqual([]);
  });
  it('types', () => {
    const t = (name: string, v: Value): Value | undefined => call(typecheckBuiltins, name, [v]);
    expect(t('is_number', 1)).toBe(true);
    expect(t('is_number', '1')).toBe(false);
    expect(t('is_set', new RSet())).toBe(true);
    expect(t('type_name', j({}))).toBe('object');
    expect(t('type_name', null)).toBe('null');
  });
});
