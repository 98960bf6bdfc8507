// Key Vault / Managed HSM key (data plane, @azure/keyvault-keys shapes) → KeyRecord. Pure: the reader
// (dataplane.ts) passes what it could read and names what it could not in `unknown`.
import type { AccessStatement, KeyContainer, KeyRecord, KeyVersion, RotationSettings, UnknownFields } from '../../core/model.js';

export interface KeyPropsLike {
  id?: string;
  name: string;
  version?: string;
  enabled?: boolean;
  notBefore?: Date;
  expiresOn?: Date;
  createdOn?: Date;
  updatedOn?: Date;
  recoveryLevel?: string;
  recoverableDays?: number;
  managed?: boolean;
  exportable?: boolean;
  hsmPlatform?: string;
  tags?: Record<string, string>;
}

export interface KeyMaterialLike {
  kty?: string;
  keyOps?: string[];
  n?: Uint8Array;
  crv?: string;
  /** ARM's keySize, when the JWK itself was not read. */
  sizeBits?: number;
}

export interface RotationPolicyLike {
  lifetimeActions?: { action?: string; timeAfterCreate?: string; timeBeforeExpiry?: string }[];
  expiresIn?: string;
}

export interface KeyReadings {
  props: KeyPropsLike;
  /** From getKey: JWK kty, key_ops, n / crv, and the exportable attribute. */
  key?: { material: KeyMaterialLike; props: KeyPropsLike };
  rotationPolicy?: RotationPolicyLike | null;
  versions?: KeyPropsLike[];
  unknown: UnknownFields;
}

/** ISO 8601 duration (P1Y, P90D, P2M, P1Y6M, P2W) → days; Azure counts a year as 365 and a month as 30 days. */
export function durationDays(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$/i.exec(iso.trim());
  if (!m || (m[1] ?? m[2] ?? m[3] ?? m[4]) === undefined) return undefined;
  return Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 30 + Number(m[3] ?? 0) * 7 + Number(m[4] ?? 0);
}

const iso = (d: Date | undefined) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined);

function keyFamily(kty: string): string | undefined {
  const base = kty.replace(/-HSM$/i, '').toUpperCase();
  return base === 'RSA' ? 'rsa' : base === 'EC' ? 'ec' : base === 'OCT' ? 'symmetric' : undefined;
}

function purposeOf(ops: string[], family: string | undefined): KeyRecord['purpose'] | undefined {
  const has = (o: string) => ops.some((x) => x.toLowerCase() === o);
  const crypt = has('encrypt') || has('decrypt') || has('wrapkey') || has('unwrapkey');
  const sign = has('sign') || has('verify');
  if (crypt && sign) return 'other';
  if (crypt) return 'encrypt-decrypt';
  if (sign) return 'sign-verify';
  if (has('derivekey') || has('derivebits')) return 'key-agreement';
  return family === 'symmetric' ? 'encrypt-decrypt' : undefined;
}

export function rotationOf(policy: RotationPolicyLike | null, managed: boolean): RotationSettings {
  const actions = policy?.lifetimeActions ?? [];
  const rotate = actions.find((a) => a.action?.toLowerCase() === 'rotate');
  const notify = actions.find((a) => a.action?.toLowerCase() === 'notify');
  const out: RotationSettings = { supported: !managed, enabled: rotate !== undefined };
  const after = durationDays(rotate?.timeAfterCreate);
  const before = durationDays(rotate?.timeBeforeExpiry);
  const notifyBefore = durationDays(notify?.timeBeforeExpiry);
  if (after !== undefined) out.rotateAfterCreateDays = after;
  if (before !== undefined) out.rotateBeforeExpiryDays = before;
  if (notifyBefore !== undefined) out.notifyBeforeExpiryDays = notifyBefore;
  if (after !== undefined) out.periodDays = after;
  return out;
}

