// One loopback HTTPS "Azure" for tests and benches: ARM (Key Vault, Authorization, Insights), Log
// Analytics (POST /v1/workspaces/{id}/query), an App Service-style managed-identity token endpoint, and
// one HTTPS listener per vault for its data plane (the vault's ARM vaultUri points at it), with Key
// Vault's challenge authentication: a request without a bearer token gets 401 and
// `WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/<tenant>", resource="https://vault.azure.net"`.
// (127.0.0.1 does not end with ".vault.azure.net": the collector needs KEYWARDEN_AZURE_LOCAL_VAULTS=1 /
// localVaults, which skips that check for loopback vault hosts only.)
// Payload shapes follow the Azure REST specs' examples (getVault.json, GetKey-example.json,
// GetKeys-example.json, GetKeyRotationPolicy-example.json, roleAssignments / roleDefinitions Get,
// diagnosticSettings List, Log Analytics query response). Every request is logged; 429 + Retry-After can
// be injected; a fixed latency can be added to every reply.
import http from 'node:http';
import https from 'node:https';
import { makeTestCertificate } from './tls.mjs';

const json = (res, status, body, headers = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};
const b64url = (buf) => Buffer.from(buf).toString('base64url');
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const close = (server) => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });

async function closedPort() {
  const s = http.createServer();
  const port = await listen(s);
  await close(s);
  return port;
}

export const AZKV_COLUMNS = [
  ['TimeGenerated', 'datetime'], ['_ResourceId', 'string'], ['OperationName', 'string'], ['ResultType', 'string'], ['ResultSignature', 'string'],
  ['ResultDescription', 'string'], ['CallerIpAddress', 'string'], ['ClientInfo', 'string'], ['CorrelationId', 'string'], ['Identity', 'dynamic'],
  ['RequestUri', 'string'], ['Id', 'string'], ['HttpStatusCode', 'int'], ['TrustedService', 'string'], ['_ItemId', 'string'],
];
export const DIAG_COLUMNS = [
  ['TimeGenerated', 'datetime'], ['ResourceId', 'string'], ['ResourceProvider', 'string'], ['Category', 'string'], ['OperationName', 'string'],
  ['ResultType', 'string'], ['ResultSignature', 'string'], ['ResultDescription', 'string'], ['CallerIPAddress', 'string'], ['CorrelationId', 'string'],
  ['_ItemId', 'string'], ['identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g', 'string'],
  ['identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s', 'string'], ['identity_claim_appid_g', 'string'],
  ['clientInfo_s', 'string'], ['requestUri_s', 'string'], ['id_s', 'string'], ['trustedService_s', 'string'], ['httpStatusCode_d', 'real'],
];
const CRYPTO = new Set(['KeyEncrypt', 'KeyDecrypt', 'KeySign', 'KeyVerify', 'KeyWrap', 'KeyUnwrap']);

/** The JWK part of a key bundle for a key spec. */
function jwk(kid, k) {
  const base = { kid, kty: k.kty, key_ops: k.ops ?? [] };
  if (/^RSA/.test(k.kty)) return { ...base, n: b64url(Buffer.alloc((k.size ?? 2048) / 8, 0xc5)), e: 'AQAB' };
  if (/^EC/.test(k.kty)) return { ...base, crv: k.crv ?? 'P-256', x: b64url(Buffer.alloc(32, 1)), y: b64url(Buffer.alloc(32, 2)) };
  return base;
}

/** A key's attributes are its current version's (Key Vault semantics); `v` selects a version. */
function attributes(k, v) {
  const created = v?.created ?? currentVersion(k).created;
  return {
    enabled: v?.enabled ?? k.enabled ?? true,
    created,
    updated: created,
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: 90,
    ...(k.exp !== undefined && v === undefined ? { exp: k.exp } : {}),
    ...(k.nbf !== undefined && v === undefined ? { nbf: k.nbf } : {}),
  };
}

const currentVersion = (k) => [...(k.versions ?? [])].sort((a, b) => b.created - a.created)[0] ?? { version: '0'.repeat(32), created: k.created };

