// uuid.rfc4122 (random v4 from the injected randomness, one value per argument per evaluation)
// and uuid.parse (google/uuid's accepted forms, fields as OPA's internal/uuid reports them).
import { RObject, valueKey, type Value } from '../value/types.js';
import { fromInteger } from '../value/arith.js';
import type { BuiltinContext, BuiltinDecl } from './types.js';
import { builtin, str, T } from './lib-a/util.js';

function hex(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

function rfc4122([k]: Value[], ctx: BuiltinContext): Value {
  const key = 'uuid.rfc4122\u0000' + valueKey(k ?? null);
  const cached = ctx.cache.get(key);
  if (cached !== undefined) return cached;
  const b = Array.from({ length: 16 }, () => Math.floor(ctx.random() * 256) & 0xff);
  b[8] = (b[8]! & 0x3f) | 0x80;
  b[6] = (b[6]! & 0x0f) | 0x40;
  const s = `${hex(b.slice(0, 4))}-${hex(b.slice(4, 6))}-${hex(b.slice(6, 8))}-${hex(b.slice(8, 10))}-${hex(b.slice(10))}`;
  ctx.cache.set(key, s);
  return s;
}

/** The 16 bytes of a UUID in any form google/uuid.Parse accepts, or undefined. */
export function uuidBytes(s: string): number[] | undefined {
  let body = s;
  if (body.length === 45 && body.slice(0, 9).toLowerCase() === 'urn:uuid:') body = body.slice(9);
  else if (body.length === 38 && body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1);
  let digits: string;
  if (body.length === 36) {
    if (body[8] !== '-' || body[13] !== '-' || body[18] !== '-' || body[23] !== '-') return undefined;
    digits = body.replaceAll('-', '');
    if (digits.length !== 32) return undefined;
  } else if (body.length === 32) digits = body;
  else return undefined;
  if (!/^[0-9a-fA-F]{32}$/.test(digits)) return undefined;
  return Array.from({ length: 16 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

function variant(b: number): string {
  if ((b & 0xc0) === 0x80) return 'RFC4122';
  if ((b & 0xe0) === 0xc0) return 'Microsoft';
  if ((b & 0xe0) === 0xe0) return 'Future';
  return 'Reserved';
}

function macVariables(b: number): string {
  if ((b & 3) === 3) return 'local:multicast';
  if ((b & 1) === 1) return 'global:multicast';
  if ((b & 2) === 2) return 'local:unicast';
  return 'global:unicast';
}

const GREGORIAN_TO_UNIX_100NS = 122192928000000000n;
const DOMAINS = ['Person', 'Group', 'Org'];

function parse([v]: Value[]): Value | undefined {
  const b = uuidBytes(str(v, 1));
  if (!b) return undefined; // OPA: an unparsable UUID is undefined, not an error
  const version = b[6]! >> 4;
  const out = RObject.from([
    ['version', version],
    ['variant', variant(b[8]!)],
  ]);
  if (version === 1 || version === 2) {
    const u32 = (i: number): bigint => BigInt(((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!);
    const u16 = (i: number): bigint => BigInt((b[i]! << 8) + b[i + 1]!);
    const t = u32(0) | (u16(4) << 32n) | ((u16(6) & 0xfffn) << 48n);
    out.set('time', fromInteger((t - GREGORIAN_TO_UNIX_100NS) * 100n));
    out.set('nodeid', b.slice(10).map((x) => x.toString(16).padStart(2, '0')).join('-'));
    out.set('macvariables', macVariables(b[10]!));
    out.set('clocksequence', Number(u16(8) & 0x3fffn));
    if (version === 2) {
      out.set('id', fromInteger(u32(0)));
      out.set('domain', DOMAINS[b[9]!] ?? `Domain${b[9]}`);
    }
  }
  return out;
}

export const uuidBuiltins: BuiltinDecl[] = [
  builtin('uuid.rfc4122', 'uuid', [['k', T.str]], T.str, rfc4122, { nondeterministic: true }),
  builtin('uuid.parse', 'uuid', [['uuid', T.str]], T.obj(T.str, T.any), parse),
];
