// http.send: argument validation as in OPA; valid requests never reach the network.
import { describe, expect, it } from 'vitest';
import { httpBuiltins, NETWORK_DISABLED_MESSAGE } from '../../../../src/rego/builtins/http.js';
import { BuiltinFailure, TypeErrorText } from '../../../../src/rego/builtins/types.js';
import { compile, RegoError } from '../../../../src/rego/index.js';
import { fromJS, RObject } from '../../../../src/rego/value/index.js';
import { call } from './helpers.js';

const send = (req: unknown): unknown => call(httpBuiltins, 'http.send', [fromJS(req)]);

describe('http.send', () => {
  it('rejects unknown and missing parameters as type errors', () => {
    expect(() => send({ method: 'get', url: 'http://x', bad_key: 1, also: 2 })).toThrow(
      new TypeErrorText('operand 1 invalid request parameters(s): {"also", "bad_key"}'),
    );
    expect(() => send({ method: 'get' })).toThrow(new TypeErrorText('operand 1 missing required request parameters(s): {"url"}'));
  });

  it('checks parameter types before giving up on the network', () => {
    expect(() => send({ method: 1, url: 'http://x' })).toThrow(new BuiltinFailure('"method" must be a string'));
    expect(() => send({ method: 'get', url: 'http://x', headers: ['a'] })).toThrow('invalid type for headers key');
    expect(() => send({ method: 'get', url: 'http://x', raise_error: 'no' })).toThrow('invalid value for raise_error field');
  });

  it('fails valid requests: network access is disabled', () => {
    expect(() => send({ method: 'get', url: 'http://127.0.0.1:1' })).toThrow(BuiltinFailure);
    expect(() => send({ method: 'get', url: 'http://127.0.0.1:1' })).toThrow(NETWORK_DISABLED_MESSAGE);
  });

  it('returns error objects when raise_error is false', () => {
    const out = send({ method: 'get', url: 'http://x', raise_error: false }) as RObject;
    expect(out.get('status_code')).toBe(0);
    expect((out.get('error') as RObject).get('code')).toBe('eval_http_send_network_error');
    const invalid = send({ method: 'get', raise_error: false }) as RObject;
    expect((invalid.get('error') as RObject).get('code')).toBe('eval_http_send_internal_error');
  });

  it('surfaces as eval_builtin_error in a policy, and can still be mocked with `with`', async () => {
    const policy = await compile({
      modules: {
        'p.rego': `package p
status := http.send({"method": "GET", "url": "https://example.com"}).status_code
mocked := s if {
  s := status with http.send as {"status_code": 200}
}`,
      },
    });
    await expect(policy.query('data.p.status = x', { strictBuiltinErrors: true })).rejects.toMatchObject({ code: 'eval_builtin_error' });
    await expect(policy.query('data.p.status = x', { strictBuiltinErrors: true })).rejects.toBeInstanceOf(RegoError);
    expect(await policy.query('data.p.mocked = x')).toEqual([{ x: 200 }]);
  });
});
