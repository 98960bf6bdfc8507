// Key Vault AuditEvent records (diagnostic-settings export, one JSON record per line) and Google
// Cloud audit LogEntry records (gcloud logging read --format=json array; a log sink NDJSON file).
import { ANCHOR_MS, DAY, HOUR, MINUTE, iso } from './common.mjs';
import { AZURE_VAULTS, SUB } from './azure.mjs';
import { PROJECT } from './gcp.mjs';
import { steady } from './traffic.mjs';

const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const TID = 'http://schemas.microsoft.com/identity/claims/tenantid';
const TENANT = '72f988bf-0000-4000-8000-2d7cd011db47';

export function azureRecords(rng, keys) {
  const out = [];
  const vaultRes = (v) => `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG-SECURITY/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/${v.name.toUpperCase()}`;
  const versionOf = (uri) => keys.find((k) => k.id === uri)?.raw.kid.split('/').pop() ?? rng.hex(32);
  const rec = ({ ms, op, key, claims, ip, status = 200, vault = AZURE_VAULTS.prod }) => {
    const uri = `${vault.uri}/keys/${key}`;
    const ver = versionOf(uri);
    out.push({
      time: iso(ms), resourceId: vaultRes(vault), operationName: op, operationVersion: '7.5', category: 'AuditEvent',
      resultType: status < 400 ? 'Success' : 'Failure', resultSignature: status === 200 ? 'OK' : status === 403 ? 'Forbidden' : String(status), resultDescription: status === 403 ? 'Caller is not authorized to perform action on resource.' : '',
      durationMs: String(rng.int(4, 60)), callerIpAddress: ip, correlationId: rng.uuid(),
      identity: { claim: { ...claims, [TID]: TENANT } },
      properties: { clientInfo: 'azsdk-net-Security.KeyVault.Keys/4.6.0 (.NET 8.0.8; Ubuntu 22.04)', requestUri: `${uri}/${ver}/${op.replace(/^Key/, '').toLowerCase()}?api-version=7.5`, id: `${uri}/${ver}`, httpStatusCode: status },
    });
  };
  const ordersApp = { [OID]: '3c9d2e1f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', appid: 'b7c1a2d3-e4f5-4a6b-9c8d-7e6f5a4b3c2d' };
  const signer = { [OID]: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e', appid: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' };
  const admin = { [OID]: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', [UPN]: 'kv-admin@acme.example' };
  const ip = (p) => `${p}.${rng.int(1, 250)}`;
  steady(rng, 2, (ms) => rec({ ms, op: rng.next() < 0.5 ? 'KeyUnwrap' : 'KeyWrap', key: rng.next() < 0.7 ? 'tde-protector' : 'storage-cmk', claims: ordersApp, ip: ip('20.50.2') }));
  steady(rng, 0.6, (ms) => rec({ ms, op: 'KeySign', key: 'app-signing-k1', claims: signer, ip: ip('20.50.3') }));
  steady(rng, 0.08, (ms) => rec({ ms, op: 'KeyGet', key: 'storage-cmk', claims: admin, ip: ip('81.2.69') }));
  // New country: the orders application suddenly unwraps from Brazil (2026-10-30T09:12Z).
  const t = ANCHOR_MS - 2 * DAY + 9 * HOUR + 12 * MINUTE;
  for (let i = 0; i < 6; i++) rec({ ms: t + i * 40_000, op: 'KeyUnwrap', key: 'tde-protector', claims: ordersApp, ip: '200.160.2.3' });
  out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return out;
}

export function gcpEntries(rng, keys) {
  const dataAccess = [];
  const activity = [];
  const entry = ({ ms, method, key, email, ip, permission, code }) => {
    const k = keys.find((x) => x.provider === 'gcp' && x.name === key);
    if (!k) throw new Error(`demo: no GCP key ${key}`);
    const [, , , location, , ring, , name] = k.id.split('/');
    const admin = method === 'SetIamPolicy' || method.startsWith('Destroy') || method.startsWith('Update') || method.startsWith('Create');
    const e = {
      insertId: rng.hex(12), logName: `projects/${PROJECT}/logs/cloudaudit.googleapis.com%2F${admin ? 'activity' : 'data_access'}`,
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', status: code ? { code, message: 'Permission denied' } : {},
        authenticationInfo: { principalEmail: email },
        requestMetadata: { callerIp: ip, callerSuppliedUserAgent: 'google-cloud-sdk gcloud/495.0.0,gzip(gfe)', requestAttributes: { time: iso(ms), auth: {} }, destinationAttributes: {} },
        serviceName: 'cloudkms.googleapis.com', methodName: method, authorizationInfo: [{ resource: k.id, permission, granted: !code, resourceAttributes: {} }],
        resourceName: k.id, request: { '@type': `type.googleapis.com/google.cloud.kms.v1.${method}Request`, name: k.id }, resourceLocation: { currentLocations: [location] },
      },
      receiveTimestamp: iso(ms + 850), resource: { type: 'cloudkms_cryptokey', labels: { project_id: PROJECT, location, key_ring_id: ring, crypto_key_id: name } },
      severity: code ? 'ERROR' : admin ? 'NOTICE' : 'INFO', timestamp: iso(ms),
    };
    (admin ? activity : dataAccess).push(e);
  };
  const ip = (p) => `${p}.${rng.int(1, 250)}`;
  steady(rng, 1.2, (ms) => entry({ ms, method: rng.next() < 0.6 ? 'Decrypt' : 'Encrypt', key: 'payments-dek', email: `payments-svc@${PROJECT}.iam.gserviceaccount.com`, ip: ip('35.195.1'), permission: 'cloudkms.cryptoKeyVersions.useToDecrypt' }));
  steady(rng, 0.3, (ms) => entry({ ms, method: 'AsymmetricSign', key: 'receipt-signing', email: `receipts@${PROJECT}.iam.gserviceaccount.com`, ip: ip('35.195.2'), permission: 'cloudkms.cryptoKeyVersions.useToSign' }));
  steady(rng, 0.1, (ms) => entry({ ms, method: 'Decrypt', key: 'settlement-dek', email: 'ops-admin@acme.example', ip: ip('34.76.5'), permission: 'cloudkms.cryptoKeyVersions.useToDecrypt' }));
  // Impossible travel: ops-admin decrypts from Belgium, then 25 minutes later from Japan (2026-10-31T10:00Z).
  const t = ANCHOR_MS - 1 * DAY + 10 * HOUR;
  entry({ ms: t, method: 'Decrypt', key: 'settlement-dek', email: 'ops-admin@acme.example', ip: '34.76.5.9', permission: 'cloudkms.cryptoKeyVersions.useToDecrypt' });
  entry({ ms: t + 25 * MINUTE, method: 'Decrypt', key: 'settlement-dek', email: 'ops-admin@acme.example', ip: '133.242.0.1', permission: 'cloudkms.cryptoKeyVersions.useToDecrypt' });
  // Admin activity: the primary version of closing-dek scheduled for destruction (matches the inventory).
  entry({ ms: ANCHOR_MS - 25 * DAY + 5 * DAY, method: 'DestroyCryptoKeyVersion', key: 'closing-dek', email: 'ops-admin@acme.example', ip: '34.76.5.9', permission: 'cloudkms.cryptoKeyVersions.destroy' });
  entry({ ms: ANCHOR_MS - 5 * DAY + 16 * HOUR, method: 'DestroyCryptoKeyVersion', key: 'closing-dek', email: 'ops-admin@acme.example', ip: '34.76.5.9', permission: 'cloudkms.cryptoKeyVersions.destroy' });
  const byTime = (a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0);
  // gcloud logging read lists newest first.
  return { dataAccess: dataAccess.sort(byTime).reverse(), activity: activity.sort(byTime) };
}
