import { describe, expect, it } from 'vitest';
import { factsFromAuditEvent, factsFromLogAnalyticsRow, mapAzureAuditFacts, parseKeyUri } from '../../../src/logs/azure-keyvault.js';
import type { KeyEvent } from '../../../src/core/model.js';

// Shape of the sample record in Microsoft's "Azure Key Vault logging" page, with a key operation.
const record = {
  time: '2016-01-05T01:32:01.2691226Z',
  resourceId: '/SUBSCRIPTIONS/361DA5D4-A47A-4C79-AFDD-XXXXXXXXXXXX/RESOURCEGROUPS/CONTOSOGROUP/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/CONTOSOKEYVAULT',
  operationName: 'KeyDecrypt',
  operationVersion: '2015-06-01',
  category: 'AuditEvent',
  resultType: 'Success',
  resultSignature: 'OK',
  resultDescription: '',
  durationMs: '78',
  callerIpAddress: '104.40.82.76',
  correlationId: '',
  identity: { claim: { 'http://schemas.microsoft.com/identity/claims/objectidentifier': 'd9da5048-2737-4770-bd64-XXXXXXXXXXXX', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'live.com#username@outlook.com', appid: '1950a258-227b-4e31-a9cf-XXXXXXXXXXXX' } },
  properties: { clientInfo: 'azure-resource-manager/2.0', requestUri: 'https://contosokeyvault.vault.azure.net/keys/MyKey/0123456789abcdef0123456789abcdef/decrypt?api-version=7.4', id: 'https://ContosoKeyVault.vault.azure.net/keys/MyKey/0123456789abcdef0123456789abcdef', httpStatusCode: 200 },
};

function map(rec: Record<string, unknown>, la = false): KeyEvent {
  const facts = la ? factsFromLogAnalyticsRow(rec) : factsFromAuditEvent(rec);
  if (!facts) throw new Error('no facts');
  const r = mapAzureAuditFacts(facts);
  if (r.kind !== 'event') throw new Error(JSON.stringify(r));
  return r.event;
}

describe('Azure Key Vault AuditEvent mapping', () => {
  it('maps a raw diagnostic record to a versionless key id, the caller and the outcome', () => {
    const e = map(record);
    expect(e).toMatchObject({
      time: '2016-01-05T01:32:01.269Z',
      provider: 'azure',
      account: '361da5d4-a47a-4c79-afdd-xxxxxxxxxxxx',
      keyId: 'https://contosokeyvault.vault.azure.net/keys/MyKey',
      operation: { raw: 'KeyDecrypt', class: 'decrypt', readOnly: true },
      principal: { id: 'd9da5048-2737-4770-bd64-XXXXXXXXXXXX', type: 'user', name: 'live.com#username@outlook.com' },
      sourceIp: '104.40.82.76',
      userAgent: 'azure-resource-manager/2.0',
      outcome: 'success',
    });
    expect(e.details).toMatchObject({ vault: 'https://contosokeyvault.vault.azure.net', keyVersion: '0123456789abcdef0123456789abcdef' });
    expect(e.eventId).toMatch(/^azure:[0-9a-f]{32}$/);
    expect(e.requestId).toBeUndefined();
  });

  it('treats an HTTP 403 as a failure with its result signature as error code', () => {
    const e = map({ ...record, resultSignature: 'Forbidden', resultDescription: 'Caller is not authorized', properties: { ...record.properties, httpStatusCode: 403 } });
    expect(e).toMatchObject({ outcome: 'failure', errorCode: 'Forbidden', errorMessage: 'Caller is not authorized' });
    const numeric = map({ ...record, resultSignature: '403', properties: { ...record.properties, httpStatusCode: undefined } });
    expect(numeric).toMatchObject({ outcome: 'failure', errorCode: '403' });
  });

  it('identifies applications by object id and app id', () => {
    const e = map({ ...record, identity: { claim: { oid: '11111111-2222-3333-4444-555555555555', appid: 'app-guid', tid: 'tenant-guid' } } });
    expect(e.principal).toEqual({ id: '11111111-2222-3333-4444-555555555555', type: 'application', name: 'app-guid', account: 'tenant-guid' });
  });

  it('skips secrets, certificates and vault reads; keeps vault writes', () => {
    for (const op of ['SecretGet', 'CertificateList', 'VaultGet', 'Authentication']) {
      expect(mapAzureAuditFacts(factsFromAuditEvent({ ...record, operationName: op })!).kind).toBe('skip');
    }
    const del = map({ ...record, operationName: 'VaultDelete', properties: { id: 'https://contosokeyvault.vault.azure.net/' } });
    expect(del.operation).toEqual({ raw: 'VaultDelete', class: 'delete', readOnly: false });
    expect(del.keyId).toBeUndefined();
    expect(del.details?.vault).toBe('https://contosokeyvault.vault.azure.net');
  });

  it('reads AZKVAuditLogs and AzureDiagnostics rows into the same event as the raw record', () => {
    const raw = map(record);
    const azkv = map({
      TimeGenerated: record.time, OperationName: record.operationName, ResultType: 'Success', ResultSignature: 'OK', CallerIpAddress: record.callerIpAddress,
      ClientInfo: record.properties.clientInfo, CorrelationId: '', Identity: record.identity, RequestUri: record.properties.requestUri, Id: record.properties.id,
      HttpStatusCode: 200, _ResourceId: record.resourceId.toLowerCase(),
    }, true);
    const diag = map({
      TimeGenerated: record.time, ResourceId: record.resourceId, ResourceProvider: 'MICROSOFT.KEYVAULT', Category: 'AuditEvent', OperationName: 'KeyDecrypt',
      ResultType: 'Success', ResultSignature: 'OK', CallerIPAddress: record.callerIpAddress,
      identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g: 'd9da5048-2737-4770-bd64-XXXXXXXXXXXX',
      identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s: 'live.com#username@outlook.com', identity_claim_appid_g: '1950a258-227b-4e31-a9cf-XXXXXXXXXXXX',
      clientInfo_s: record.properties.clientInfo, requestUri_s: record.properties.requestUri, id_s: record.properties.id, httpStatusCode_d: 200,
    }, true);
    const strip = (e: KeyEvent) => ({ ...e, details: { ...e.details, resourceId: undefined } });
    expect(strip(azkv)).toEqual(strip(raw));
    expect(strip(diag)).toEqual(strip(raw));
  });

  it('parses key URIs of vaults and managed HSMs', () => {
    expect(parseKeyUri('https://h.managedhsm.azure.net/keys/k1/unwrapkey?api-version=7.4')).toEqual({ keyId: 'https://h.managedhsm.azure.net/keys/k1', vault: 'https://h.managedhsm.azure.net' });
    expect(parseKeyUri('https://v.vault.azure.net/keys?api-version=7.4')).toEqual({ vault: 'https://v.vault.azure.net' });
    expect(parseKeyUri('not a uri')).toBeUndefined();
  });
});