/** Versionless key id: `<vault uri>/keys/<name>` with the host lower-cased (as the log reader keys events). */
export function keyIdFor(vaultUri: string, name: string): string {
  const u = new URL(vaultUri);
  return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}/keys/${name}`;
}

export function mapKey(r: KeyReadings, vault: KeyContainer, vaultUri: string, access: AccessStatement[] | undefined): KeyRecord {
  const props = r.key?.props ?? r.props;
  const material = r.key?.material;
  const kty = material?.kty;
  const family = kty !== undefined ? keyFamily(kty) : undefined;
  const hsm = vault.kind === 'managed-hsm' || (kty !== undefined && /-HSM$/i.test(kty));
  const id = keyIdFor(vaultUri, r.props.name);
  const managed = props.managed === true;
  const versions: KeyVersion[] | undefined = r.versions
    ?.map((v) => ({
      id: v.id ?? `${id}/${v.version ?? ''}`,
      state: v.enabled === false ? 'Disabled' : 'Enabled',
      enabled: v.enabled !== false,
      ...(iso(v.createdOn) ? { createdAt: iso(v.createdOn)! } : {}),
    }))
    .sort((a, b) => ((a.createdAt ?? '') < (b.createdAt ?? '') ? 1 : (a.createdAt ?? '') > (b.createdAt ?? '') ? -1 : a.id < b.id ? -1 : 1));
  const oldest = versions?.map((v) => v.createdAt).filter((t): t is string => t !== undefined).sort()[0];
  const unknown: UnknownFields = { ...r.unknown };
  const sizeBits = material?.n ? material.n.length * 8 : material?.sizeBits;
  if (family === 'symmetric' && sizeBits === undefined) unknown.sizeBits ??= 'NotExposed: the data plane does not return the size of oct keys';
  const ops = material?.keyOps ?? [];
  const purpose = material !== undefined ? purposeOf(ops, family) : undefined;
  const record: KeyRecord = {
    ref: { provider: 'azure', account: vault.account, ...(vault.region ? { region: vault.region } : {}), type: vault.kind === 'managed-hsm' ? 'managed-hsm-key' : 'key-vault-key', id, name: r.props.name },
    provider: 'azure',
    account: vault.account,
    ...(vault.region ? { region: vault.region } : {}),
    container: vault.id,
    id,
    name: r.props.name,
    manager: 'customer',
    ...(purpose ? { purpose } : {}),
    ...(material ? { usage: ops } : {}),
    ...(family ? { keyType: family } : {}),
    ...(kty ? { spec: kty } : {}),
    ...(sizeBits !== undefined ? { sizeBits } : {}),
    ...(material?.crv ? { curve: material.crv } : {}),
    ...(hsm ? { protectionLevel: 'hsm' as const, origin: 'hsm' as const } : kty !== undefined ? { protectionLevel: 'software' as const } : {}),
    state: props.enabled === false ? 'disabled' : 'enabled',
    rawState: props.enabled === false ? 'Disabled' : 'Enabled',
    enabled: props.enabled !== false,
    ...(oldest ?? iso(props.createdOn) ? { createdAt: oldest ?? iso(props.createdOn)! } : {}),
    ...(iso(props.createdOn) && r.versions !== undefined ? { lastRotatedAt: iso(props.createdOn)! } : {}),
    ...(r.rotationPolicy !== undefined ? { rotation: rotationOf(r.rotationPolicy, managed) } : {}),
    ...(versions ? { versions } : {}),
    ...(iso(props.expiresOn) ? { expiresAt: iso(props.expiresOn)! } : {}),
    ...(iso(props.notBefore) ? { notBefore: iso(props.notBefore)! } : {}),
    ...(typeof props.recoverableDays === 'number' ? { deletionWindowDays: props.recoverableDays } : {}),
    ...(props.tags && Object.keys(props.tags).length > 0 ? { tags: { ...props.tags } } : {}),
    ...(access !== undefined ? { access } : {}),
    raw: Object.fromEntries(
      Object.entries({ kid: props.id, kty, managed, exportable: r.key ? (props.exportable ?? false) : undefined, recoveryLevel: props.recoveryLevel, hsmPlatform: props.hsmPlatform }).filter(([, v]) => v !== undefined),
    ),
  };
  if (Object.keys(unknown).length > 0) record.unknown = unknown;
  return record;
}
