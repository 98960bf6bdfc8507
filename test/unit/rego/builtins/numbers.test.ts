import { describe, expect, it } from 'vitest';
import { numbersBuiltins } from '../../../../src/rego/builtins/numbers.js';
import { comparisonBuiltins } from '../../../../src/rego/builtins/comparison.js';
import { aggregatesBuiltins } from '../../../../src/rego/builtins/aggregates.js';
import { BuiltinFailure, TypeErrorOperand } from '../../../../src/rego/builtins/types.js';
import { fromJS, numberFromText, numberKey, RSet, toJS, type RNumber, type Value } from '../../../../src/rego/value/index.js';
import { call, ctx } from './helpers.js';

const num = (name: string, ...args: Value[]): Value | undefined => call(numbersBuiltins, name, args);
const agg = (name: string, ...args: Value[]): Value | undefined => call(aggregatesBuiltins, name, args);
const cmp = (name: string, ...args: Value[]): Value | undefined => call(comparisonBuiltins, name, args);
const big = (t: string): RNumber => numberFromText(t)!;
const text = (v: Value | undefined): string => numberKey(v as RNumber);

describe('numbers', () => {
  it('computes with OPA precision and errors', () => {
    expect(num('plus', 1, 2)).toBe(3);
    expect(text(num('plus', big('18446744073709551617'), 1))).toBe('18446744073709551618');
    expect(text(num('div', 1, 3))).toBe('0.33333333333333333334');
    expect(() => num('div', 1, 0)).toThrow(BuiltinFailure);
    expect(() => num('rem', 1.5, 1)).toThrow('modulo on floating-point number');
    expect(() => num('plus', 'a', 1)).toThrow('operand 1 must be number but got string');
  });
  it('minus is numbers or sets', () => {
    expect(num('minus', 5, 3)).toBe(2);
    expect(toJS(num('minus', RSet.from([1, 2, 3]), RSet.from([2]))!)).toEqual([1, 3]);
    expect(() => num('minus', RSet.from([1]), 1)).toThrow('operand 2 must be set but got number');
    expect(() => num('minus', 1, RSet.from([1]))).toThrow('operand 2 must be number but got set');
    expect(() => num('minus', 'x', 1)).toThrow('operand 1 must be one of {number, set} but got string');
  });
  it('ranges', () => {
    expect(num('numbers.range', 1, 4)).toEqual([1, 2, 3, 4]);
    expect(num('numbers.range', 2, -1)).toEqual([2, 1, 0, -1]);
    expect(num('numbers.range_step', 0, 10, 4)).toEqual([0, 4, 8]);
    expect(num('numbers.range_step', 10, 0, 4)).toEqual([10, 6, 2]);
    expect(() => num('numbers.range_step', 0, 10, 0)).toThrow('step must be a positive integer');
    expect(() => num('numbers.range', 'a', 4)).toThrow('operand 1 must be integer but got string');
    expect(() => num('numbers.range', 1.5, 4)).toThrow('operand 1 must be integer number but got floating-point number');
  });
  it('rand.intn uses injected randomness and caches per evaluation', () => {
    const c = ctx(() => 0.75);
    expect(call(numbersBuiltins, 'rand.intn', ['x', 100], c)).toBe(75);
    expect(call(numbersBuiltins, 'rand.intn', ['x', -100], c)).toBe(75);
    expect(call(numbersBuiltins, 'rand.intn', ['x', 0], c)).toBe(0);
  });
  it('rounds', () => {
    expect(num('round', -2.5)).toBe(-3);
    expect(num('ceil', 1.01)).toBe(2);
    expect(num('floor', -1.001)).toBe(-2);
    expect(num('abs', -10)).toBe(10);
  });
});

describe('comparison', () => {
  it('orders numbers by value across representations', () => {
    expect(cmp('equal', 3.5, big('3.50'))).toBe(true);
    expect(cmp('lt', big('1e399'), big('1e400'))).toBe(true);
    expect(cmp('gt', big('1234567890123456789013'), big('1234567890123456789012'))).toBe(true);
    expect(cmp('neq', 1, '1')).toBe(true);
    expect(cmp('lte', null, false)).toBe(true);
    expect(cmp('gte', 'b', 'a')).toBe(true);
  });
});

describe('aggregates', () => {
  it('count counts runes', () => {
    expect(agg('count', 'héllo😀')).toBe(6);
    expect(agg('count', fromJS({ a: 1 }))).toBe(1);
    expect(() => agg('count', 1)).toThrow('operand 1 must be one of {array, object, set, string} but got number');
  });
  it('sum and product are exact on integers', () => {
    expect(text(agg('sum', [big('9223372036854775807'), 1]))).toBe('9223372036854775808');
    expect(text(agg('product', [big('18446744073709551617'), 2]))).toBe('36893488147419103234');
    expect(agg('sum', [1, 2.5])).toBe(3.5);
    expect(agg('product', [1.5, 2])).toBe(3);
    expect(agg('sum', [])).toBe(0);
    expect(() => agg('sum', [1, 'a'])).toThrow('operand 1 must be array of numbers but got array containing string');
  });
  it('max, min and sort use the total order', () => {
    expect(agg('max', [3, 3.5, 3.25])).toBe(3.5);
    expect(agg('min', RSet.from([2, 'a', null]))).toBe(null);
    expect(agg('max', [])).toBeUndefined();
    expect(agg('sort', [3.5, 3, 'a', -2.5])).toEqual([-2.5, 3, 3.5, 'a']);
    expect(() => agg('sort', 'x')).toThrow(TypeErrorOperand);
  });
});
