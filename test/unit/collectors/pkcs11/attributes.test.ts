import pkcs11js from 'pkcs11js';
import { describe, expect, it } from 'vitest';
import { attributesFor, decode, mechanismName, readAttributes } from '../../../../src/collectors/pkcs11/attributes.js';
import { FORBIDDEN_ATTRIBUTES, type ReadOnlyPkcs11 } from '../../../../src/collectors/pkcs11/session.js';

const ulong = (v: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
};

/** A token that rejects any template containing `invalid`, and throws pkcs11js's TypeError for empty dates. */
function token(values: Map<number, Buffer>, invalid: Set<number>, emptyDates: Set<number> = new Set()): ReadOnlyPkcs11 & { batches: number[][] } {
  const batches: number[][] = [];
  return {
    batches,
    getAttributes(_s: Buffer, _o: Buffer, types: readonly number[]) {
      batches.push([...types]);
      for (const t of types) {
        if (invalid.has(t)) throw new Error('CKR_ATTRIBUTE_TYPE_INVALID:18');
        if (emptyDates.has(t)) throw new TypeError(`Attribute 0x${t.toString(16)} has wrong length. Should be 8, but is 0`);
      }
      return types.map((type) => ({ type, value: values.get(type) ?? Buffer.alloc(0) }));
    },
  } as unknown as ReadOnlyPkcs11 & { batches: number[][] };
}

describe('readAttributes', () => {
  const specs = attributesFor(pkcs11js.CKO_SECRET_KEY).filter((s) => ['CKA_SENSITIVE', 'CKA_COPYABLE', 'CKA_LABEL', 'CKA_END_DATE'].includes(s.name));

  it('reads a whole batch in one call when the token accepts it', () => {
    const t = token(new Map([[pkcs11js.CKA_SENSITIVE, Buffer.from([1])], [pkcs11js.CKA_COPYABLE, Buffer.from([0])], [pkcs11js.CKA_LABEL, Buffer.from('k1')], [pkcs11js.CKA_END_DATE, Buffer.from('20271231')]]), new Set());
    const got = readAttributes(t, Buffer.alloc(8), Buffer.alloc(8), specs);
    expect(got).toEqual({ values: { CKA_SENSITIVE: true, CKA_COPYABLE: false, CKA_LABEL: 'k1', CKA_END_DATE: '2027-12-31' }, errors: {} });
    expect(t.batches).toHaveLength(1);
  });

  it('falls back to one attribute at a time; the rejected one is unknown, not false', () => {
    const t = token(new Map([[pkcs11js.CKA_SENSITIVE, Buffer.from([1])], [pkcs11js.CKA_LABEL, Buffer.from('k1')]]), new Set([pkcs11js.CKA_COPYABLE]), new Set([pkcs11js.CKA_END_DATE]));
    const got = readAttributes(t, Buffer.alloc(8), Buffer.alloc(8), specs);
    expect(got.values).toEqual({ CKA_SENSITIVE: true, CKA_LABEL: 'k1' });
    expect(got.errors).toEqual({ CKA_COPYABLE: 'CKR_ATTRIBUTE_TYPE_INVALID' }); // the empty date is "not set", not an error
    expect(t.batches.length).toBe(1 + specs.length);
  });

  it('never lists key material among the attributes it asks for', () => {
    for (const cls of [pkcs11js.CKO_SECRET_KEY, pkcs11js.CKO_PRIVATE_KEY, pkcs11js.CKO_PUBLIC_KEY, pkcs11js.CKO_CERTIFICATE, pkcs11js.CKO_DATA]) {
      for (const s of attributesFor(cls)) expect(FORBIDDEN_ATTRIBUTES.has(s.type), s.name).toBe(false);
    }
  });
});

describe('decode', () => {
  it('decodes each kind', () => {
    expect(decode('bool', Buffer.from([0]))).toBe(false);
    expect(decode('ulong', ulong(32))).toBe(32);
    expect(decode('string', Buffer.from('label   '))).toBe('label');
    expect(decode('hex', Buffer.from([1, 0xa1]))).toBe('01a1');
    expect(decode('date', Buffer.from('20240229'))).toBe('2024-02-29');
    expect(decode('date', Buffer.from('00000000'))).toBeUndefined();
    expect(decode('mechanisms', Buffer.concat([ulong(pkcs11js.CKM_AES_GCM), ulong(pkcs11js.CKM_AES_CBC)]))).toEqual(['CKM_AES_CBC', 'CKM_AES_GCM']);
    expect(decode('mechanisms', Buffer.alloc(0))).toBeUndefined();
  });

  it('names unknown vendor mechanisms by value', () => {
    expect(mechanismName(0x80000123)).toBe('CKM_0x80000123');
    expect(mechanismName(pkcs11js.CKM_EC_KEY_PAIR_GEN)).toBe('CKM_EC_KEY_PAIR_GEN');
  });
});
