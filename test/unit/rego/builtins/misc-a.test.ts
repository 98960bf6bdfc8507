import { describe, expect, it } from 'vitest';
import { cryptoBuiltins } from '../../../../src/rego/builtins/crypto.js';
import { unitsBuiltins } from '../../../../src/rego/builtins/units.js';
import { semverBuiltins } from '../../../../src/rego/builtins/semver.js';
import { graphBuiltins } from '../../../../src/rego/builtins/graph.js';
import { bitsBuiltins } from '../../../../src/rego/builtins/bits.js';
import { uuidBuiltins } from '../../../../src/rego/builtins/uuid.js';
import { BuiltinFailure, TypeErrorText } from '../../../../src/rego/builtins/types.js';
import { fromJS, numberFromText, numberKey, RSet, toJS, type RNumber, type Value } from '../../../../src/rego/value/index.js';
import { call, ctx } from './helpers.js';

const text = (v: Value | undefined): string => numberKey(v as RNumber);

describe('crypto', () => {
  const c = (name: string, ...args: Value[]): Value | undefined => call(cryptoBuiltins, name, args);
  it('hashes and HMACs the UTF-8 bytes, hex encoded', () => {
    expect(c('crypto.md5', 'lorem ipsum')).toBe('80a751fde577028640c419000e33eba6');
    expect(c('crypto.sha256', '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(c('crypto.hmac.sha256', 'message', 'key')).toBe(
      '6e9ef29b75fffc5b7abae527d58fdadb2fe42e7219011976917343065f58ed4a',
    );
    expect(c('crypto.hmac.equal', 'abc', 'abc')).toBe(true);
    expect(c('crypto.hmac.equal', 'abc', 'abd')).toBe(false);
    expect(c('crypto.hmac.equal', 'abc', 'ab')).toBe(false);
  });
});

describe('units', () => {
  const u = (name: string, s: string): Value | undefined => call(unitsBuiltins, name, [s]);
  it('units.parse is exact and prints fractions with 10 decimals', () => {
    expect(u('units.parse', '500m')).toBe(0.5);
    expect(u('units.parse', '0.0005K')).toBe(0.5);
    expect(u('units.parse', '1Ki')).toBe(1024);
    expect(u('units.parse', '1M')).toBe(1000000);
    expect(u('units.parse', '1m')).toBe(0.001);
    expect(u('units.parse', '"10G"')).toBe(10 ** 10);
    expect(text(u('units.parse', '100Ei'))).toBe('115292150460684697600');
    expect(() => u('units.parse', 'm')).toThrow('units.parse: no amount provided');
    expect(() => u('units.parse', '1 K')).toThrow('units.parse: spaces not allowed in resource strings');
    expect(() => u('units.parse', '1.2.3K')).toThrow('units.parse: could not parse amount to a number');
    expect(() => u('units.parse', '1foo')).toThrow('units.parse: unit foo not recognized');
    expect(() => u('units.parse', '1e1234567')).toThrow('exponent too large');
  });
  it('units.parse_bytes truncates 64-bit float products', () => {
    expect(u('units.parse_bytes', '1KiB')).toBe(1024);
    expect(u('units.parse_bytes', '8kb')).toBe(8000);
    expect(u('units.parse_bytes', '4.1Mi')).toBe(4299161);
    expect(u('units.parse_bytes', '128Gi')).toBe(137438953472);
    expect(() => u('units.parse_bytes', 'kb')).toThrow('units.parse_bytes: no byte amount provided');
    expect(() => u('units.parse_bytes', '1xb')).toThrow('units.parse_bytes: byte unit xb not recognized');
  });
});

describe('semver', () => {
  const s = (name: string, ...args: Value[]): Value | undefined => call(semverBuiltins, name, args);
  it('compares strict SemVer 2.0 versions', () => {
    expect(s('semver.compare', '1.0.0', '2.0.0')).toBe(-1);
    expect(s('semver.compare', '1.2.3-0', '1.2.3-1')).toBe(-1);
    expect(s('semver.compare', '1.2.3-alpha', '1.2.3')).toBe(-1);
    expect(s('semver.compare', '1.2.3-alpha.10', '1.2.3-alpha.9')).toBe(1);
    expect(s('semver.compare', '1.2.3-9', '1.2.3-a')).toBe(-1);
    expect(s('semver.compare', '1.2.3+01', '1.2.3+2')).toBe(0);
    expect(() => s('semver.compare', '1.02.3', '1.2.3')).toThrow('operand 1: string "1.02.3" is not a valid SemVer');
    expect(() => s('semver.compare', '1.2.3', '1.2.3-')).toThrow(BuiltinFailure);
    expect(s('semver.is_valid', '1.2.3-01')).toBe(false);
    expect(s('semver.is_valid', 1)).toBe(false);
  });
});

describe('graph', () => {
  const g = (name: string, ...args: Value[]): unknown => toJS(call(graphBuiltins, name, args)!);
  it('walk yields every [path, value] pair, root first', () => {
    expect(g('walk', fromJS({ a: [1] }))).toEqual([
      [[], { a: [1] }],
      [['a'], [1]],
      [['a', 0], 1],
    ]);
    expect(graphBuiltins.find((d) => d.name === 'walk')).toHaveProperty('relation', true);
  });
  it('reachable and reachable_paths', () => {
    const graph = fromJS({ a: ['b'], b: ['c', 'a'], c: [], d: ['x'] });
    expect(g('graph.reachable', graph, ['a'])).toEqual(['a', 'b', 'c']);
    expect(g('graph.reachable', graph, RSet.from(['d']))).toEqual(['d']);
    expect(g('graph.reachable_paths', graph, ['a'])).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
    // The "reached" set is shared along one walk: six -> seven stops at six (seven came via five).
    const g2 = fromJS({ one: ['two', 'five'], two: ['three'], three: [], five: ['seven', 'six'], six: ['seven'], seven: ['eight'], eight: [] });
    expect(g('graph.reachable_paths', g2, ['one'])).toEqual([
      ['one', 'five', 'seven', 'eight'],
      ['one', 'five', 'six'],
      ['one', 'two', 'three'],
    ]);
    expect(() => g('graph.reachable', graph, 'a')).toThrow('operand 2 must be {array, set} but got string');
  });
});

describe('bits', () => {
  const b = (name: string, ...args: Value[]): Value | undefined => call(bitsBuiltins, name, args);
  it('work on big integers with Go semantics', () => {
    expect(b('bits.and', 12, 10)).toBe(8);
    expect(b('bits.or', 12, 10)).toBe(14);
    expect(b('bits.xor', 12, 10)).toBe(6);
    expect(b('bits.negate', 5)).toBe(-6);
    expect(b('bits.rsh', -9, 1)).toBe(-5);
    expect(text(b('bits.lsh', 1, 70))).toBe('1180591620717411303424');
    expect(text(b('bits.and', numberFromText('18446744073709551615')!, -1))).toBe('18446744073709551615');
    expect(() => b('bits.lsh', 7, -1)).toThrow('operand 2 must be an unsigned integer number but got a negative integer');
    expect(() => b('bits.and', 1.5, 1)).toThrow(TypeErrorText);
    expect(() => b('bits.and', 'a', 1)).toThrow('operand 1 must be integer but got string');
  });
});

describe('uuid', () => {
  it('rfc4122 is a v4 UUID from injected randomness, stable per argument', () => {
    const c = ctx(() => 0.999);
    const first = call(uuidBuiltins, 'uuid.rfc4122', ['k'], c);
    expect(first).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    let n = 0;
    const c2 = ctx(() => (n++ % 17) / 17);
    const x = call(uuidBuiltins, 'uuid.rfc4122', ['k'], c2);
    expect(call(uuidBuiltins, 'uuid.rfc4122', ['k'], c2)).toBe(x);
    expect(call(uuidBuiltins, 'uuid.rfc4122', ['other'], c2)).not.toBe(x);
  });
  it('parse decodes v1/v2 fields', () => {
    const p = (s: string): unknown => {
      const v = call(uuidBuiltins, 'uuid.parse', [s]);
      return v === undefined ? undefined : toJS(v);
    };
    expect(p('urn:uuid:000003e8-48b9-21ee-b200-325096b39f47')).toEqual({
      clocksequence: 12800,
      domain: 'Person',
      id: 1000,
      macvariables: 'local:unicast',
      nodeid: '32-50-96-b3-9f-47',
      time: 1693566990121469600n,
      variant: 'RFC4122',
      version: 2,
    });
    expect(p('{00000000-0000-4000-8000-000000000000}')).toEqual({ variant: 'RFC4122', version: 4 });
    expect(p('6bea8ef2d3d33cd184e09bab06a52ece')).toEqual({ variant: 'RFC4122', version: 3 });
    expect(p('not-a-uuid')).toBeUndefined();
  });
});
