// JSON Schema of an anomaly rule file (the detector's own params schema is checked separately).
const scope = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    keyTags: { type: 'object', additionalProperties: { type: 'string' } },
    principals: { type: 'array', items: { type: 'string' } },
    accounts: { type: 'array', items: { type: 'string' } },
    keys: { type: 'array', items: { type: 'string' } },
  },
};

export const RULE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'detector', 'title', 'description', 'severity'],
  properties: {
    id: { type: 'string', pattern: '^anomaly/[a-z0-9][a-z0-9-]*$' },
    aliases: { type: 'array', items: { type: 'string' } },
    detector: { type: 'string' },
    title: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    severity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
    remediation: { type: 'string' },
    references: { type: 'array', items: { type: 'string' } },
    frameworks: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    providers: { type: 'array', items: { enum: ['aws', 'azure', 'gcp', 'pkcs11'] } },
    tags: { type: 'array', items: { type: 'string' } },
    enabled: { type: 'boolean' },
    foldMinutes: { type: 'number', minimum: 0 },
    params: { type: 'object' },
    exclude: { type: 'array', items: scope },
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['match'],
        properties: {
          match: scope,
          params: { type: 'object' },
          severity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
          enabled: { type: 'boolean' },
        },
      },
    },
  },
} as const;
