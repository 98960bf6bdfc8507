// The real GCP and cross-provider Rego checks on what collectGcp read from the local server: the
// collector fills exactly the fields the checks read, and unreadable IAM gives unknown, not pass.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGcp } from '../../../../src/collectors/gcp/index.js';
import { fixedClock } from '../../../../src/core/clock.js';
import type { Finding } from '../../../../src/core/model.js';
import { PolicyEngine, createInterpreterBackend, loadPolicyModules } from '../../../../src/engine/index.js';
import { acmeEstate } from '../../../support/gcp-server/estate.js';
import { startGcpServer, type GcpServer } from '../../../support/gcp-server/server.js';
import { localEndpoints, recordingProgress, staticTokenAuth } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const NOW = new Date('2026-11-28T12:00:00Z');
const RING = 'projects/acme-kms-prod/locations/europe-west1/keyRings/payments';
const key = (id: string) => `${RING}/cryptoKeys/${id}`;

describe('GCP policies on a collected inventory', () => {
  let server: GcpServer;
  let findings: Finding[] = [];
  beforeAll(async () => {
    // archive-dek's own IAM policy is unreadable
    server = await startGcpServer(acmeEstate(NOW.getTime()), { faults: [{ match: /archive-dek:getIamPolicy$/, status: 403 }] });
    const clock = fixedClock(NOW);
    const out = await collectGcp({ projects: ['acme-kms-prod', 'acme-kms-dev'], auth: staticTokenAuth(), endpoints: localEndpoints(server.url) }, { env: {}, clock, progress: recordingProgress() });
    const dirs = ['lib', 'gcp', 'cross'].map((d) => ({ dir: join(ROOT, 'policies', d), builtin: true, label: d }));
    const engine = await PolicyEngine.load(loadPolicyModules(dirs), (sources) => createInterpreterBackend(sources, {}));
    const result = await engine.evaluate({ keys: out.keys, containers: out.containers, logging: out.logging, scope: { gcp: out.scope }, gaps: out.gaps, now: NOW.toISOString() }, { now: NOW });
    expect(result.gaps).toEqual([]);
    findings = result.findings;
  }, 120_000);
  afterAll(() => server.close());

  const statusOf = (rule: string, id: string) => findings.filter((f) => f.ruleId === rule && f.resource.id === id).map((f) => f.status).sort();

  it('rotation: off and too slow fail; 90-day and asymmetric keys do not', () => {
    expect(statusOf('gcp-kms-rotation-period-max', key('ledger-dek'))).toEqual(['fail']);
    expect(statusOf('gcp-kms-rotation-period-max', key('archive-dek'))).toEqual(['fail']);
    expect(statusOf('gcp-kms-rotation-period-max', key('payments-dek'))).toEqual([]);
    expect(statusOf('gcp-kms-rotation-period-max', key('receipt-signer'))).toEqual([]);
  });

  it('a key ring made public through its own IAM makes its key public', () => {
    expect(statusOf('gcp-kms-key-not-public', 'projects/acme-kms-prod/locations/global/keyRings/shared/cryptoKeys/shared-dek')).toEqual(['fail']);
    expect(statusOf('gcp-kms-key-not-public', key('payments-dek'))).toEqual([]);
    expect(statusOf('gcp-kms-key-not-public', key('archive-dek'))).toEqual(['unknown']);
  });

  it('a primary version scheduled for destruction fails; a fully destroyed key does not', () => {
    expect(statusOf('gcp-kms-version-not-destroy-scheduled', key('closing-dek'))).toEqual(['fail']);
    expect(statusOf('gcp-kms-version-not-destroy-scheduled', key('retired-dek'))).toEqual([]);
  });

  it('project checks: human owner, Data Access logs off (prod) and on (dev)', () => {
    expect(statusOf('gcp-kms-project-no-owner', 'projects/acme-kms-prod')).toEqual(['fail']);
    expect(statusOf('gcp-kms-project-no-owner', 'projects/acme-kms-dev')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'gcp-kms-data-access-audit-logs').map((f) => [f.resource.account, f.status])).toEqual([['acme-kms-prod', 'fail']]);
  });

  it('org-policy guardrails are unknown inside an organisation and out of scope outside one', () => {
    expect(statusOf('gcp-kms-destroy-guardrails', 'projects/acme-kms-prod')).toEqual(['unknown']);
    expect(statusOf('gcp-kms-destroy-guardrails', 'projects/acme-kms-dev')).toEqual([]);
  });

  it('cross-provider checks see GCP curves and unknown IAM', () => {
    expect(statusOf('ec-curve-allowed', key('receipt-signer'))).toEqual(['fail']);
    expect(statusOf('gcp-kms-too-many-key-users', key('archive-dek'))).toEqual(['unknown']);
    expect(statusOf('gcp-kms-too-many-key-users', key('settlement-dek'))).toEqual(['fail']);
    expect(statusOf('kms-admin-usage-separation', key('settlement-dek'))).toEqual(['fail']);
    expect(statusOf('gcp-kms-too-many-key-users', key('payments-dek'))).toEqual([]);
  });
});
