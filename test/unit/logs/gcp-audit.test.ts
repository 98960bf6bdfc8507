import { describe, expect, it } from 'vitest';
import { gcpPrincipal, mapGcpLogEntry, parseKmsResource } from '../../../src/logs/gcp-audit.js';
import type { KeyEvent } from '../../../src/core/model.js';

const KEY = 'projects/P/locations/global/keyRings/R/cryptoKeys/K';
// The Data Access entry shape of the Cloud KMS audit logging page (cloud-testing.md 3.4).
const entry = {
  logName: 'projects/P/logs/cloudaudit.googleapis.com%2Fdata_access',
  resource: { type: 'cloudkms_cryptokey', labels: { project_id: 'P', location: 'global', key_ring_id: 'R', crypto_key_id: 'K' } },
  timestamp: '2024-05-01T10:00:00.123456789Z',
  receiveTimestamp: '2024-05-01T10:00:00.200000000Z',
  severity: 'INFO',
  insertId: 'abc123',
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    status: {},
    serviceName: 'cloudkms.googleapis.com',
    methodName: 'Decrypt',
    resourceName: KEY,
    authenticationInfo: { principalEmail: 'app@P.iam.gserviceaccount.com' },
    authorizationInfo: [{ resource: KEY, permission: 'cloudkms.cryptoKeyVersions.useToDecrypt', granted: true }],
    requestMetadata: { callerIp: '203.0.113.7', callerSuppliedUserAgent: 'google-cloud-sdk' },
    request: { '@type': 'type.googleapis.com/google.cloud.kms.v1.DecryptRequest', name: KEY },
    resourceLocation: { currentLocations: ['global'] },
  },
};

function map(e: unknown): KeyEvent {
  const r = mapGcpLogEntry(e);
  if (r.kind !== 'event') throw new Error(JSON.stringify(r));
  return r.event;
}
const withPayload = (p: Record<string, unknown>) => ({ ...entry, protoPayload: { ...entry.protoPayload, ...p } });

describe('Cloud KMS audit LogEntry mapping', () => {
  it('maps the documented Data Access entry', () => {
    expect(map(entry)).toEqual({
      time: '2024-05-01T10:00:00.123Z',
      provider: 'gcp',
      account: 'P',
      region: 'global',
      keyId: KEY,
      operation: { raw: 'Decrypt', class: 'decrypt', readOnly: true },
      principal: { id: 'app@P.iam.gserviceaccount.com', type: 'service-account', account: 'P' },
      sourceIp: '203.0.113.7',
      userAgent: 'google-cloud-sdk',
      outcome: 'success',
      eventId: 'gcp:abc123',
    });
  });

  it('strips the key version, keeps it as a detail, and maps destroy as delete', () => {
    const e = map(withPayload({ methodName: 'google.cloud.kms.v1.KeyManagementService.DestroyCryptoKeyVersion', resourceName: `${KEY}/cryptoKeyVersions/3` }));
    expect(e.keyId).toBe(KEY);
    expect(e.operation).toEqual({ raw: 'DestroyCryptoKeyVersion', class: 'delete', readOnly: false });
    expect(e.details).toMatchObject({ keyVersion: '3' });
  });

  it('reports failures with the gRPC status name and message', () => {
    const e = map(withPayload({ status: { code: 7, message: 'Permission denied' } }));
    expect(e).toMatchObject({ outcome: 'failure', errorCode: 'PERMISSION_DENIED', errorMessage: 'Permission denied' });
  });

  it('recognises service agents, users and internal caller addresses', () => {
    const agent = map(withPayload({ authenticationInfo: { principalEmail: 'service-123@gs-project-accounts.iam.gserviceaccount.com' }, requestMetadata: { callerIp: 'private' } }));
    expect(agent.principal.type).toBe('service');
    expect(agent.viaService).toBe('gs-project-accounts.iam.gserviceaccount.com');
    expect(agent.sourceIp).toBeUndefined();
    expect(agent.details).toMatchObject({ callerIp: 'private' });
    expect(gcpPrincipal({ principalEmail: 'alice@example.com' })).toEqual({ id: 'alice@example.com', type: 'user' });
    expect(gcpPrincipal({ principalEmail: '', principalSubject: 'principal://iam.googleapis.com/x' })).toEqual({ id: 'principal://iam.googleapis.com/x', type: 'federated' });
  });

  it('keeps the new IAM policy and version state changes', () => {
    const policy = { bindings: [{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['allUsers'] }] };
    const set = map(withPayload({ methodName: 'SetIamPolicy', request: { resource: KEY, policy } }));
    expect(set.operation.class).toBe('policy-change');
    expect(set.details).toMatchObject({ policy });
    const disable = map(withPayload({ methodName: 'UpdateCryptoKeyVersion', resourceName: `${KEY}/cryptoKeyVersions/1`, request: { cryptoKeyVersion: { state: 'DISABLED' } } }));
    expect(disable.operation.class).toBe('disable');
  });

  it('skips other services and reports unusable entries', () => {
    expect(mapGcpLogEntry(withPayload({ serviceName: 'storage.googleapis.com' })).kind).toBe('skip');
    expect(mapGcpLogEntry({ ...entry, timestamp: undefined, receiveTimestamp: undefined }).kind).toBe('error');
  });

  it('parses resource names, including a key being created under a key ring', () => {
    expect(parseKmsResource('projects/P/locations/L/keyRings/R', 'new-key')).toEqual({ keyId: 'projects/P/locations/L/keyRings/R/cryptoKeys/new-key', keyRing: 'projects/P/locations/L/keyRings/R', project: 'P', location: 'L' });
  });
});