/**
 * @param {object} estate see estate.mjs
 * @param {{ latencyMs?: number, pageSize?: number, armPageSize?: number, retryAfterSeconds?: number, tls?: ReturnType<typeof makeTestCertificate> }} [opts]
 */
export async function startAzureServer(estate, opts = {}) {
  const tls = opts.tls ?? makeTestCertificate();
  const pageSize = opts.pageSize ?? 25;
  const armPageSize = opts.armPageSize ?? 2;
  const requests = [];
  const throttles = [];
  const servers = [];
  const vaultBase = new Map(); // vault name -> https://127.0.0.1:port
  const tokens = [];

  const delay = () => (opts.latencyMs ? new Promise((r) => setTimeout(r, opts.latencyMs)) : Promise.resolve());
  const throttled = (path) => {
    const t = throttles.find((x) => x.remaining > 0 && x.re.test(path));
    if (t) t.remaining -= 1;
    return t !== undefined;
  };
  const page = (res, base, path, query, items, size, extra = {}) => {
    const skip = Number(query.get('$skiptoken') ?? 0);
    const value = items.slice(skip, skip + size);
    const next = skip + size < items.length ? `${base}${path}?api-version=${query.get('api-version') ?? ''}&$skiptoken=${skip + size}` : undefined;
    json(res, 200, { value, ...(next ? { nextLink: next } : {}), ...extra });
  };

  const handle = (name, route) => (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const url = new URL(`https://127.0.0.1${req.url}`);
      const entry = { server: name, method: req.method, path: url.pathname, query: url.search, authorized: typeof req.headers.authorization === 'string', body };
      requests.push(entry);
      await delay();
      if (throttled(`${name} ${req.method} ${url.pathname}`)) return json(res, 429, { error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } }, { 'retry-after': String(opts.retryAfterSeconds ?? 1) });
      try {
        route(req, res, url, body);
      } catch (e) {
        json(res, 500, { error: { code: 'InternalError', message: String(e) } });
      }
    });
  };

  // --- one data plane per vault -----------------------------------------------------------------
  const dataPlane = (vault) => (req, res, url) => {
    const base = vaultBase.get(vault.name);
    if (!req.headers.authorization) {
      return json(res, 401, { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } }, {
        'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${estate.tenantId}", resource="https://vault.azure.net"`,
      });
    }
    if (vault.dataPlane === 'firewall') {
      return json(res, 403, { error: { code: 'Forbidden', message: `Client address is not authorized and caller is not a trusted service.\r\nClient address: 127.0.0.1\r\nVault: ${vault.name};location=${vault.location}`, innererror: { code: 'ForbiddenByFirewall' } } });
    }
    if (vault.dataPlane === 'denied') {
      return json(res, 403, { error: { code: 'Forbidden', message: `Caller is not authorized to perform action on resource.\r\nAction: 'Microsoft.KeyVault/vaults/keys/read'\r\nVault: ${vault.name}`, innererror: { code: 'ForbiddenByRbac' } } });
    }
    if (req.method !== 'GET') return json(res, 405, { error: { code: 'MethodNotAllowed', message: 'the test server only serves reads' } });
    const parts = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean); // keys, name, (versions|rotationpolicy|version)
    const keys = [...(vault.keys ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
    if (parts.length === 1 && parts[0] === 'keys') {
      const items = keys.map((k) => ({ kid: `${base}/keys/${k.name}`, attributes: attributes(k), ...(k.tags ? { tags: k.tags } : {}), ...(k.managed ? { managed: true } : {}) }));
      return page(res, base, '/keys', url.searchParams, items, Number(url.searchParams.get('maxresults') ?? pageSize) || pageSize);
    }
    const k = keys.find((x) => x.name === parts[1]);
    if (parts[0] !== 'keys' || !k) return json(res, 404, { error: { code: 'KeyNotFound', message: `A key with (name/id) ${parts[1]} was not found in this key vault.` } });
    if (parts.length === 2 || (parts.length === 3 && /^[0-9a-f]{32}$/.test(parts[2]))) {
      const v = currentVersion(k);
      return json(res, 200, { key: jwk(`${base}/keys/${k.name}/${v.version}`, k), attributes: { ...attributes(k), exportable: k.exportable ?? false }, ...(k.tags ? { tags: k.tags } : {}), ...(k.managed ? { managed: true } : {}) });
    }
    if (parts[2] === 'versions') {
      const items = [...(k.versions ?? [])].map((v) => ({ kid: `${base}/keys/${k.name}/${v.version}`, attributes: attributes(k, v) }));
      return page(res, base, `/keys/${k.name}/versions`, url.searchParams, items, pageSize);
    }
    if (parts[2] === 'rotationpolicy') {
      if (k.rotation === 'denied') return json(res, 403, { error: { code: 'Forbidden', message: "The user does not have keys getrotationpolicy permission on key vault", innererror: { code: 'AccessDenied' } } });
      const lifetimeActions = k.rotation ?? [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } }];
      return json(res, 200, { id: `${base}/keys/${k.name}/rotationpolicy`, lifetimeActions, attributes: { expiryTime: 'P2Y', created: k.created, updated: k.created } });
    }
    return json(res, 404, { error: { code: 'NotFound', message: url.pathname } });
  };

  // --- ARM, Log Analytics, token ------------------------------------------------------------------
  const armVault = (sub, v) => {
    const type = v.kind === 'hsm' ? 'managedHSMs' : 'vaults';
    const id = `/subscriptions/${sub}/resourceGroups/${v.rg}/providers/Microsoft.KeyVault/${type}/${v.name}`;
    const uri = `${vaultBase.get(v.name)}/`;
    if (v.kind === 'hsm') {
      return { id, name: v.name, type: 'Microsoft.KeyVault/managedHSMs', location: v.location, sku: { family: 'B', name: 'Standard_B1' }, tags: v.tags ?? {}, properties: { tenantId: estate.tenantId, hsmUri: uri, provisioningState: 'Succeeded', ...v.properties } };
    }
    return { id, name: v.name, type: 'Microsoft.KeyVault/vaults', location: v.location, tags: v.tags ?? {}, properties: { tenantId: estate.tenantId, sku: { family: 'A', name: v.sku ?? 'standard' }, vaultUri: uri, provisioningState: 'Succeeded', ...v.properties } };
  };
  const findVault = (sub, id) => (estate.subscriptions[sub]?.vaults ?? []).find((v) => armVault(sub, v).id.toLowerCase() === id.toLowerCase());

  const main = (req, res, url, body) => {
    const base = `https://127.0.0.1:${mainPort}`;
    const path = url.pathname;
    if (path.startsWith('/v1/workspaces/')) return logs(req, res, path, body);
    if (!req.headers.authorization?.startsWith('Bearer ')) return json(res, 401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed. The Authorization header is missing.' } });
    if (req.method !== 'GET') return json(res, 405, { error: { code: 'MethodNotAllowed', message: 'the test server only serves reads' } });
    const m = /^\/subscriptions\/([^/]+)(\/.*)?$/i.exec(path);
    const sub = m?.[1]?.toLowerCase();
    const s = sub ? estate.subscriptions[sub] : undefined;
    if (!s || s.denied) return json(res, 403, { error: { code: 'AuthorizationFailed', message: `The client does not have authorization to perform action over scope '/subscriptions/${sub}' or the scope is invalid.` } });
    const rest = m[2] ?? '';
    if (/^\/providers\/Microsoft\.KeyVault\/vaults$/i.test(rest)) return page(res, base, path, url.searchParams, s.vaults.filter((v) => v.kind !== 'hsm').map((v) => armVault(sub, v)), armPageSize);
    if (/^\/providers\/Microsoft\.KeyVault\/managedHSMs$/i.test(rest)) return page(res, base, path, url.searchParams, s.vaults.filter((v) => v.kind === 'hsm').map((v) => armVault(sub, v)), armPageSize);
    if (/^\/providers\/Microsoft\.Authorization\/roleAssignments$/i.test(rest)) {
      if (s.roleAssignments === 'denied') return json(res, 403, { error: { code: 'AuthorizationFailed', message: "does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read'" } });
      const items = (s.roleAssignments ?? []).map((a, i) => ({ id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/ra-${i}`, name: `ra-${i}`, type: 'Microsoft.Authorization/roleAssignments', properties: { scope: a.scope, roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${a.role}`, principalId: a.principalId, principalType: a.principalType ?? 'User' } }));
      return page(res, base, path, url.searchParams, items, armPageSize);
    }
    const rd = /^\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i.exec(rest);
    if (rd) {
      const def = (s.roleDefinitions ?? {})[rd[1]];
      if (!def) return json(res, 404, { error: { code: 'RoleDefinitionDoesNotExist', message: 'The specified role definition does not exist.' } });
      return json(res, 200, { id: path, name: rd[1], type: 'Microsoft.Authorization/roleDefinitions', properties: { roleName: def.roleName, type: 'CustomRole', permissions: [{ actions: def.actions ?? [], notActions: [], dataActions: def.dataActions ?? [], notDataActions: [] }], assignableScopes: [`/subscriptions/${sub}`] } });
    }
    const diag = /^(.*)\/providers\/Microsoft\.Insights\/diagnosticSettings$/i.exec(path);
    if (diag) {
      const v = findVault(sub, diag[1]);
      if (!v) return json(res, 404, { error: { code: 'ResourceNotFound', message: diag[1] } });
      if (v.diagnosticSettings === 'denied') return json(res, 403, { error: { code: 'AuthorizationFailed', message: "does not have authorization to perform action 'microsoft.insights/diagnosticSettings/read'" } });
      return json(res, 200, { value: (v.diagnosticSettings ?? []).map((d) => ({ id: `${diag[1]}/providers/microsoft.insights/diagnosticSettings/${d.name}`, name: d.name, type: 'Microsoft.Insights/diagnosticSettings', properties: { logs: d.logs, metrics: [], ...(d.workspaceId ? { workspaceId: d.workspaceId } : {}), ...(d.storageAccountId ? { storageAccountId: d.storageAccountId } : {}) } })) });
    }
    const armKeys = /^\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)\/keys$/i.exec(rest);
    if (armKeys) {
      const v = s.vaults.find((x) => x.name === armKeys[1]);
      if (!v) return json(res, 404, { error: { code: 'ResourceNotFound', message: armKeys[1] } });
      const dp = vaultBase.get(v.name);
      const items = (v.keys ?? []).map((k) => ({
        id: `${armVault(sub, v).id}/keys/${k.name}`, name: k.name, type: 'Microsoft.KeyVault/vaults/keys', location: v.location, tags: k.tags ?? {},
        properties: { attributes: attributes(k), kty: k.kty, keyOps: k.ops ?? [], ...(k.size ? { keySize: k.size } : {}), ...(k.crv ? { curveName: k.crv } : {}), keyUri: `${dp}/keys/${k.name}`, keyUriWithVersion: `${dp}/keys/${k.name}/${currentVersion(k).version}` },
      }));
      return page(res, base, path, url.searchParams, items, armPageSize);
    }
    return json(res, 404, { error: { code: 'NotFound', message: path } });
  };

  const logs = (req, res, path, body) => {
    if (!req.headers.authorization?.startsWith('Bearer ')) return json(res, 403, { error: { code: 'InvalidAuthenticationTokenAudience', message: 'missing token' } });
    const ws = /^\/v1\/workspaces\/([^/]+)\/query$/.exec(path)?.[1];
    const workspace = ws ? estate.workspaces?.[ws] : undefined;
    if (req.method !== 'POST' || !workspace) return json(res, 404, { error: { code: 'WorkspaceNotFoundError', message: `workspace ${ws}` } });
    const { query, timespan } = JSON.parse(body || '{}');
    const table = String(query).split('\n')[0].trim();
    const rows = workspace[table];
    if (!rows) return json(res, 400, { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SemanticError', message: `'where' operator: Failed to resolve table or column expression named '${table}'` } } });
    const [from, to] = String(timespan ?? '').split('/').map((t) => Date.parse(t));
    const inWindow = rows.filter((r) => { const t = Date.parse(r.TimeGenerated); return (Number.isNaN(from) || t >= from) && (Number.isNaN(to) || t < to); });
    if (/summarize/.test(query)) {
      const last = new Map();
      for (const r of inWindow) {
        const status = r.HttpStatusCode ?? r.httpStatusCode_d;
        const id = (r.Id ?? r.id_s)?.replace(/https:\/\/([a-z0-9-]+)\.vault\.azure\.net/g, (m, n) => vaultBase.get(n) ?? m);
        const keyId = /^(https:\/\/[^/]+\/keys\/[^/?]+)/.exec(id ?? '')?.[1]?.toLowerCase();
        if (!CRYPTO.has(r.OperationName) || !(status < 400) || !keyId) continue;
        const prev = last.get(keyId) ?? { at: '', n: 0 };
        last.set(keyId, { at: r.TimeGenerated > prev.at ? r.TimeGenerated : prev.at, n: prev.n + 1 });
      }
      return json(res, 200, { tables: [{ name: 'PrimaryResult', columns: [{ name: 'KeyId', type: 'string' }, { name: 'LastUse', type: 'datetime' }, { name: 'Uses', type: 'long' }], rows: [...last].map(([k, v]) => [k, v.at, v.n]) }] });
    }
    const columns = table === 'AZKVAuditLogs' ? AZKV_COLUMNS : DIAG_COLUMNS;
    // Rows name vaults by their cloud host (https://<vault>.vault.azure.net); serve the local data-plane address.
    const local = (v) => (typeof v === 'string' ? v.replace(/https:\/\/([a-z0-9-]+)\.vault\.azure\.net/g, (m, n) => vaultBase.get(n) ?? m) : v);
    const sorted = [...inWindow].sort((a, b) => (a.TimeGenerated < b.TimeGenerated ? -1 : 1));
    return json(res, 200, { tables: [{ name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows: sorted.map((r) => columns.map(([c, type]) => (r[c] === undefined ? null : type === 'dynamic' ? JSON.stringify(r[c]) : local(r[c])))) }] });
  };

  // App Service managed identity (IDENTITY_ENDPOINT + IDENTITY_HEADER), used by DefaultAzureCredential in the e2e test.
  const tokenRoute = (req, res, url) => {
    if (req.headers['x-identity-header'] !== TOKEN_HEADER) return json(res, 401, { error: 'unauthorized', error_description: 'bad X-IDENTITY-HEADER' });
    const resource = url.searchParams.get('resource') ?? '';
    tokens.push(resource);
    json(res, 200, { access_token: `test-token-for-${resource}`, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource, token_type: 'Bearer' });
  };

  const mainServer = https.createServer({ cert: tls.cert, key: tls.key }, handle('arm', main));
  const mainPort = await listen(mainServer);
  servers.push(mainServer);
  const tokenServer = http.createServer(handle('token', tokenRoute));
  const tokenPort = await listen(tokenServer);
  servers.push(tokenServer);
  for (const s of Object.values(estate.subscriptions)) {
    for (const v of s.vaults ?? []) {
      if (v.dataPlane === 'unreachable') {
        vaultBase.set(v.name, `https://127.0.0.1:${await closedPort()}`);
        continue;
      }
      const srv = https.createServer({ cert: tls.cert, key: tls.key }, handle(`vault:${v.name}`, dataPlane(v)));
      vaultBase.set(v.name, `https://127.0.0.1:${await listen(srv)}`);
      servers.push(srv);
    }
  }
  return {
    armEndpoint: `https://127.0.0.1:${mainPort}`,
    logsEndpoint: `https://127.0.0.1:${mainPort}/v1`,
    identityEndpoint: `http://127.0.0.1:${tokenPort}/msi/token`,
    identityHeader: TOKEN_HEADER,
    ca: tls.cert,
    certPath: tls.certPath,
    vaultUri: (name) => vaultBase.get(name),
    requests,
    tokens,
    /** The next `count` requests whose "<server> <METHOD> <path>" matches `re` get 429 + Retry-After. */
    throttle(re, count) { throttles.push({ re, remaining: count }); },
    async close() { await Promise.all(servers.map(close)); },
  };
}

export const TOKEN_HEADER = 'keywarden-test-identity-header';
