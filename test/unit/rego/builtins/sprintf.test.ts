import { describe, expect, it } from 'vitest';
import { formatFloat } from '../../../../src/rego/builtins/lib-b/gofloat.js';
import { sprintfBuiltins } from '../../../../src/rego/builtins/sprintf.js';
import { BigNum, RObject, RSet, type Value } from '../../../../src/rego/value/index.js';
import type { BuiltinContext } from '../../../../src/rego/builtins/types.js';

const ctx = {} as BuiltinContext;
const sprintf = (f: string, args: Value[]): Value | undefined => sprintfBuiltins[0]!.impl([f, args], ctx);

describe('Go strconv float formatting', () => {
  it.each([
    [3.1415, 'f', 2, '3.14'],
    [0.125, 'f', 2, '0.12'],
    [0.375, 'f', 2, '0.38'],
    [2.5, 'f', 0, '2'],
    [3.5, 'f', 0, '4'],
    [0.5, 'f', 0, '0'],
    [9.999, 'f', 2, '10.00'],
    [1e6, 'g', -1, '1e+06'],
    [100000, 'g', -1, '100000'],
    [123456789, 'g', -1, '1.23456789e+08'],
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [0, 'g', -1, '0'],
    [1 / 3, 'g', 3, '0.333'],
    [100, 'g', 2, '1e+02'],
    [1, 'e', 6, '1.000000e+00'],
    [0, 'e', 6, '0.000000e+00'],
    [1234.5678, 'e', 2, '1.23e+03'],
    [-2.5, 'e', -1, '-2.5e+00'],
    [1, 'x', -1, '0x1p+00'],
    [3, 'x', -1, '0x1.8p+01'],
    [1, 'b', -1, '4503599627370496p-52'],
  ] as const)('%s %s %d -> %s', (x, f, p, want) => {
    expect(formatFloat(x, f, p)).toBe(want);
  });
});

describe('sprintf (conformance cases and Go fmt semantics)', () => {
  it.each([
    ['hi', [], 'hi'],
    ['hi %s', ['there'], 'hi there'],
    ['hi %02d', [5], 'hi 05'],
    ['hi %02X.%02X', [127, 1], 'hi 7F.01'],
    ['hi %.2f', [3.1415], 'hi 3.14'],
    ['hi %s', [true], 'hi true'],
    ['hi %v', [['there', 5, 3.14]], 'hi ["there", 5, 3.14]'],
    ['%s', [new BigNum(123456789123456789123n, 0)], '123456789123456789123'],
    ['%v', [new BigNum(2n, 308)], '2e308'],
    ['%d', [new BigNum(1208925819614629174706175n, 0)], '1208925819614629174706175'],
    ['%x', [255], 'ff'],
    ['%#x', [255], '0xff'],
    ['%#o', [8], '010'],
    ['%O', [8], '0o10'],
    ['%b', [5], '101'],
    ['%+d', [5], '+5'],
    ['%-5d|', [42], '42   |'],
    ['%5.1f|', [3.14159], '  3.1|'],
    ['%05.1f', [-3.14159], '-03.1'],
    ['%e', [1234.5678], '1.234568e+03'],
    ['%g', [0.000001234], '1.234e-06'],
    ['%v', [1e6 + 0.5], '1.0000005e+06'],
    ['%q', ['a"b'], '"a\\"b"'],
    ['%#q', ['ab'], '`ab`'],
    ['%x', ['hi'], '6869'],
    ['%c', [65], 'A'],
    ['%U', [0x1f600], 'U+1F600'],
    ['%t', [true], '%!t(string=true)'],
    ['%s', [5], '%!s(int=5)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%d %d', [1], '1 %!d(MISSING)'],
    ['%d', [1, 'a'], '1%!(EXTRA string=a)'],
    ['100%%', [], '100%'],
    ['%', [], '%!(NOVERB)'],
    ['%[2]d %[1]d', [1, 2], '2 1'],
    ['%*d', [4, 7], '   7'],
    ['%.3s', ['abcdef'], 'abc'],
    ['%v', [null], 'null'],
    ['%v', [RObject.from([['a', 1]])], '{"a": 1}'],
    ['%v', [RSet.from([2, 1])], '{1, 2}'],
    ['%v', [new RSet()], 'set()'],
    ['%5s|%-5s|', ['ab', 'cd'], '   ab|cd   |'],
  ] as [string, Value[], string][])('sprintf(%s) case %#', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });

  it('rejects a non-array operand with OPA type error text', () => {
    expect(() => sprintf('%s', 'x' as unknown as Value[])).toThrow('operand 2 must be array but got string');
  });
});
