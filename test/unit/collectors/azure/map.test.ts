// Pure mapping rules: ISO 8601 durations, vault defaults ARM leaves implicit, access statements, error codes.
import { describe, expect, it } from 'vitest';
import { accessPolicyStatements, rbacStatements, roleRights, scopeCovers } from '../../../../src/collectors/azure/access.js';
import { classifyAzureError } from '../../../../src/collectors/azure/errors.js';
import { durationDays, keyIdFor, rotationOf } from '../../../../src/collectors/azure/map-key.js';
import { mapVault } from '../../../../src/collectors/azure/vaults.js';

const SUB = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';
const VAULT = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv`;

describe('durations and rotation', () => {
  it.each([
    ['P90D', 90], ['P1Y', 365], ['P2Y', 730], ['P3M', 90], ['P1Y6M', 545], ['P2W', 14], ['p30d', 30], ['PT12H', undefined], ['90 days', undefined], [undefined, undefined],
  ])('%s → %s days', (iso, days) => expect(durationDays(iso)).toBe(days));

  it('a policy without a Rotate action is rotation off; certificate keys are not rotatable', () => {
    expect(rotationOf({ lifetimeActions: [{ action: 'Notify', timeBeforeExpiry: 'P30D' }] }, false)).toEqual({ supported: true, enabled: false, notifyBeforeExpiryDays: 30 });
    expect(rotationOf({ lifetimeActions: [{ action: 'Rotate', timeBeforeExpiry: 'P60D' }] }, false)).toMatchObject({ enabled: true, rotateBeforeExpiryDays: 60 });
    expect(rotationOf(null, true)).toEqual({ supported: false, enabled: false });
  });

  it('key ids are versionless with a lower-case host, as the log reader keys events', () => {
    expect(keyIdFor('https://KV-Prod.vault.azure.net/', 'Storage-CMK')).toBe('https://kv-prod.vault.azure.net/keys/Storage-CMK');
  });
});

describe('mapVault', () => {
  it('reads ARM defaults: soft delete absent = on, purge protection null = off, no ACLs = allow, no PNA = enabled', () => {
    const c = mapVault({ id: VAULT, name: 'kv', location: 'westeurope', properties: { enablePurgeProtection: null, vaultUri: 'https://kv.vault.azure.net/' } }, 'key-vault', SUB)!;
    expect(c).toMatchObject({ softDelete: true, purgeProtection: false, networkDefaultAllow: true, publicNetworkAccess: true, privateEndpoint: false, raw: { vaultUri: 'https://kv.vault.azure.net' } });
    expect(c.rbacAuthorization).toBeUndefined();
    expect(c.unknown?.rbacAuthorization).toMatch(/NotReturned/);
  });

  it('explicit values win; a Managed HSM always uses RBAC', () => {
    const c = mapVault({ id: VAULT, properties: { enableSoftDelete: false, publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny' }, enableRbacAuthorization: false } }, 'key-vault', SUB)!;
    expect(c).toMatchObject({ softDelete: false, publicNetworkAccess: false, networkDefaultAllow: false, rbacAuthorization: false });
    expect(mapVault({ id: VAULT, properties: {} }, 'managed-hsm', SUB)!.rbacAuthorization).toBe(true);
  });
});

describe('access', () => {
  it('an assignment covers its scope and everything below it, management groups cover all', () => {
    expect(scopeCovers(`/subscriptions/${SUB}`, VAULT)).toBe(true);
    expect(scopeCovers(`/subscriptions/${SUB}/resourceGroups/RG`, VAULT)).toBe(true);
    expect(scopeCovers(`/subscriptions/${SUB}/resourceGroups/rg-other`, VAULT)).toBe(false);
    expect(scopeCovers(`${VAULT}2`, VAULT)).toBe(false);
    expect(scopeCovers('/providers/Microsoft.Management/managementGroups/root', VAULT)).toBe(true);
  });

  it('custom roles keep their key verbs; roles without key data actions are dropped', () => {
    expect(roleRights({ roleName: 'Signer', permissions: [{ dataActions: ['Microsoft.KeyVault/vaults/keys/sign/action'] }] })).toEqual(['Signer', 'sign']);
    expect(roleRights({ roleName: 'Owner', permissions: [{ actions: ['*'] }] })).toBeUndefined();
    const s = rbacStatements(VAULT, [{ scope: `/subscriptions/${SUB}`, roleDefinitionId: '/x/roleDefinitions/ABC', principalId: 'p1' }], (g) => (g === 'abc' ? ['R', 'decrypt'] : undefined));
    expect(s).toEqual([{ effect: 'allow', principals: ['p1'], actions: ['R', 'decrypt'], source: 'rbac', scope: `/subscriptions/${SUB}` }]);
  });

  it('access policies: key permissions lower-cased, `all` expanded, policies without key rights skipped', () => {
    const s = accessPolicyStatements(VAULT, [{ objectId: 'a', permissions: { keys: ['All'] } }, { objectId: 'b', permissions: { keys: [] } }]);
    expect(s).toHaveLength(1);
    expect(s[0]!.actions).toEqual(expect.arrayContaining(['purge', 'decrypt', 'setrotationpolicy']));
  });
});

describe('classifyAzureError', () => {
  const rest = (statusCode: number, body: unknown, extra: Record<string, unknown> = {}) => Object.assign(new Error('boom'), { name: 'RestError', statusCode, details: body, ...extra });
  it.each([
    [rest(429, undefined), 'Throttled', true],
    [rest(403, { error: { code: 'Forbidden', innererror: { code: 'ForbiddenByFirewall' } } }), 'Unreachable', false],
    [rest(403, { error: { code: 'Forbidden', innererror: { code: 'ForbiddenByRbac' } } }), 'AccessDenied', false],
    [rest(403, { error: { code: 'AuthorizationFailed' } }), 'AccessDenied', false],
    [rest(401, undefined), 'Unauthenticated', false],
    [rest(404, { error: { code: 'KeyNotFound' } }), 'NotFound', false],
    [rest(503, { error: { code: 'ServiceUnavailable' } }), 'ServiceUnavailable', true],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'Unreachable', true],
    [Object.assign(new Error('no credential'), { name: 'CredentialUnavailableError' }), 'Unauthenticated', false],
  ])('%#: %s', (err, code, retryable) => {
    expect(classifyAzureError(err)).toMatchObject({ code, retryable });
  });

  it('reads the 403 body from the raw response when details are missing (paged calls)', () => {
    const err = Object.assign(new Error('Pagination failed with unexpected statusCode 403'), { statusCode: 403, response: { bodyAsText: JSON.stringify({ error: { code: 'Forbidden', message: 'Client address is not authorized and caller is not a trusted service.' } }) } });
    expect(classifyAzureError(err).code).toBe('Unreachable');
  });
});
