// Reading and decoding object attributes. Tokens reject a whole template when one attribute is
// unsupported (CKR_ATTRIBUTE_TYPE_INVALID), so a failed batch is retried one attribute at a time and
// each failure is kept as a reason ("unknown, not false"). Key material is never in these lists.
import pkcs11js from 'pkcs11js';
import { errorCode, type Handle, type ReadOnlyPkcs11 } from './session.js';

export type AttributeKind = 'bool' | 'ulong' | 'string' | 'hex' | 'date' | 'mechanisms';
export type AttributeValue = boolean | number | string | string[];

export interface AttributeSpec {
  name: string;
  type: number;
  kind: AttributeKind;
}

const spec = (name: string, kind: AttributeKind): AttributeSpec => {
  const type = (pkcs11js as unknown as Record<string, number>)[name];
  if (typeof type !== 'number') throw new Error(`pkcs11js has no constant ${name}`);
  return { name, type, kind };
};

const COMMON = [
  spec('CKA_CLASS', 'ulong'), spec('CKA_TOKEN', 'bool'), spec('CKA_PRIVATE', 'bool'), spec('CKA_LABEL', 'string'),
  spec('CKA_ID', 'hex'), spec('CKA_MODIFIABLE', 'bool'), spec('CKA_COPYABLE', 'bool'), spec('CKA_DESTROYABLE', 'bool'),
  spec('CKA_START_DATE', 'date'), spec('CKA_END_DATE', 'date'),
];
const KEY = [spec('CKA_KEY_TYPE', 'ulong'), spec('CKA_LOCAL', 'bool'), spec('CKA_DERIVE', 'bool'), spec('CKA_ALLOWED_MECHANISMS', 'mechanisms')];
const SECRET_OR_PRIVATE = [
  spec('CKA_SENSITIVE', 'bool'), spec('CKA_ALWAYS_SENSITIVE', 'bool'), spec('CKA_EXTRACTABLE', 'bool'),
  spec('CKA_NEVER_EXTRACTABLE', 'bool'), spec('CKA_WRAP_WITH_TRUSTED', 'bool'), spec('CKA_DECRYPT', 'bool'),
  spec('CKA_SIGN', 'bool'), spec('CKA_UNWRAP', 'bool'),
];
const SECRET_OR_PUBLIC = [spec('CKA_ENCRYPT', 'bool'), spec('CKA_VERIFY', 'bool'), spec('CKA_WRAP', 'bool'), spec('CKA_TRUSTED', 'bool')];
const SIZE = [spec('CKA_VALUE_LEN', 'ulong'), spec('CKA_MODULUS_BITS', 'ulong'), spec('CKA_MODULUS', 'hex'), spec('CKA_EC_PARAMS', 'hex')];
const CERTIFICATE = [
  spec('CKA_CERTIFICATE_TYPE', 'ulong'), spec('CKA_TRUSTED', 'bool'), spec('CKA_CERTIFICATE_CATEGORY', 'ulong'),
  spec('CKA_SUBJECT', 'hex'), spec('CKA_ISSUER', 'hex'), spec('CKA_SERIAL_NUMBER', 'hex'),
];

/** The attributes worth asking for, by object class (PKCS#11 v3.0 section 4). */
export function attributesFor(objectClass: number): AttributeSpec[] {
  switch (objectClass) {
    case pkcs11js.CKO_SECRET_KEY:
      return [...COMMON, ...KEY, ...SECRET_OR_PRIVATE, ...SECRET_OR_PUBLIC, spec('CKA_VALUE_LEN', 'ulong')];
    case pkcs11js.CKO_PRIVATE_KEY:
      return [...COMMON, ...KEY, ...SECRET_OR_PRIVATE, ...SIZE.filter((s) => s.name !== 'CKA_VALUE_LEN')];
    case pkcs11js.CKO_PUBLIC_KEY:
      return [...COMMON, ...KEY, ...SECRET_OR_PUBLIC, ...SIZE.filter((s) => s.name !== 'CKA_VALUE_LEN')];
    case pkcs11js.CKO_CERTIFICATE:
      return [...COMMON, ...CERTIFICATE];
    default:
      return COMMON;
  }
}

