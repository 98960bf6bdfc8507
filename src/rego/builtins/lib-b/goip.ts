// Go's net.IP / net.IPNet model for the net.cidr_* builtins: 4- or 16-byte addresses, ParseIP and
// ParseCIDR (through netip rules: no leading zeros in IPv4 fields, no zones), Contains, String.

export type IP = number[]; // 4 or 16 bytes
export interface IPNet {
  ip: IP;
  mask: IP;
}

const V4_IN_V6 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIPv6(s: string): number[] | undefined {
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // an embedded IPv4 tail stands for the last two groups
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    const hex = (hi: number, lo: number): string => ((hi << 8) | lo).toString(16);
    text = s.slice(0, lastColon + 1) + hex(v4[0]!, v4[1]!) + ':' + hex(v4[2]!, v4[3]!);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const used = head.length + rest.length;
  if (halves.length === 1) return used === 16 ? head : undefined;
  if (used > 14) return undefined; // :: stands for at least one group
  return [...head, ...new Array<number>(16 - used).fill(0), ...rest];
}

/** netip.ParseAddr without zones: [bytes, isIPv4]. */
function parseAddr(s: string): { bytes: number[]; v4: boolean } | undefined {
  if (s.includes(':')) {
    const b = parseIPv6(s);
    return b ? { bytes: b, v4: false } : undefined;
  }
  const b = parseIPv4(s);
  return b ? { bytes: b, v4: true } : undefined;
}

/** net.ParseIP: a 16-byte address (IPv4 as v4-in-v6), or undefined. */
export function parseIP(s: string): IP | undefined {
  const a = parseAddr(s);
  if (!a) return undefined;
  return a.v4 ? [...V4_IN_V6, ...a.bytes] : a.bytes;
}

export function cidrMask(ones: number, bits: number): IP {
  const out: number[] = [];
  for (let i = 0; i < bits / 8; i++) {
    const n = Math.max(0, Math.min(8, ones - i * 8));
    out.push((0xff << (8 - n)) & 0xff);
  }
  return out;
}

/** net.ParseCIDR's network, or an Error with Go's text. */
export function parseCIDR(s: string): IPNet {
  const bad = new Error(`invalid CIDR address: ${s}`);
  const slash = s.indexOf('/');
  if (slash < 0) throw bad;
  const a = parseAddr(s.slice(0, slash));
  const prefix = s.slice(slash + 1);
  if (!a || !/^\d+$/.test(prefix) || prefix.length > 6) throw bad;
  const bits = a.v4 ? 32 : 128;
  const n = Number(prefix);
  if (n > bits) throw bad;
  const mask = cidrMask(n, bits);
  const ip16 = a.v4 ? [...V4_IN_V6, ...a.bytes] : a.bytes;
  return { ip: maskIP(ip16, mask)!, mask };
}

/** net.IP.To4: the 4-byte form of an IPv4 (or v4-in-v6) address. */
export function to4(ip: IP): IP | undefined {
  if (ip.length === 4) return ip;
  if (ip.length === 16 && V4_IN_V6.every((b, i) => ip[i] === b)) return ip.slice(12);
  return undefined;
}

/** net.IP.Mask. */
export function maskIP(ip: IP, mask: IP): IP | undefined {
  if (mask.length === 16 && ip.length === 4 && mask.slice(0, 12).every((b) => b === 0xff)) mask = mask.slice(12);
  if (mask.length === 4 && ip.length === 16 && V4_IN_V6.every((b, i) => ip[i] === b)) ip = ip.slice(12);
  if (ip.length !== mask.length) return undefined;
  return ip.map((b, i) => b & mask[i]!);
}

function networkNumberAndMask(n: IPNet): { ip: IP; mask: IP } | undefined {
  let ip = to4(n.ip);
  if (!ip) {
    ip = n.ip;
    if (ip.length !== 16) return undefined;
  }
  let mask = n.mask;
  if (mask.length === 4) {
    if (ip.length !== 4) return undefined;
  } else if (mask.length === 16) {
    if (ip.length === 4) mask = mask.slice(12);
  } else return undefined;
  return { ip, mask };
}

/** net.IPNet.Contains. */
export function contains(n: IPNet, ip: IP): boolean {
  const nm = networkNumberAndMask(n);
  if (!nm) return false;
  const x = to4(ip) ?? ip;
  if (x.length !== nm.ip.length) return false;
  return x.every((b, i) => (nm.ip[i]! & nm.mask[i]!) === (b & nm.mask[i]!));
}

/** IPMask.Size: [ones, bits], or [0, 0] for a non-canonical mask. */
export function maskSize(mask: IP): [number, number] {
  let ones = 0;
  let seenZero = false;
  for (const b of mask)
    for (let bit = 7; bit >= 0; bit--) {
      if ((b >> bit) & 1) {
        if (seenZero) return [0, 0];
        ones++;
      } else seenZero = true;
    }
  return [ones, mask.length * 8];
}

/** net.IP.String. */
export function ipString(ip: IP): string {
  const v4 = to4(ip);
  if (v4) return v4.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip[i]! << 8) | ip[i + 1]!);
  let zs = -1;
  let ze = -1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i >= 2 && j - i > ze - zs) {
      zs = i;
      ze = j;
    }
  }
  const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (zs < 0) return hex(groups);
  return hex(groups.slice(0, zs)) + '::' + hex(groups.slice(ze));
}

/** net.IPNet.String. */
export function netString(n: IPNet): string {
  const nm = networkNumberAndMask(n);
  if (!nm) return '<nil>';
  const [ones, bits] = maskSize(nm.mask);
  if (ones === 0 && bits === 0) return ipString(nm.ip) + '/' + nm.mask.map((b) => b.toString(16).padStart(2, '0')).join('');
  return ipString(nm.ip) + '/' + ones;
}

export function ipToBig(ip: IP): bigint {
  return ip.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

export function bigToIP(v: bigint, len: number): IP {
  const out: number[] = new Array<number>(len).fill(0);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** net.IP.DefaultMask: the classful mask of an IPv4 address. */
export function defaultMask(ip: IP): IP | undefined {
  const v4 = to4(ip);
  if (!v4) return undefined;
  if (v4[0]! < 0x80) return cidrMask(8, 32);
  if (v4[0]! < 0xc0) return cidrMask(16, 32);
  return cidrMask(24, 32);
}
