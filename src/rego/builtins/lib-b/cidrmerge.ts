// net.cidr_merge: OPA's algorithm (from netaddr via Cilium): every network becomes a range in the
// 16-byte address space (IPv4 as ::ffff:a.b.c.d), ranges are sorted by (last, first) and merged
// right to left when adjacent or overlapping; merged ranges are re-expressed as minimal CIDRs.
import { type IPNet, bigToIP, ipToBig, maskIP, netString, to4 } from './goip.js';

const V4_BASE = 0xffffn << 32n;
const V4_MAX = V4_BASE | 0xffffffffn;

interface Block {
  first: bigint;
  last: bigint;
  net?: IPNet; // the original network, while not merged with another
}

/** GetAddressRange: first and last address of a network in the 16-byte space. */
function addressRange(n: IPNet): Block {
  const masked = maskIP(n.ip, n.mask) ?? n.ip;
  const ip16 = masked.length === 4 || to4(masked) ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...(to4(masked) ?? masked)] : masked;
  const first = ipToBig(ip16);
  let host = 0n;
  for (const b of n.mask) host = (host << 8n) | BigInt(~b & 0xff);
  return { first, last: first | host, net: n };
}

/** GetPreviousIP: never below :: or ::ffff:0.0.0.0. */
function previous(ip: bigint): bigint {
  return ip === 0n || ip === V4_BASE ? ip : ip - 1n;
}

/** The minimal list of CIDRs covering [first, last] (RangeToCIDRs). */
function rangeToCIDRs(first: bigint, last: bigint): string[] {
  const v4 = first >= V4_BASE && first <= V4_MAX;
  const bits = v4 ? 32 : 128;
  const base = v4 ? V4_BASE : 0n;
  let lo = first - base;
  const hi = last - base;
  const out: string[] = [];
  while (lo <= hi) {
    let size = bits;
    // largest block aligned at lo that stays within hi
    let k = 0;
    while (k < bits && ((lo >> BigInt(k)) & 1n) === 0n) k++;
    while (k > 0 && lo + (1n << BigInt(k)) - 1n > hi) k--;
    size = bits - k;
    const ip = bigToIP(lo, bits / 8);
    out.push(netString({ ip, mask: prefixMask(size, bits) }));
    lo += 1n << BigInt(k);
  }
  return out;
}

function prefixMask(ones: number, bits: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bits / 8; i++) {
    const n = Math.max(0, Math.min(8, ones - i * 8));
    out.push((0xff << (8 - n)) & 0xff);
  }
  return out;
}

export function mergeCIDRs(networks: IPNet[]): string[] {
  const ranges = networks.map(addressRange);
  ranges.sort((a, b) => (a.last !== b.last ? (a.last < b.last ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (let i = ranges.length - 1; i > 0; i--) {
    const cur = ranges[i]!;
    const prev = ranges[i - 1]!;
    if (previous(cur.first) <= prev.last) {
      ranges[i - 1] = { first: prev.first < cur.first ? prev.first : cur.first, last: cur.last };
      ranges.splice(i, 1);
    }
  }
  return ranges.flatMap((r) => (r.net ? [netString(r.net)] : rangeToCIDRs(r.first, r.last)));
}
