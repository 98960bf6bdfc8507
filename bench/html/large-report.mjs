// A synthetic RunReport with N findings spread over providers, accounts, severities, statuses, rules
// with framework mappings, lifecycle states and anomaly series: input for the HTML report's load
// benchmark and its 100,000-finding browser test. Deterministic (seeded), no I/O.
import { createHash } from 'node:crypto';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const PROVIDERS = ['aws', 'azure', 'gcp', 'pkcs11'];
const RULES = [
  ['aws-kms-auto-rotation-enabled', 'policy', 'medium', { 'cis-aws-5.0': ['3.6'], 'pci-dss-4.0.1': ['3.7.4', '3.7.5'], 'iso-27001-2022': ['A.8.24'], 'nist-800-53-r5': ['SC-12', 'SC-12(2)'], soc2: ['CC6.1'] }],
  ['aws-kms-key-policy-not-public', 'policy', 'critical', { 'pci-dss-4.0.1': ['3.6.1', '7.2.1'], 'iso-27001-2022': ['A.5.15'], 'nist-800-53-r5': ['AC-3', 'AC-6'], soc2: ['CC6.1', 'CC6.3'] }],
  ['azure-kv-key-rotation-policy', 'policy', 'medium', { 'cis-azure-6.0': ['8.3.9'], 'pci-dss-4.0.1': ['3.7.4'], 'nist-800-53-r5': ['SC-12'] }],
  ['gcp-kms-rotation-period-max', 'policy', 'low', { 'cis-gcp-5.0': ['1.10'], 'iso-27001-2022': ['A.8.24'] }],
  ['p11-keys-not-extractable', 'policy', 'high', { 'pci-dss-4.0.1': ['3.6.1.2'], 'nist-800-53-r5': ['SC-12(6)'] }],
  ['key-ownership-metadata', 'policy', 'info', { 'pci-dss-4.0.1': ['3.6.1.1', '12.3.3'], 'nist-800-53-r5': ['CM-8'], soc2: ['CC6.1'] }],
  ['anomaly/op-spike', 'anomaly', 'high', { 'nist-800-53-r5': ['SI-4'], 'pci-dss-4.0.1': ['10.4.1.1'] }],
];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** @param {number} count @param {{ hostile?: boolean }} [opts] */
export function largeReport(count, opts = {}) {
  const rand = rng(42);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const findings = [];
  for (let i = 0; i < count; i++) {
    const [ruleId, kind, severity] = pick(RULES);
    const provider = pick(PROVIDERS);
    const account = `${provider}-account-${String(Math.floor(rand() * 40)).padStart(2, '0')}`;
    const region = provider === 'pkcs11' ? undefined : pick(['eu-west-1', 'us-east-1', 'westeurope', 'europe-west1']);
    const id = `${provider}:${account}:key/${String(i).padStart(6, '0')}`;
    const status = rand() < 0.85 ? 'fail' : rand() < 0.7 ? 'unknown' : 'suppressed';
    const f = {
      ruleId,
      kind,
      severity: rand() < 0.2 ? pick(SEVERITIES) : severity,
      status,
      message: `${ruleId} on key ${String(i).padStart(6, '0')} in ${account}: observed value outside policy`,
      resource: { provider, account, ...(region ? { region } : {}), id, name: `alias/key-${String(i).padStart(6, '0')}`, type: 'key' },
      evidence: { observed: Math.floor(rand() * 1000), expected: 365 },
      fingerprint: createHash('sha256').update(`${ruleId}\n${id}`).digest('hex'),
      lifecycle: { state: rand() < 0.1 ? 'new' : 'recurring', firstSeen: '2026-10-01T00:00:00.000Z', lastSeen: '2026-11-01T00:00:00.000Z' },
    };
    if (status === 'unknown') f.reason = 'AccessDenied: kms:GetKeyPolicy';
    if (status === 'suppressed') f.waiver = { reason: 'accepted risk', owner: 'security@example.com', expires: '2027-01-31' };
    if (kind === 'anomaly') {
      f.window = { start: '2026-10-31T02:00:00.000Z', end: '2026-10-31T03:00:00.000Z' };
      f.principal = `arn:aws:iam::${account}:role/batch-${i % 50}`;
      f.evidence = { observed: 900, expected: 10, baseline: { mean: 10, stddev: 3 }, score: 30, series: Array.from({ length: 24 }, (_, h) => [`2026-10-30T${String((h + 3) % 24).padStart(2, '0')}:00:00.000Z`, h === 23 ? 900 : Math.floor(rand() * 20)]) };
    }
    if (opts.hostile && i % 1000 === 0) f.resource.name = `<img src=x onerror=alert(${i})></script><script>alert(${i})</script>`;
    findings.push(f);
  }
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]));
  const byStatus = { fail: 0, unknown: 0, suppressed: 0 };
  const byProvider = {};
  for (const f of findings) {
    byStatus[f.status]++;
    byProvider[f.resource.provider] = (byProvider[f.resource.provider] ?? 0) + 1;
  }
  return {
    schemaVersion: 1,
    tool: { name: 'keywarden', version: '0.1.0', informationUri: 'https://github.com/keywarden/keywarden' },
    run: {
      id: 'kw-bench-large',
      startedAt: '2026-11-01T00:00:00.000Z',
      finishedAt: '2026-11-01T00:05:00.000Z',
      parameters: { inventories: ['inventory.json'], failOn: 'high' },
      scope: { aws: { accounts: ['aws-account-00'] } },
      window: { start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' },
    },
    inputs: [{ path: 'inventory.json', sha256: '0'.repeat(64), bytes: 1, kind: 'inventory' }],
    rules: RULES.map(([id, kind, severity, frameworks]) => ({ id, kind, title: `Check ${id}`, description: `Synthetic rule ${id}.`, severity, frameworks, remediation: 'Fix it.', references: ['https://example.com/docs'] })),
    findings,
    gaps: [],
    coverage: { providers: {}, keys: count, events: 0, policiesEvaluated: count, policiesNotApplicable: 0, policiesUnknown: 0, rulesEvaluated: 1 },
    summary: { bySeverity, byProvider, byStatus },
    trend: [
      { scanId: 'kw-a', at: '2026-10-01T00:00:00.000Z', findings: count - 500, open: count - 800, new: count - 500, fixed: 0 },
      { scanId: 'kw-bench-large', at: '2026-11-01T00:05:00.000Z', findings: count, open: count - 300, new: 700, fixed: 200 },
    ],
  };
}
