// semver.compare and semver.is_valid with strict SemVer 2.0.0 (https://semver.org): no leading
// zeros in numeric identifiers, no empty identifiers, build metadata ignored for precedence.
import type { Value } from '../value/types.js';
import type { BuiltinDecl } from './types.js';
import { BuiltinFailure } from './types.js';
import { builtin, str, T } from './lib-a/util.js';

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER = new RegExp(
  `^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`,
);

interface Version {
  core: [bigint, bigint, bigint];
  pre: string[];
}

export function parseSemver(s: string): Version | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  return { core: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] ? m[4].split('.') : [] };
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
  if (an) return -1; // numeric identifiers sort before alphanumeric ones
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSemver(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    if (a.core[i]! !== b.core[i]!) return a.core[i]! < b.core[i]! ? -1 : 1;
  }
  // A version with a pre-release has lower precedence than the same version without one.
  if (a.pre.length === 0 && b.pre.length === 0) return 0;
  if (a.pre.length === 0) return 1;
  if (b.pre.length === 0) return -1;
  const n = Math.min(a.pre.length, b.pre.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(a.pre[i]!, b.pre[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

function semverCompare([a, b]: Value[]): Value {
  const x = str(a, 1);
  const y = str(b, 2);
  const va = parseSemver(x);
  if (!va) throw new BuiltinFailure(`operand 1: string ${JSON.stringify(x)} is not a valid SemVer`);
  const vb = parseSemver(y);
  if (!vb) throw new BuiltinFailure(`operand 2: string ${JSON.stringify(y)} is not a valid SemVer`);
  return compareSemver(va, vb);
}

export const semverBuiltins: BuiltinDecl[] = [
  builtin('semver.compare', 'semver', [['a', T.str], ['b', T.str]], T.num, semverCompare),
  builtin('semver.is_valid', 'semver', [['vsn', T.any]], T.bool, ([v]) => typeof v === 'string' && parseSemver(v) !== undefined),
];
