import { describe, expect, it } from 'vitest';
import { parseKeyPolicy, principalsOf } from '../../../../src/collectors/aws/kms/policy.js';
import { automaticRotationSupported, specFacts, stateOf } from '../../../../src/collectors/aws/kms/spec.js';
import { createLimiter, mapLimited } from '../../../../src/collectors/aws/limit.js';
import { classifyAwsError } from '../../../../src/collectors/aws/errors.js';
import { sharedCredentials } from '../../../../src/collectors/aws/fanout.js';
import { mapKmsKey, sortAliases } from '../../../../src/collectors/aws/kms/map.js';

describe('key policy normalisation', () => {
  it('flattens principals, lists actions, lower-cases condition operators and keys, keeps values', () => {
    const parsed = parseKeyPolicy(
      JSON.stringify({
        Statement: [
          { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'svc', Effect: 'Allow', Principal: { Service: ['logs.eu-west-1.amazonaws.com'], AWS: ['arn:aws:iam::111122223333:role/B', 'arn:aws:iam::111122223333:role/A'] }, Action: ['kms:Encrypt*'], Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:*' } } },
          { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, NotAction: 'kms:Decrypt' },
        ],
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.access).toEqual([
      { effect: 'deny', principals: ['*'], public: true, actions: ['kms:*'], conditions: { bool: { 'aws:securetransport': 'false' } }, source: 'key-policy' },
      {
        effect: 'allow',
        principals: ['arn:aws:iam::111122223333:role/B', 'arn:aws:iam::111122223333:role/A', 'logs.eu-west-1.amazonaws.com'],
        actions: ['kms:Encrypt*'],
        conditions: { arnlike: { 'kms:encryptioncontext:aws:logs:arn': 'arn:aws:logs:*' } },
        source: 'key-policy',
        sid: 'svc',
      },
      { effect: 'allow', principals: [], actions: [], conditions: { notprincipal: { values: ['arn:aws:iam::1:root'] }, notaction: { values: ['kms:Decrypt'] } }, source: 'key-policy' },
    ]);
    expect(principalsOf('*')).toEqual(['*']);
  });

  it('an unparsable policy is an error, and the mapped key names it unknown', () => {
    expect(parseKeyPolicy('{not json').ok).toBe(false);
    const key = mapKmsKey({ account: '1', region: 'r', metadata: { KeyId: 'k', Arn: 'arn:k' }, aliases: [], policy: '[1]', unknown: {} });
    expect(key.unknown).toEqual({ policy: 'key policy is not a JSON object' });
    expect(key.access).toBeUndefined();
  });
});

describe('KMS vocabulary', () => {
  it('maps key specs, states and rotation support', () => {
    expect(specFacts('RSA_3072')).toEqual({ keyType: 'rsa', sizeBits: 3072 });
    expect(specFacts('HMAC_512')).toEqual({ keyType: 'hmac', sizeBits: 512 });
    expect(specFacts('ECC_SECG_P256K1')).toEqual({ keyType: 'ec', sizeBits: 256, curve: 'secp256k1' });
    expect(specFacts('ML_DSA_65')).toEqual({ keyType: 'ml-dsa' });
    expect(stateOf('PendingReplicaDeletion')).toBe('pending-deletion');
    expect(stateOf('Creating')).toBe('other');
    expect(automaticRotationSupported('SYMMETRIC_DEFAULT', 'AWS_KMS')).toBe(true);
    expect(automaticRotationSupported('SYMMETRIC_DEFAULT', 'EXTERNAL')).toBe(false);
    expect(automaticRotationSupported('HMAC_256', 'AWS_KMS')).toBe(false);
    expect(sortAliases(['alias/aws/s3', 'alias/z', 'alias/a'])).toEqual(['alias/a', 'alias/z', 'alias/aws/s3']);
  });
});

describe('plumbing', () => {
  it('the limiter never runs more than its bound and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
    expect(() => createLimiter(0)).toThrow(RangeError);
  });

  it('classifies SDK errors into gap codes', () => {
    const named = (name: string, status?: number) => Object.assign(new Error('m'), { name, ...(status !== undefined ? { $metadata: { httpStatusCode: status } } : {}) });
    expect(classifyAwsError(named('ThrottlingException'))).toMatchObject({ code: 'Throttled', retryable: true, message: 'ThrottlingException: m' });
    expect(classifyAwsError(named('AccessDeniedException')).code).toBe('AccessDenied');
    expect(classifyAwsError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).code).toBe('Unreachable');
    expect(classifyAwsError(named('KMSInternalException', 500))).toMatchObject({ code: 'KMSInternalException', retryable: true });
  });

  it('shares one credential fetch until five minutes before expiry', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    let calls = 0;
    const provider = sharedCredentials(() => {
      calls += 1;
      return Promise.resolve({ accessKeyId: `A${calls}`, secretAccessKey: 's', expiration: new Date(now + 15 * 60_000) });
    }, () => now);
    await Promise.all([provider(), provider(), provider()]);
    expect(calls).toBe(1);
    now += 9 * 60_000;
    expect((await provider()).accessKeyId).toBe('A1');
    now += 2 * 60_000;
    expect((await provider()).accessKeyId).toBe('A2');
  });
});
