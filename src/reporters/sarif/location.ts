// A cloud key has no source file, yet GitHub needs a relative, scheme-less artifact URI on every
// result (an `arn:` or `https:` URI makes it reject the whole upload). We derive a stable pseudo-path
// from the resource id (sarif-and-reports.md section 2.2) and percent-encode every segment so no `:`,
// space, `%`, `?`, `#` or non-ASCII character reaches the URI.
import type { Finding } from '../../core/model.js';

/**
 * Keeps RFC 3986 unreserved characters and percent-encodes every other UTF-8 byte. `.` and `..`
 * become `~.` and `~..`: percent-encoding them would not help, URL parsers treat `%2E%2E` as `..`.
 */
export function encodeSegment(segment: string): string {
  if (segment === '') return '_';
  if (segment === '.' || segment === '..') return `~${segment}`;
  let out = '';
  for (const byte of Buffer.from(segment, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9._~-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function join(segments: readonly string[]): string {
  return segments.map(encodeSegment).join('/');
}

/** `arn:partition:service:region:account:resource` → resource path segments (`key/1234`, `alias/x`). */
function parseArn(id: string): { service: string; region: string; account: string; resource: string[] } | undefined {
  const parts = id.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  return { service: parts[2] ?? '', region: parts[3] ?? '', account: parts[4] ?? '', resource: resource.split(/[/:]/) };
}

function awsPath(account: string, region: string | undefined, id: string, type: string | undefined): string[] {
  const arn = parseArn(id);
  if (arn) return ['cloud', 'aws', arn.account || account, arn.region || region || 'global', arn.service, ...arn.resource];
  // A bare key id or alias: assume KMS, which is what the collectors report.
  return ['cloud', 'aws', account, region ?? 'global', 'kms', type === 'trail' ? 'trail' : 'key', id];
}

/** Key Vault key URI (https://<vault>.vault.azure.net/keys/<name>/<version>) or an ARM resource id. */
function azurePath(account: string, id: string): string[] {
  const uri = /^https?:\/\/([^./]+)\.[^/]+\/(keys|secrets|certificates)\/([^/?#]+)/i.exec(id);
  if (uri) return ['cloud', 'azure', account, uri[1] ?? '', uri[2]?.toLowerCase() ?? 'keys', uri[3] ?? ''];
  const arm = /\/providers\/Microsoft\.KeyVault\/(?:vaults|managedHSMs)\/([^/]+)(?:\/keys\/([^/]+))?/i.exec(id);
  if (arm) return ['cloud', 'azure', account, arm[1] ?? '', ...(arm[2] ? ['keys', arm[2]] : [])];
  const segments = id.replace(/^https?:\/\//i, '').split('/').filter((s) => s !== '');
  return ['cloud', 'azure', account, ...segments];
}

/** projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>[/cryptoKeyVersions/<v>] */
function gcpPath(account: string, region: string | undefined, id: string): string[] {
  const name = /(?:^|\/)projects\/([^/]+)\/locations\/([^/]+)\/(.+)$/.exec(id);
  if (name) return ['cloud', 'gcp', name[1] ?? account, name[2] ?? 'global', ...(name[3] ?? '').split('/')];
  return ['cloud', 'gcp', account, region ?? 'global', ...id.split('/').filter((s) => s !== '')];
}

/** RFC 7512 `pkcs11:token=...;id=%01%02;object=...` → `hsm/<token>/<CKA_ID hex or object label>`. */
function pkcs11Path(account: string, id: string): string[] {
  const attrs = new Map<string, string>();
  for (const pair of id.replace(/^pkcs11:/i, '').split(/[;?&]/)) {
    const eq = pair.indexOf('=');
    if (eq > 0) attrs.set(pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1));
  }
  const token = safeDecode(attrs.get('token')) ?? account;
  const rawId = attrs.get('id');
  if (rawId !== undefined) return ['hsm', token, Buffer.from(decodePercentBytes(rawId)).toString('hex')];
  const object = safeDecode(attrs.get('object'));
  return object !== undefined ? ['hsm', token, 'object', object] : ['hsm', token, id];
}

function decodePercentBytes(value: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '%' && /^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i] ?? '', 'utf8'));
  }
  return bytes;
}

function safeDecode(value: string | undefined): string | undefined {
  return value === undefined ? undefined : Buffer.from(decodePercentBytes(value)).toString('utf8');
}

/** The repository-relative pseudo-path of a finding's resource (never absolute, never with a scheme). */
export function resourcePseudoPath(resource: Finding['resource']): string {
  const { provider, account, region, id, type } = resource;
  switch (provider) {
    case 'aws':
      return join(awsPath(account, region, id, type));
    case 'azure':
      return join(azurePath(account, id));
    case 'gcp':
      return join(gcpPath(account, region, id));
    case 'pkcs11':
      return join(pkcs11Path(account, id));
    default:
      return join(['cloud', String(provider), account, region ?? 'global', id]);
  }
}

/** Location for a result that summarises aggregated findings of one rule. */
export function aggregatePseudoPath(ruleId: string): string {
  return join(['keywarden', 'aggregated', ...ruleId.split('/')]);
}
