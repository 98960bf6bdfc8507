// Pure mapping: Cloud KMS algorithm names, purposes and protection levels; proto times; error
// classification; the audit-config records that make "Data Access logs off" a finding.
import { describe, expect, it } from 'vitest';
import { classifyGcpError, isRetryable } from '../../../../src/collectors/gcp/errors.js';
import { auditConfigs, bindingStatements } from '../../../../src/collectors/gcp/iam.js';
import { algorithmFacts, protectionOf, purposeOf } from '../../../../src/collectors/gcp/kms/algorithm.js';
import { durationSeconds, isoTime } from '../../../../src/collectors/gcp/kms/types.js';
import { retryAfterMs } from '../../../../src/collectors/gcp/transport.js';

describe('Cloud KMS algorithms', () => {
  it.each([
    ['GOOGLE_SYMMETRIC_ENCRYPTION', { keyType: 'symmetric', sizeBits: 256 }],
    ['AES_128_GCM', { keyType: 'symmetric', sizeBits: 128 }],
    ['HMAC_SHA512', { keyType: 'hmac', sizeBits: 512 }],
    ['RSA_SIGN_PSS_3072_SHA256', { keyType: 'rsa', sizeBits: 3072 }],
    ['RSA_SIGN_RAW_PKCS1_4096', { keyType: 'rsa', sizeBits: 4096 }],
    ['RSA_DECRYPT_OAEP_2048_SHA1', { keyType: 'rsa', sizeBits: 2048 }],
    ['EC_SIGN_P384_SHA384', { keyType: 'ec', sizeBits: 384, curve: 'P-384' }],
    ['EC_SIGN_SECP256K1_SHA256', { keyType: 'ec', sizeBits: 256, curve: 'secp256k1' }],
    ['EC_SIGN_ED25519', { keyType: 'okp', sizeBits: 256, curve: 'Ed25519' }],
    ['PQ_SIGN_ML_DSA_65', { keyType: 'ml-dsa' }],
    ['ML_KEM_768', { keyType: 'ml-kem' }],
    ['EXTERNAL_SYMMETRIC_ENCRYPTION', { keyType: 'symmetric' }],
    ['SOMETHING_NEW', {}],
  ])('%s', (name, facts) => expect(algorithmFacts(name)).toEqual(facts));

  it('purposes and protection levels', () => {
    expect(['ENCRYPT_DECRYPT', 'ASYMMETRIC_SIGN', 'ASYMMETRIC_DECRYPT', 'MAC', 'RAW_ENCRYPT_DECRYPT', 'KEY_ENCAPSULATION', undefined].map(purposeOf)).toEqual(['encrypt-decrypt', 'sign-verify', 'encrypt-decrypt', 'mac', 'encrypt-decrypt', 'key-agreement', undefined]);
    expect(['SOFTWARE', 'HSM', 'HSM_SINGLE_TENANT', 'EXTERNAL', 'EXTERNAL_VPC', 'X'].map(protectionOf)).toEqual(['software', 'hsm', 'hsm', 'external', 'external-vpc', undefined]);
  });

  it('proto Timestamps and Durations as the SDK decodes them (seconds as strings)', () => {
    expect(isoTime({ seconds: '1735689600', nanos: 0 })).toBe('2025-01-01T00:00:00Z');
    expect(isoTime({ seconds: '1735689600', nanos: 250_000_000 })).toBe('2025-01-01T00:00:00.250Z');
    expect(isoTime(null)).toBeUndefined();
    expect(durationSeconds({ seconds: '7776000', nanos: 0 })).toBe(7_776_000);
    expect(durationSeconds({ seconds: '0' })).toBeUndefined();
  });
});

describe('IAM and audit configuration', () => {
  it('one statement per binding, members sorted, public flagged, conditions kept', () => {
    const s = bindingStatements({ bindings: [{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['user:b@x', 'allAuthenticatedUsers', 'user:b@x'], condition: { title: 'until 2027', expression: 'request.time < timestamp("2027-01-01T00:00:00Z")', description: null } }, { role: 'roles/viewer', members: [] }] }, 'inherited', 'projects/p');
    expect(s).toEqual([{ effect: 'allow', principals: ['allAuthenticatedUsers', 'user:b@x'], public: true, actions: ['roles/cloudkms.cryptoKeyDecrypter'], conditions: { title: 'until 2027', expression: 'request.time < timestamp("2027-01-01T00:00:00Z")' }, source: 'inherited', scope: 'projects/p' }]);
  });

  it('no auditConfigs for Cloud KMS: one record that says Data Access logs are off', () => {
    expect(auditConfigs('p', { auditConfigs: [{ service: 'storage.googleapis.com', auditLogConfigs: [{ logType: 'DATA_READ' }] }] })).toEqual([
      { ref: { provider: 'gcp', account: 'p', type: 'audit-config', id: 'projects/p/auditConfigs/cloudkms.googleapis.com', name: 'cloudkms.googleapis.com' }, provider: 'gcp', account: 'p', id: 'projects/p/auditConfigs/cloudkms.googleapis.com', kind: 'gcp-audit-config', enabled: false, readEvents: false, writeEvents: false, covers: ['cloudkms.googleapis.com'], raw: { auditLogConfigs: [], configured: false } },
    ]);
  });

  it('numeric log types (enum-encoding=int) and exempted members', () => {
    const [c] = auditConfigs('p', { auditConfigs: [{ service: 'cloudkms.googleapis.com', auditLogConfigs: [{ logType: 3, exemptedMembers: ['user:z@x', 'user:a@x'] }, { logType: 'DATA_WRITE' }] }] });
    expect(c).toMatchObject({ enabled: true, readEvents: true, writeEvents: true, raw: { auditLogConfigs: [{ logType: 'DATA_READ', exemptedMembers: ['user:a@x', 'user:z@x'] }, { logType: 'DATA_WRITE' }] } });
  });
});

describe('errors', () => {
  const gaxios = (status: number, body: unknown, headers: Record<string, string> = {}) => Object.assign(new Error(JSON.stringify(body)), { status, response: { status, headers: new Headers(headers) } });
  it('classifies Google error bodies and network failures', () => {
    expect(classifyGcpError(gaxios(403, { error: { code: 403, message: 'Permission denied', status: 'PERMISSION_DENIED' } }))).toEqual({ code: 'AccessDenied', retryable: false, message: 'PERMISSION_DENIED: Permission denied' });
    expect(classifyGcpError(gaxios(403, { error: { code: 403, message: 'Cloud KMS API has not been used in project 1 before or it is disabled', status: 'PERMISSION_DENIED' } })).code).toBe('ApiDisabled');
    expect(classifyGcpError(gaxios(429, { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }))).toMatchObject({ code: 'Throttled', retryable: true });
    expect(classifyGcpError(gaxios(401, 'nope')).code).toBe('Unauthenticated');
    expect(classifyGcpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({ code: 'Unreachable', retryable: true });
    expect(classifyGcpError(Object.assign(new Error('gax'), { code: 7 })).code).toBe('AccessDenied');
    expect(isRetryable(gaxios(503, {}))).toBe(true);
    expect(isRetryable(gaxios(403, {}))).toBe(false);
  });

  it('Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs(gaxios(429, {}, { 'retry-after': '7' }))).toBe(7000);
    expect(retryAfterMs(gaxios(429, {}, { 'retry-after': 'Sat, 28 Nov 2026 12:00:10 GMT' }), Date.parse('2026-11-28T12:00:00Z'))).toBe(10_000);
    expect(retryAfterMs(gaxios(429, {}))).toBeUndefined();
  });
});
