// Threshold profiles: the anchors disagree (90 days for CIS GCP, a year for CIS AWS, two years for
// NIST SP 800-57), so policies read their limits from the selected profile, and the report says which
// profile and values were applied (checks.md section 3, "Thresholds disagree between anchors").
import type { Provider } from '../core/model.js';

export interface Thresholds {
  /** Maximum automatic-rotation period and maximum age of the last rotation, per provider (days). */
  rotationMaxDays: Record<Provider, number>;
  /** Cryptoperiod for keys that cannot auto-rotate: maximum age of the current material/version (days). */
  manualRotationMaxDays: number;
  /** Public verification keys may legitimately live longer (NIST: "several years"). */
  verificationKeyMaxDays: number;
  /** Expiry − creation (days); Azure Policy 49a22571. */
  maxValidityDays: number;
  /** Warn when a key expires within this many days. */
  expiryWarningDays: number;
  rsaMinBits: number;
  symmetricMinBits: number;
  hmacMinBits: number;
  allowedCurves: string[];
  /** At most this many principals may use one key (SCC TOO_MANY_KMS_USERS). */
  maxKeyUsers: number;
  /** Enabled keys unused for this many days are reported as unused. */
  unusedDays: number;
  softDeleteMinRetentionDays: number;
  /** Tags/labels every customer key must carry (case-insensitive names). */
  requiredTags: string[];
  /** Allowed regions/locations; empty means any. */
  allowedRegions: string[];
  /** Optional limits no built-in profile sets; policies/lib/thresholds.rego has their defaults. */
  trustedAccounts?: string[];
  hsmRequiredDataClasses?: string[];
  breakGlassPrincipals?: string[];
  enclavePcrs?: string[];
  allowedKeyTypes?: string[];
}

/** Per data-class or environment tag value: limits that tighten the profile for such keys. */
export type TagCaps = Record<string, Partial<Pick<Thresholds, 'manualRotationMaxDays' | 'maxKeyUsers' | 'maxValidityDays' | 'unusedDays'>> & { rotationMaxDays?: number }>;

export const BUILTIN_PROFILES: Record<'cis' | 'nist-800-57' | 'pci-dss', Thresholds> = {
  cis: {
    rotationMaxDays: { aws: 365, azure: 730, gcp: 90, pkcs11: 730 },
    manualRotationMaxDays: 365,
    verificationKeyMaxDays: 1095,
    maxValidityDays: 730,
    expiryWarningDays: 30,
    rsaMinBits: 2048,
    symmetricMinBits: 128,
    hmacMinBits: 112,
    allowedCurves: ['P-256', 'P-384', 'P-521'],
    maxKeyUsers: 3,
    unusedDays: 90,
    softDeleteMinRetentionDays: 7,
    requiredTags: ['owner'],
    allowedRegions: [],
  },
  'nist-800-57': {
    rotationMaxDays: { aws: 730, azure: 730, gcp: 730, pkcs11: 730 },
    manualRotationMaxDays: 730,
    verificationKeyMaxDays: 1825,
    maxValidityDays: 1825,
    expiryWarningDays: 60,
    rsaMinBits: 2048,
    symmetricMinBits: 128,
    hmacMinBits: 112,
    allowedCurves: ['P-256', 'P-384', 'P-521'],
    maxKeyUsers: 5,
    unusedDays: 180,
    softDeleteMinRetentionDays: 7,
    requiredTags: ['owner'],
    allowedRegions: [],
  },
  'pci-dss': {
    rotationMaxDays: { aws: 365, azure: 365, gcp: 365, pkcs11: 365 },
    manualRotationMaxDays: 365,
    verificationKeyMaxDays: 1095,
    maxValidityDays: 365,
    expiryWarningDays: 30,
    rsaMinBits: 3072,
    symmetricMinBits: 256,
    hmacMinBits: 128,
    allowedCurves: ['P-256', 'P-384', 'P-521'],
    maxKeyUsers: 3,
    unusedDays: 90,
    softDeleteMinRetentionDays: 30,
    requiredTags: ['owner', 'data-class'],
    allowedRegions: [],
  },
};

export const DEFAULT_PROFILE = 'cis';

export function isBuiltinProfile(name: string): name is keyof typeof BUILTIN_PROFILES {
  return Object.prototype.hasOwnProperty.call(BUILTIN_PROFILES, name);
}

/** A custom profile: a built-in base plus overrides (rotationMaxDays may be a number for all providers). */
export interface CustomProfile {
  extends?: string;
  thresholds: Partial<Omit<Thresholds, 'rotationMaxDays'>> & { rotationMaxDays?: number | Partial<Record<Provider, number>> };
}

/** Resolve a profile name against the built-ins and the config's custom profiles (extends chains allowed). */
export function resolveProfile(name: string, custom: Record<string, CustomProfile> = {}, seen: string[] = []): Thresholds {
  if (seen.includes(name)) throw new Error(`profile cycle: ${[...seen, name].join(' -> ')}`);
  const own = custom[name];
  if (!own) {
    if (isBuiltinProfile(name)) return structuredClone(BUILTIN_PROFILES[name]);
    const known = [...Object.keys(BUILTIN_PROFILES), ...Object.keys(custom)].sort();
    throw new Error(`unknown threshold profile "${name}" (known: ${known.join(', ')})`);
  }
  const base = resolveProfile(own.extends ?? DEFAULT_PROFILE, custom, [...seen, name]);
  const { rotationMaxDays, ...rest } = own.thresholds;
  const merged: Thresholds = { ...base, ...(rest as Partial<Thresholds>) };
  if (typeof rotationMaxDays === 'number') {
    merged.rotationMaxDays = { aws: rotationMaxDays, azure: rotationMaxDays, gcp: rotationMaxDays, pkcs11: rotationMaxDays };
  } else if (rotationMaxDays) {
    merged.rotationMaxDays = { ...base.rotationMaxDays, ...rotationMaxDays };
  }
  return merged;
}
