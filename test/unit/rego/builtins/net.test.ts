import { describe, expect, it } from 'vitest';
import { netBuiltins } from '../../../../src/rego/builtins/net.js';
import type { BuiltinContext } from '../../../../src/rego/builtins/types.js';
import { RObject, RSet, type Value, toJS } from '../../../../src/rego/value/index.js';

const ctx = { checkCancelled: () => undefined } as unknown as BuiltinContext;
const call = (name: string, ...args: Value[]): unknown => {
  const d = netBuiltins.find((b) => b.name === name);
  if (!d) throw new Error(name);
  const v = d.impl(args, ctx);
  return v === undefined ? undefined : toJS(v);
};

describe('net.cidr_contains / intersects / is_valid (conformance cases)', () => {
  it.each([
    ['10.0.0.0/8', '10.1.0.0/24', true],
    ['172.17.0.0/24', '172.17.0.0/16', false],
    ['10.0.0.0/8', '192.168.1.0/24', false],
    ['10.0.0.0/8', '10.1.1.1/32', true],
    ['2001:4860:4860::8888/32', '2001:4860:4860:1234::8888/40', true],
    ['2001:4860:4860::8888/32', '2001:4860:4860:1234:5678:1234:5678:8888/128', true],
    ['2001:4860::/96', '2001:4860::/32', false],
    ['2001:4860::/32', 'fd1e:5bfe:8af3:9ddc::/64', false],
    ['10.0.0.0/8', '10.1.2.3', true],
    ['10.0.0.0/8', '192.168.1.1', false],
    ['::ffff:0:0/96', '1.2.3.4', true],
  ])('cidr_contains(%s, %s) = %s', (a, b, want) => {
    expect(call('net.cidr_contains', a, b)).toBe(want);
  });

  it('errors as OPA words them', () => {
    expect(() => call('net.cidr_contains', 'not-a-cidr', '192.168.1.67')).toThrow('invalid CIDR address: not-a-cidr');
    expect(() => call('net.cidr_contains', '192.168.1.0/28', 'not-a-cidr')).toThrow(
      'not a valid textual representation of an IP address or CIDR: not-a-cidr',
    );
    expect(() => call('net.cidr_expand', '192.168.1.1/33')).toThrow('invalid CIDR address: 192.168.1.1/33');
    expect(() => call('net.cidr_intersects', '192.168.1.0/28', 'not-a-cidr')).toThrow('invalid CIDR address');
  });

  it.each([
    ['192.168.1.0/25', '192.168.1.64/25', true],
    ['192.168.1.0/24', '192.168.2.0/24', false],
    ['fd1e:5bfe:8af3:9ddc::/64', 'fd1e:5bfe:8af3:9ddc:1111::/72', true],
    ['fd1e:5bfe:8af3:9ddc::/64', '2001:4860:4860::8888/32', false],
  ])('cidr_intersects(%s, %s) = %s', (a, b, want) => {
    expect(call('net.cidr_intersects', a, b)).toBe(want);
  });

  it.each([
    ['192.168.1.0/24', true],
    ['', false],
    ['there goes a string', false],
    ['192.168.1.2', false],
    ['2002::1234:abcd:ffff:c0a8:101/64', true],
    ['010.1.1.1/8', false],
    ['::ffff:1.2.3.4/120', true],
  ])('cidr_is_valid(%j) = %s', (a, want) => {
    expect(call('net.cidr_is_valid', a)).toBe(want);
  });
});