export interface ObjectAttributes {
  values: Record<string, AttributeValue>;
  /** attribute name -> CKR_* code (or decoder error) that made it unreadable */
  errors: Record<string, string>;
}

/** Read the given attributes: one batch first, then one at a time if the batch is refused. */
export function readAttributes(p11: ReadOnlyPkcs11, session: Handle, object: Handle, specs: readonly AttributeSpec[]): ObjectAttributes {
  const out: ObjectAttributes = { values: {}, errors: {} };
  try {
    const got = p11.getAttributes(session, object, specs.map((s) => s.type));
    specs.forEach((s, i) => store(out, s, got[i]?.value));
    return out;
  } catch {
    // one unsupported, sensitive or broken attribute loses the batch: fall through to single reads
  }
  for (const s of specs) {
    try {
      store(out, s, p11.getAttributes(session, object, [s.type])[0]?.value);
    } catch (e) {
      // pkcs11js throws a TypeError for an empty (unset) date: valid PKCS#11, it means "not set"
      if (s.kind === 'date' && e instanceof TypeError && /length/i.test(e.message)) continue;
      out.errors[s.name] = errorCode(e);
    }
  }
  return out;
}

function store(out: ObjectAttributes, s: AttributeSpec, value: unknown): void {
  if (!Buffer.isBuffer(value)) {
    out.errors[s.name] = 'NoValue';
    return;
  }
  const decoded = decode(s.kind, value);
  if (decoded !== undefined) out.values[s.name] = decoded;
}

/** Decode a raw attribute value; undefined = not set (empty date, empty mechanism list). */
export function decode(kind: AttributeKind, value: Buffer): AttributeValue | undefined {
  switch (kind) {
    case 'bool':
      return value.length > 0 && value[0] !== 0;
    case 'ulong':
      return readUlong(value, 0);
    case 'string':
      return value.toString('utf8').replace(/[\s\0]+$/, '');
    case 'hex':
      return value.toString('hex');
    case 'date': {
      const text = value.toString('ascii');
      if (!/^\d{8}$/.test(text) || text === '00000000') return undefined;
      return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
    }
    case 'mechanisms': {
      const names: string[] = [];
      for (let off = 0; off + ULONG_BYTES <= value.length; off += ULONG_BYTES) names.push(mechanismName(readUlong(value, off)));
      return names.length > 0 ? names.sort() : undefined;
    }
  }
}

// CK_ULONG is 8 bytes on 64-bit Unix (LP64) and 4 on Windows (LLP64).
const ULONG_BYTES = process.platform === 'win32' ? 4 : 8;

function readUlong(value: Buffer, offset: number): number {
  if (value.length >= offset + 8 && ULONG_BYTES === 8) return Number(value.readBigUInt64LE(offset));
  return value.readUInt32LE(offset);
}

/** Reverse lookup of pkcs11js constants; the shortest name wins for aliases (CKM_EC_KEY_PAIR_GEN). */
function constantNames(prefix: string): Map<number, string> {
  const byValue = new Map<number, string>();
  for (const [name, v] of Object.entries(pkcs11js as unknown as Record<string, unknown>)) {
    if (!name.startsWith(prefix) || typeof v !== 'number') continue;
    const prev = byValue.get(v);
    if (!prev || name.length < prev.length || (name.length === prev.length && name < prev)) byValue.set(v, name);
  }
  return byValue;
}

const MECHANISMS = constantNames('CKM_');
const KEY_TYPES = constantNames('CKK_');
const CLASSES = constantNames('CKO_');

const hexName = (prefix: string, v: number) => `${prefix}0x${v.toString(16).padStart(8, '0')}`;
export const mechanismName = (v: number): string => MECHANISMS.get(v) ?? hexName('CKM_', v);
export const keyTypeName = (v: number): string => KEY_TYPES.get(v) ?? hexName('CKK_', v);
export const className = (v: number): string => CLASSES.get(v) ?? hexName('CKO_', v);
