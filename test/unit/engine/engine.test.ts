import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../src/core/errors.js';
import type { Inventory, KeyRecord } from '../../../src/core/model.js';
import { PolicyEngine } from '../../../src/engine/engine.js';
import type { PolicyModule } from '../../../src/engine/loader.js';
import { fakeBackend } from './fake-backend.js';

const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1111';
const key: KeyRecord = {
  ref: { provider: 'aws', account: '111122223333', region: 'eu-west-1', type: 'kms-key', id: arn, name: 'alias/billing' },
  provider: 'aws',
  account: '111122223333',
  region: 'eu-west-1',
  id: arn,
  aliases: ['alias/billing'],
};
const input = { keys: [key], containers: [], logging: [] } satisfies Pick<Inventory, 'keys' | 'containers' | 'logging'>;
const now = new Date('2026-11-01T00:00:00Z');

const mod = (path: string, source: string): PolicyModule => ({ path, file: path, source, builtin: false });
const kw = mod(
  'kw.rego',
  `# METADATA
# title: Rotation
# custom:
#   id: aws-kms-auto-rotation-enabled
#   severity: high
#   providers: [aws]
#   remediation: turn it on
package kw.rot

deny contains r if { r := 1 }
`,
);
const conftest = mod('c.rego', 'package main\n\ndeny contains msg if { msg := "x" }\nviolation contains v if { v := 1 }\nwarn contains m if { m := 1 }\n');
const lib = mod('lib.rego', 'package lib.result\n\nfail(msg, key) := {"msg": msg, "resource": key.ref}\n');

describe('PolicyEngine', () => {
  it('maps keywarden result objects, with resource lookup and unknown status', async () => {
    const seen: { now?: Date } = {};
    const engine = await PolicyEngine.load(
      [kw, lib],
      async () =>
        fakeBackend(
          {
            'kw.rot.deny': [
              { msg: 'rotation is off', resource: key.ref, evidence: { rotationEnabled: false } },
              { msg: 'policy unreadable', resource: arn, status: 'unknown', reason: 'AccessDenied: kms:GetKeyRotationStatus' },
            ],
          },
          seen,
        ),
    );
    const r = await engine.evaluate(input, { now });
    expect(seen.now).toEqual(now);
    expect(r.evaluated).toBe(1);
    // Same rule + resource → one finding; the fail wins and the other message is kept.
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({
      ruleId: 'aws-kms-auto-rotation-enabled',
      kind: 'policy',
      severity: 'high',
      status: 'fail',
      message: 'rotation is off',
      remediation: 'turn it on',
      resource: { provider: 'aws', account: '111122223333', region: 'eu-west-1', id: arn, name: 'alias/billing' },
    });
    expect(f.evidence).toMatchObject({ rotationEnabled: false, otherMessages: ['policy unreadable'] });
    expect(f.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports unknown with its reason, never as pass', async () => {
    const engine = await PolicyEngine.load([kw], async () =>
      fakeBackend({ 'kw.rot.deny': [{ msg: 'cannot tell', resource: { id: arn }, status: 'unknown', reason: 'AccessDenied' }] }),
    );
    const r = await engine.evaluate(input, { now });
    expect(r.findings[0]).toMatchObject({ status: 'unknown', reason: 'AccessDenied' });
    expect(r.unknown).toBe(1);
  });

  it('accepts conftest-style deny / violation / warn strings and objects', async () => {
    const engine = await PolicyEngine.load([conftest], async () =>
      fakeBackend({
        'main.deny': [`key ${arn} has no owner tag`],
        'main.violation': [{ msg: 'something global', details: { count: 3 } }],
        'main.warn': ['consider a description'],
      }),
    );
    const r = await engine.evaluate(input, { now });
    const byMsg = Object.fromEntries(r.findings.map((f) => [f.message, f]));
    expect(byMsg[`key ${arn} has no owner tag`]).toMatchObject({ ruleId: 'main', severity: 'medium', status: 'fail', resource: { id: arn } });
    expect(byMsg['something global']).toMatchObject({ resource: { id: 'policy:main', provider: 'aws' }, evidence: { count: 3 } });
    expect(byMsg['consider a description']).toMatchObject({ severity: 'low', evidence: { ruleKind: 'warn' } });
  });

  it('skips policies for providers absent from the inventory (not applicable)', async () => {
    const gcpOnly = mod('g.rego', '# METADATA\n# custom:\n#   id: gcp-x\n#   provider: gcp\npackage g\n\ndeny contains "x" if true\n');
    const engine = await PolicyEngine.load([gcpOnly], async () => fakeBackend({ 'g.deny': ['x'] }));
    const r = await engine.evaluate(input, { now });
    expect(r).toMatchObject({ evaluated: 0, notApplicable: 1, findings: [] });
  });

  it('turns an evaluation error into a gap and an unknown finding', async () => {
    const engine = await PolicyEngine.load([kw], async () => fakeBackend({ 'kw.rot.deny': new Error('eval_builtin_error: div by zero') }));
    const r = await engine.evaluate(input, { now });
    expect(r.gaps[0]).toMatchObject({ source: 'policy-engine', scope: 'policy:aws-kms-auto-rotation-enabled' });
    expect(r.findings[0]).toMatchObject({ status: 'unknown', ruleId: 'aws-kms-auto-rotation-enabled' });
    expect(r.unknown).toBe(1);
  });

  it('reports malformed result elements as gaps', async () => {
    const engine = await PolicyEngine.load([conftest], async () => fakeBackend({ 'main.deny': [42] }));
    const r = await engine.evaluate(input, { now });
    expect(r.findings).toEqual([]);
    expect(r.gaps[0]?.code).toBe('BadResult');
  });

  it('refuses two packages with the same policy id', async () => {
    const twin = mod('twin.rego', kw.source.replace('package kw.rot', 'package kw.other'));
    await expect(PolicyEngine.load([kw, twin], async () => fakeBackend({}))).rejects.toBeInstanceOf(ToolError);
  });

  it('lists rule metadata for reports', async () => {
    const engine = await PolicyEngine.load([kw, conftest, lib], async () => fakeBackend({}));
    expect(engine.rules().map((r) => r.id)).toEqual(['aws-kms-auto-rotation-enabled', 'main']);
  });
});
