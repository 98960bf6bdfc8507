// providers.aws.sign_req: the AWS SigV4 test-suite vector, request/config validation and the
// shape of the signed request.
import { describe, expect, it } from 'vitest';
import { awsSignBuiltins, escapedPath, parseUrl, signV4 } from '../../../../src/rego/builtins/aws-sign.js';
import { TypeErrorText } from '../../../../src/rego/builtins/types.js';
import { fromJS, RObject, type Value } from '../../../../src/rego/value/index.js';
import { call } from './helpers.js';

const config = {
  aws_access_key: 'AKIDEXAMPLE',
  aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  aws_service: 'service',
  aws_region: 'us-east-1',
};
const AUG_30_2015 = 1440938160000000000n; // 2015-08-30T12:36:00Z

const sign = (req: unknown, cfg: unknown = config, time: Value = Number(AUG_30_2015)): RObject =>
  call(awsSignBuiltins, 'providers.aws.sign_req', [fromJS(req), fromJS(cfg), time]) as RObject;

describe('signV4', () => {
  it('reproduces the get-vanilla vector of the AWS SigV4 test suite', () => {
    const { authorization, awsHeaders } = signV4({
      method: 'GET',
      url: 'https://example.amazonaws.com/',
      headers: new Map(),
      body: Buffer.alloc(0),
      service: 'service',
      region: 'us-east-1',
      accessKey: 'AKIDEXAMPLE',
      secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      sessionToken: '',
      timeNs: AUG_30_2015,
      disablePayloadSigning: false,
    });
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'.replace(/, /g, ','),
    );
    expect([...awsHeaders]).toEqual([['host', 'example.amazonaws.com'], ['x-amz-date', '20150830T123600Z']]);
  });

  it('reads URLs like Go net/url', () => {
    expect(parseUrl('https://user@h.example:8443/a%20b/c?x=1&y=2#frag')).toEqual({ host: 'h.example:8443', path: '/a%20b/c', query: 'x=1&y=2' });
    expect(parseUrl('http://example.com')).toEqual({ host: 'example.com', path: '', query: '' });
    expect(escapedPath('/a b/ü')).toBe('/a%20b/%C3%BC');
    expect(escapedPath('/already%2Fescaped')).toBe('/already%2Fescaped');
  });
});

describe('providers.aws.sign_req', () => {
  it('keeps the request, adds the signature headers and signs custom headers', () => {
    const out = sign({ method: 'GET', url: 'https://example.amazonaws.com/', headers: { 'X-Custom': 'v', 'User-Agent': 'kw' } });
    expect(out.get('method')).toBe('GET');
    const headers = out.get('headers') as RObject;
    expect(headers.get('X-Custom')).toBe('v');
    expect(headers.get('x-amz-date')).toBe('20150830T123600Z');
    expect(headers.get('Authorization')).toMatch(/SignedHeaders=host;x-amz-date;x-custom,Signature=[0-9a-f]{64}$/); // user-agent is not signed
  });

  it('adds the payload hash for s3, or UNSIGNED-PAYLOAD when payload signing is disabled', () => {
    const s3 = { ...config, aws_service: 's3' };
    const req = { method: 'PUT', url: 'https://b.s3.amazonaws.com/k', raw_body: 'hello' };
    const hash = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
    expect((sign(req, s3).get('headers') as RObject).get('x-amz-content-sha256')).toBe(hash);
    const unsigned = sign(req, { ...s3, disable_payload_signing: true }).get('headers') as RObject;
    expect(unsigned.get('x-amz-content-sha256')).toBe('UNSIGNED-PAYLOAD');
  });

  it('adds the session token header when a token is configured', () => {
    const headers = sign({ method: 'GET', url: 'https://e.example/' }, { ...config, aws_session_token: 'TOKEN' }).get('headers') as RObject;
    expect(headers.get('x-amz-security-token')).toBe('TOKEN');
    expect(headers.get('Authorization')).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
  });

  it('validates request, config and time with OPA texts', () => {
    const ok = { method: 'GET', url: 'https://e.example/' };
    expect(() => sign({})).toThrow('operand 1 missing required request parameters(s): {"method", "url"}');
    expect(() => sign({ ...ok, verb: 'x' })).toThrow('operand 1 invalid request parameters(s): {"verb"}');
    expect(() => sign(ok, { aws_service: 's3' })).toThrow(
      'operand 2 missing required AWS config parameters(s): {"aws_access_key", "aws_region", "aws_secret_access_key"}',
    );
    expect(() => sign(ok, { ...config, aws_region: 1 })).toThrow('operand 2 invalid values for required AWS config parameters(s): {"aws_region"}');
    expect(() => sign(ok, config, 1.5)).toThrow(TypeErrorText);
    expect(() => sign(ok, { ...config, disable_payload_signing: 'yes' })).toThrow("invalid value for 'disable_payload_signing'");
  });

  it('is deterministic for a given time', () => {
    const req = { method: 'GET', url: 'https://e.example/p?q=1' };
    expect(sign(req).get('headers')).toEqual(sign(req).get('headers'));
    expect(sign(req, config, Number(AUG_30_2015 + 86_400_000_000_000n)).get('headers')).not.toEqual(sign(req).get('headers'));
  });
});