describe('net.cidr_expand and cidr_contains_matches', () => {
  it('expands', () => {
    expect(call('net.cidr_expand', '192.168.1.1/30')).toEqual(['192.168.1.0', '192.168.1.1', '192.168.1.2', '192.168.1.3']);
    expect(call('net.cidr_expand', '172.16.100.255/30')).toEqual(['172.16.100.252', '172.16.100.253', '172.16.100.254', '172.16.100.255']);
    expect(call('net.cidr_expand', '192.168.1.1/32')).toEqual(['192.168.1.1']);
    expect(call('net.cidr_expand', 'fe80::/127')).toEqual(['fe80::', 'fe80::1']);
  });

  it('matches', () => {
    expect(call('net.cidr_contains_matches', '1.1.1.0/24', '1.1.1.1')).toEqual([['1.1.1.0/24', '1.1.1.1']]);
    expect(call('net.cidr_contains_matches', ['1.1.2.0/24', '1.1.1.0/24'], ['1.1.1.1', '1.1.2.1'])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(call('net.cidr_contains_matches', [['1.1.2.0/24', 1], '1.1.1.0/24'], ['1.1.1.1', '1.1.2.1'])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const obj = RObject.from([
      ['k1', '1.1.1.1/24'],
      ['k2', ['1.1.1.2/24', 1]],
    ]);
    expect(call('net.cidr_contains_matches', obj, '1.1.1.128')).toEqual([
      ['k1', '1.1.1.128'],
      ['k2', '1.1.1.128'],
    ]);
    expect(() => call('net.cidr_contains_matches', RSet.from(['1.1.1.0/24']), RSet.from([[], '1.1.2.1']))).toThrow(
      'operand 2: element must be string or non-empty array',
    );
  });
});

describe('net.cidr_merge (conformance cases)', () => {
  it.each([
    [['2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128'], ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128']],
    [['2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64', '2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128'], ['2601:600:8a80:207e::/64']],
    [['192.0.128.0/24', '192.0.128.0/24'], ['192.0.128.0/24']],
    [['192.0.128.0/24', '0.0.0.0/0'], ['0.0.0.0/0']],
    [['192.0.128.0/24', '192.0.129.0/24'], ['192.0.128.0/23']],
    [['192.0.2.112/30', '192.0.2.116/31', '192.0.2.118/31'], ['192.0.2.112/29']],
    [['192.0.129.0/24', '192.0.130.0/24'], ['192.0.129.0/24', '192.0.130.0/24']],
    [['192.0.2.112/30', '192.0.2.116/32', '192.0.2.118/31'], ['192.0.2.112/30', '192.0.2.116/32', '192.0.2.118/31']],
    [['192.0.2.112/31', '192.0.2.116/31', '192.0.2.118/31'], ['192.0.2.112/31', '192.0.2.116/30']],
    [
      ['192.0.1.254/31', ...Array.from({ length: 16 }, (_, i) => `192.0.2.${i * 16}/28`), '192.0.3.0/28'],
      ['192.0.1.254/31', '192.0.2.0/24', '192.0.3.0/28'],
    ],
    [['::/0', 'fe80::1/128'], ['::/0']],
    [['::/0', '::192.0.2.0/124', 'ff00::101/128'], ['::/0']],
    [['fe80::/120', '192.0.2.0/24', '192.0.3.0/24', '192.0.4.0/25', '192.0.4.128/25'], ['192.0.2.0/23', '192.0.4.0/24', 'fe80::/120']],
    [[], []],
    [['192.0.2.112', '192.0.2.116/31', '192.0.2.118/31'], ['192.0.2.0/24']],
    [['192.0.128.0', '192.0.129.0'], ['192.0.128.0/23']],
    [['10.1.2.3'], ['10.1.2.3/8']],
  ])('merge(%j) = %j', (input, want) => {
    expect(call('net.cidr_merge', input)).toEqual(want);
  });

  it('rejects bad input', () => {
    expect(() => call('net.cidr_merge', ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3'])).toThrow('IPv6 invalid: needs prefix length');
    expect(() => call('net.cidr_merge', ['foo'])).toThrow('invalid CIDR address: foo');
    expect(() => call('net.cidr_merge', 'x')).toThrow('operand must be an array');
  });
});

describe('net.cidr_merge property: the merged set covers exactly the same addresses', () => {
  // deterministic pseudo-random IPv4 networks inside 10.0.0.0/22
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const toInt = (ip: string): number => ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
  const covered = (cidrs: string[]): Set<number> => {
    const out = new Set<number>();
    for (const c of cidrs) {
      const [ip = '', len = '32'] = c.split('/');
      const size = 2 ** (32 - Number(len));
      const base = Math.floor(toInt(ip) / size) * size;
      for (let i = 0; i < size; i++) out.add(base + i);
    }
    return out;
  };
  it.each(Array.from({ length: 30 }, (_, i) => i))('random set %d', () => {
    const nets = Array.from({ length: 1 + rnd(12) }, () => {
      const len = 24 + rnd(9);
      return `10.0.${rnd(4)}.${rnd(256)}/${len}`;
    });
    const merged = call('net.cidr_merge', nets) as string[];
    expect([...covered(merged)].sort()).toEqual([...covered(nets)].sort());
    // minimal: no two output blocks are mergeable or overlapping
    expect(covered(merged).size).toBe(merged.reduce((a, c) => a + 2 ** (32 - Number(c.split('/')[1])), 0));
  });
});
