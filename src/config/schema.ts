// JSON Schema of keywarden.config.yaml (draft 2020-12, validated with ajv). Descriptions double as
// the fix hints printed when validation fails.

const thresholdProps = {
  rotationMaxDays: {
    oneOf: [
      { type: 'integer', minimum: 1 },
      {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(['aws', 'azure', 'gcp', 'pkcs11'].map((p) => [p, { type: 'integer', minimum: 1 }])),
      },
    ],
    description: 'days, either one number or per provider {aws, azure, gcp, pkcs11}',
  },
  manualRotationMaxDays: { type: 'integer', minimum: 1 },
  verificationKeyMaxDays: { type: 'integer', minimum: 1 },
  maxValidityDays: { type: 'integer', minimum: 1 },
  expiryWarningDays: { type: 'integer', minimum: 0 },
  rsaMinBits: { type: 'integer', minimum: 512 },
  symmetricMinBits: { type: 'integer', minimum: 56 },
  hmacMinBits: { type: 'integer', minimum: 56 },
  allowedCurves: { type: 'array', items: { type: 'string', minLength: 1 } },
  maxKeyUsers: { type: 'integer', minimum: 1 },
  unusedDays: { type: 'integer', minimum: 1 },
  softDeleteMinRetentionDays: { type: 'integer', minimum: 0 },
  requiredTags: { type: 'array', items: { type: 'string', minLength: 1 } },
  allowedRegions: { type: 'array', items: { type: 'string', minLength: 1 } },
  trustedAccounts: { type: 'array', items: { type: 'string', minLength: 1 } },
  hsmRequiredDataClasses: { type: 'array', items: { type: 'string', minLength: 1 } },
  breakGlassPrincipals: { type: 'array', items: { type: 'string', minLength: 1 } },
  enclavePcrs: { type: 'array', items: { type: 'string', minLength: 1 } },
  allowedKeyTypes: { type: 'array', items: { type: 'string', minLength: 1 } },
};

const tagCaps = {
  type: 'object',
  description: 'tag value -> limits, e.g. {restricted: {rotationMaxDays: 90, maxKeyUsers: 3}}',
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(['rotationMaxDays', 'manualRotationMaxDays', 'maxKeyUsers', 'maxValidityDays', 'unusedDays'].map((k) => [k, { type: 'integer', minimum: 1 }])),
  },
};

export const CONFIG_SCHEMA = {
  $id: 'https://keywarden.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'the config format version; only 1 exists' },
    policies: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'folders of extra .rego policies' },
    rules: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'folders of extra anomaly rule YAML files' },
    profile: { type: 'string', minLength: 1, description: 'cis, nist-800-57, pci-dss, or a name under profiles' },
    profiles: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['thresholds'],
        properties: {
          extends: { type: 'string', minLength: 1 },
          thresholds: { type: 'object', additionalProperties: false, properties: thresholdProps },
        },
      },
    },
    dataClasses: { ...tagCaps, description: 'caps per data-class tag value (replace the built-in restricted/confidential caps)' },
    environments: { ...tagCaps, description: 'caps per environment tag value (replace the built-in production caps)' },
    failOn: { enum: ['critical', 'high', 'medium', 'low', 'info', 'none'] },
    geoipDb: { type: 'string', minLength: 1 },
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'resource', 'reason', 'owner', 'expires'],
        properties: {
          rule: { type: 'string', minLength: 1, description: 'a rule id, or a glob such as anomaly/*' },
          resource: { type: 'string', minLength: 1, description: 'a glob over the resource id (ARN, key URI, resource name); * matches anything' },
          reason: { type: 'string', minLength: 3 },
          owner: { type: 'string', minLength: 1 },
          expires: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
            description: 'a date (YYYY-MM-DD) or ISO 8601 time; waivers must expire so they get reviewed',
          },
        },
      },
    },
  },
} as const;
