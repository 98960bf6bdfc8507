// The Cloud KMS objects as the SDK's REST fallback decodes them (cloud-testing.md 3.2): Timestamps and
// Durations are `{ seconds: '<string>', nanos }`, enums are strings, absent messages are null.

export interface ProtoTime {
  seconds?: string | number | null;
  nanos?: number | null;
}

export interface KmsKeyRing {
  name?: string | null;
  createTime?: ProtoTime | null;
}

export interface KmsVersion {
  name?: string | null;
  state?: string | null;
  protectionLevel?: string | null;
  algorithm?: string | null;
  createTime?: ProtoTime | null;
  generateTime?: ProtoTime | null;
  destroyTime?: ProtoTime | null;
  destroyEventTime?: ProtoTime | null;
  importJob?: string | null;
  importTime?: ProtoTime | null;
  externalProtectionLevelOptions?: { externalKeyUri?: string | null; ekmConnectionKeyPath?: string | null } | null;
}

export interface KmsCryptoKey {
  name?: string | null;
  primary?: KmsVersion | null;
  purpose?: string | null;
  createTime?: ProtoTime | null;
  nextRotationTime?: ProtoTime | null;
  rotationPeriod?: ProtoTime | null;
  versionTemplate?: { protectionLevel?: string | null; algorithm?: string | null } | null;
  labels?: Record<string, string> | null;
  importOnly?: boolean | null;
  destroyScheduledDuration?: ProtoTime | null;
  cryptoKeyBackend?: string | null;
}

/** RFC 3339 (UTC, whole seconds unless there are nanos) or undefined. */
export function isoTime(t: ProtoTime | null | undefined): string | undefined {
  if (t === null || t === undefined || t.seconds === null || t.seconds === undefined) return undefined;
  const s = Number(t.seconds);
  if (!Number.isFinite(s) || (s === 0 && !t.nanos)) return undefined;
  const ms = s * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso;
}

/** Duration in whole seconds, or undefined. */
export function durationSeconds(d: ProtoTime | null | undefined): number | undefined {
  if (d === null || d === undefined || d.seconds === null || d.seconds === undefined) return undefined;
  const s = Number(d.seconds);
  return Number.isFinite(s) && s > 0 ? s : undefined;
}

/** projects/P/locations/L/keyRings/R[/cryptoKeys/K[/cryptoKeyVersions/V]] parts. */
export function nameParts(name: string): { project: string; location: string; ring?: string; key?: string; version?: string } {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)(?:\/keyRings\/([^/]+))?(?:\/cryptoKeys\/([^/]+))?(?:\/cryptoKeyVersions\/([^/]+))?$/.exec(name);
  if (!m) return { project: '', location: '' };
  return { project: m[1]!, location: m[2]!, ...(m[3] ? { ring: m[3] } : {}), ...(m[4] ? { key: m[4] } : {}), ...(m[5] ? { version: m[5] } : {}) };
}
