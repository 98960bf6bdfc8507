// net.cidr_* builtins (OPA v1/topdown/cidr.go) over Go's net.IP model (lib-b/goip.ts).
// net.lookup_ip_addr is deliberately not implemented (DNS; out of scope).
import type { BuiltinContext, BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import { type Value, RSet, isArray, isObject, isSet } from '../value/index.js';
import { T, decl } from './lib-b/decl.js';
import { str } from './lib-b/operands.js';
import {
  type IP,
  type IPNet,
  bigToIP,
  contains,
  defaultMask,
  ipString,
  ipToBig,
  maskIP,
  maskSize,
  parseCIDR,
  parseIP,
  to4,
} from './lib-b/goip.js';
import { mergeCIDRs } from './lib-b/cidrmerge.js';

/** getNetFromOperand: OPA reports any operand's type error as operand 1. */
function netOf(v: Value): IPNet {
  const s = str([v], 1);
  try {
    return parseCIDR(s);
  } catch (e) {
    throw new BuiltinFailure((e as Error).message);
  }
}

function lastIP(n: IPNet): IP {
  const [ones, bits] = maskSize(n.mask);
  if (ones === 0 && bits === 0) throw new BuiltinFailure('CIDR mask is in non-standard format');
  if (ones === bits) return n.ip;
  const first = ipToBig(n.ip);
  const last = first | ((1n << BigInt(bits - ones)) - 1n);
  return bigToIP(last, bits / 8);
}

function cidrContains(a: Value, b: Value): boolean {
  const net = netOf(a);
  const bs = str([b], 1);
  const ip = parseIP(bs);
  if (ip) return contains(net, ip);
  let other: IPNet;
  try {
    other = parseCIDR(bs);
  } catch {
    throw new BuiltinFailure(`not a valid textual representation of an IP address or CIDR: ${bs}`);
  }
  return contains(net, other.ip) && contains(net, lastIP(other));
}

/** Operand of cidr_contains_matches: [cidr, index] pairs. */
function matchTerms(v: Value, operand: number): [Value, Value][] {
  const cidrOf = (x: Value): Value => {
    if (typeof x === 'string') return x;
    if (isArray(x) && x.length > 0) return x[0]!;
    throw new BuiltinFailure(`operand ${operand}: element must be string or non-empty array`);
  };
  if (typeof v === 'string') return [[v, v]];
  if (isArray(v)) return v.map((x, i) => [cidrOf(x), i]);
  if (isSet(v)) return v.values().map((x) => [cidrOf(x), x]);
  if (isObject(v)) return v.entries().map(([k, x]) => [cidrOf(x), k]);
  return [];
}

function containsMatches(args: Value[]): Value {
  const out = new RSet();
  for (const [c1, i1] of matchTerms(args[0] ?? null, 1))
    for (const [c2, i2] of matchTerms(args[1] ?? null, 2)) if (cidrContains(c1, c2)) out.add([i1, i2]);
  return out;
}

function expand(args: Value[], ctx: BuiltinContext): Value {
  const s = str(args, 1);
  let net: IPNet;
  try {
    net = parseCIDR(s);
  } catch (e) {
    throw new BuiltinFailure((e as Error).message);
  }
  const out = new RSet();
  const width = net.ip.length;
  let cur = ipToBig(maskIP(net.ip, net.mask) ?? net.ip);
  const max = (1n << BigInt(width * 8)) - 1n;
  for (let n = 0; ; n++) {
    const ip = bigToIP(cur, width);
    if (!contains(net, ip)) break;
    if (n % 4096 === 4095) ctx.checkCancelled?.();
    out.add(ipString(ip));
    if (cur === max) break;
    cur++;
  }
  return out;
}

function networkOf(x: Value): IPNet {
  if (typeof x !== 'string') throw new BuiltinFailure('element must be string');
  const ip = parseIP(x);
  if (!ip) {
    try {
      return parseCIDR(x);
    } catch (e) {
      throw new BuiltinFailure((e as Error).message);
    }
  }
  if (to4(ip)) return { ip, mask: defaultMask(ip)! };
  throw new BuiltinFailure('IPv6 invalid: needs prefix length');
}

function merge(args: Value[]): Value {
  const v = args[0] ?? null;
  if (!isArray(v) && !isSet(v)) throw new BuiltinFailure('operand must be an array');
  const items = isArray(v) ? v : v.values();
  return RSet.from(mergeCIDRs(items.map(networkOf)));
}

const S = T.str;
const cidrs = T.oneOf(S, T.arr(T.oneOf(S, T.arr())), T.set(T.oneOf(S, T.arr())), T.obj(T.any, T.oneOf(S, T.arr())));

export const netBuiltins: BuiltinDecl[] = [
  decl('net.cidr_contains', 'net', [['cidr', S], ['cidr_or_ip', S]], T.bool, (a) => cidrContains(a[0] ?? null, a[1] ?? null)),
  decl('net.cidr_contains_matches', 'net', [['cidrs', cidrs], ['cidrs_or_ips', cidrs]], T.set(T.arr()), containsMatches),
  decl('net.cidr_expand', 'net', [['cidr', S]], T.set(S), expand),
  decl('net.cidr_intersects', 'net', [['cidr1', S], ['cidr2', S]], T.bool, (a) => {
    const x = netOf(a[0] ?? null);
    const y = netOf(a[1] ?? null);
    return contains(x, y.ip) || contains(y, x.ip);
  }),
  decl('net.cidr_is_valid', 'net', [['cidr', S]], T.bool, (a) => {
    const s = a[0];
    if (typeof s !== 'string') return false;
    try {
      parseCIDR(s);
      return true;
    } catch {
      return false;
    }
  }),
  decl('net.cidr_merge', 'net', [['addrs', T.oneOf(T.arr(S), T.set(S))]], T.set(S), merge),
];
