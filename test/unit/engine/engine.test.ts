import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../src/core/errors.js';
import type { Inventory, KeyRecord } from '../../../src/core/model.js';
import { PolicyEngine, ruleBudgetMs } from '../../../src/engine/engine.js';
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
      () =>
        Promise.resolve(fakeBackend(
          {
            'kw.rot.deny': [
              { msg: 'rotation is off', resource: key.ref, evidence: { rotationEnabled: false } },
              { msg: 'policy unreadable', resource: arn, status: 'unknown', reason: 'AccessDenied: kms:GetKeyRotationStatus' },
            ],
          },
          seen,
        )),
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
    const engine = await PolicyEngine.load([kw], () =>
      Promise.resolve(fakeBackend({ 'kw.rot.deny': [{ msg: 'cannot tell', resource: { id: arn }, status: 'unknown', reason: 'AccessDenied' }] })),
    );
    const r = await engine.evaluate(input, { now });
    expect(r.findings[0]).toMatchObject({ status: 'unknown', reason: 'AccessDenied' });
    expect(r.unknown).toBe(1);
  });

  it('accepts conftest-style deny / violation / warn strings and objects', async () => {
    const engine = await PolicyEngine.load([conftest], () =>
      Promise.resolve(
        fakeBackend({
          'main.deny': [`key ${arn} has no owner tag`],
          'main.violation': [{ msg: 'something global', details: { count: 3 } }],
          'main.warn': ['consider a description'],
        }),
      ),
    );
    const r = await engine.evaluate(input, { now });
    const byMsg = Object.fromEntries(r.findings.map((f) => [f.message, f]));
    expect(byMsg[`key ${arn} has no owner tag`]).toMatchObject({ ruleId: 'main.deny', severity: 'medium', status: 'fail', resource: { id: arn } });
    expect(byMsg['something global']).toMatchObject({ ruleId: 'main.violation', resource: { id: 'policy:main.violation', provider: 'aws' }, evidence: { count: 3 } });
    expect(byMsg['consider a description']).toMatchObject({ ruleId: 'main.warn', severity: 'low', evidence: { ruleKind: 'warn' } });
  });

  it('skips policies for providers absent from the inventory (not applicable)', async () => {
    const gcpOnly = mod('g.rego', '# METADATA\n# custom:\n#   id: gcp-x\n#   provider: gcp\npackage g\n\ndeny contains "x" if true\n');
    const engine = await PolicyEngine.load([gcpOnly], () => Promise.resolve(fakeBackend({ 'g.deny': ['x'] })));
    const r = await engine.evaluate(input, { now });
    expect(r).toMatchObject({ evaluated: 0, notApplicable: 1, findings: [] });
  });

  it('turns an evaluation error into a gap and an unknown finding', async () => {
    const engine = await PolicyEngine.load([kw], () => Promise.resolve(fakeBackend({ 'kw.rot.deny': new Error('eval_builtin_error: div by zero') })));
    const r = await engine.evaluate(input, { now });
    expect(r.gaps[0]).toMatchObject({ source: 'policy-engine', scope: 'policy:aws-kms-auto-rotation-enabled' });
    expect(r.findings[0]).toMatchObject({ status: 'unknown', ruleId: 'aws-kms-auto-rotation-enabled' });
    expect(r.unknown).toBe(1);
  });

  it('reports malformed result elements as gaps', async () => {
    const engine = await PolicyEngine.load([conftest], () => Promise.resolve(fakeBackend({ 'main.deny': [42] })));
    const r = await engine.evaluate(input, { now });
    expect(r.findings).toEqual([]);
    expect(r.gaps[0]?.code).toBe('BadResult');
  });

  it('refuses two packages with the same policy id', async () => {
    const twin = mod('twin.rego', kw.source.replace('package kw.rot', 'package kw.other'));
    await expect(PolicyEngine.load([kw, twin], () => Promise.resolve(fakeBackend({})))).rejects.toBeInstanceOf(ToolError);
  });

  it('lists rule metadata for reports', async () => {
    const engine = await PolicyEngine.load([kw, conftest, lib], () => Promise.resolve(fakeBackend({})));
    expect(engine.rules().map((r) => r.id)).toEqual(['aws-kms-auto-rotation-enabled', 'main.deny', 'main.violation', 'main.warn']);
  });
});

// The time builtins land separately in src/rego; until then only the time-dependent case waits.
const { BUILTINS } = await import('../../../src/rego/builtins/table.js');
const hasTime = BUILTINS.has('time.now_ns') && BUILTINS.has('time.parse_rfc3339_ns');

describe('PolicyEngine on the Rego interpreter', () => {
  it.skipIf(!hasTime)('evaluates a real policy with now injected and maps its results', async () => {
    const { createInterpreterBackend } = await import('../../../src/engine/backends/interpreter.js');
    const real = mod(
      'age.rego',
      `# METADATA
# title: Keys are younger than a year
# custom:
#   id: demo-key-age
#   severity: medium
#   providers: [aws]
package demo.age

import rego.v1

deny contains result if {
  some key in input.keys
  not key.createdAt
  result := {"msg": "creation time unknown", "resource": key.ref, "status": "unknown", "reason": "createdAt not collected"}
}

deny contains result if {
  some key in input.keys
  age_days := (time.now_ns() - time.parse_rfc3339_ns(key.createdAt)) / (24 * 3600 * 1000000000)
  age_days > data.keywarden.thresholds.maxDays
  result := {"msg": sprintf("key is %d days old", [round(age_days)]), "resource": key.ref, "evidence": {"ageDays": round(age_days)}}
}

warn contains msg if {
  some key in input.keys
  count(key.aliases) == 1
  msg := sprintf("key %s has a single alias", [key.id])
}
`,
    );
    const old = { ...key, createdAt: '2025-10-01T00:00:00Z' };
    const engine = await PolicyEngine.load([real], (modules) => createInterpreterBackend(modules, { keywarden: { thresholds: { maxDays: 365 } } }));
    const r1 = await engine.evaluate({ ...input, keys: [old] }, { now });
    // deny and warn of one policy on one key are one finding (same id and resource); the warn text is kept.
    expect(r1.findings.map((f) => [f.status, f.message, f.severity, f.evidence.ageDays, f.evidence.otherMessages])).toEqual([
      ['fail', 'key is 396 days old', 'medium', 396, [`key ${arn} has a single alias`]],
    ]);
    // A year earlier the same key is young: `now` comes from the caller, not the wall clock.
    const r2 = await engine.evaluate({ ...input, keys: [old] }, { now: new Date('2025-11-01T00:00:00Z') });
    expect(r2.findings.map((f) => f.message)).toEqual([`key ${arn} has a single alias`]);
    const { createdAt: _drop, ...noCreated } = key;
    const r3 = await engine.evaluate({ ...input, keys: [{ ...noCreated, aliases: [] }] }, { now });
    expect(r3.findings[0]).toMatchObject({ status: 'unknown', reason: 'createdAt not collected' });
  });

  it('maps a conftest policy evaluated by the interpreter', async () => {
    const { createInterpreterBackend } = await import('../../../src/engine/backends/interpreter.js');
    const conf = mod(
      'owner.rego',
      'package main\n\nimport rego.v1\n\ndeny contains msg if {\n  some key in input.keys\n  not key.tags.owner\n  msg := sprintf("key %s has no owner tag", [key.id])\n}\n\nwarn contains {"msg": "single alias", "resource": key.id} if {\n  some key in input.keys\n  count(key.aliases) == 1\n}\n',
    );
    const engine = await PolicyEngine.load([conf], (m) => createInterpreterBackend(m, {}));
    const r = await engine.evaluate(input, { now });
    expect(r.findings.map((f) => [f.ruleId, f.message, f.severity, f.resource.id])).toEqual([
      ['main.deny', `key ${arn} has no owner tag`, 'medium', arn],
      ['main.warn', 'single alias', 'low', arn],
    ]);
  });

  it('honours conftest exception rules: exempted results stay visible as suppressed', async () => {
    const { createInterpreterBackend } = await import('../../../src/engine/backends/interpreter.js');
    const conf = mod(
      'exc.rego',
      'package main\n\nimport rego.v1\n\ndeny_no_owner contains msg if {\n  some key in input.keys\n  msg := sprintf("%s has no owner", [key.id])\n}\n\ndeny_old contains "old" if true\n\nexception contains rules if {\n  rules := ["no_owner"]\n}\n',
    );
    const engine = await PolicyEngine.load([conf], (m) => createInterpreterBackend(m, {}));
    const r = await engine.evaluate(input, { now });
    expect(r.findings.map((f) => [f.ruleId, f.status, f.waiver?.reason])).toEqual([
      ['main.deny_no_owner', 'suppressed', 'exception rule in package main exempts deny_no_owner'],
      ['main.deny_old', 'fail', undefined],
    ]);
  });

  it('reports compile errors as policy-load tool errors with the file', async () => {
    const { createInterpreterBackend } = await import('../../../src/engine/backends/interpreter.js');
    const broken = mod('broken.rego', 'package broken\n\ndeny contains msg if {\n  msg := \n}\n');
    const err = await PolicyEngine.load([broken], (m) => createInterpreterBackend(m, {})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).code).toBe('policy-load');
    expect((err as ToolError).message).toContain('broken.rego');
  });
});

describe('ruleBudgetMs', () => {
  it('gives every rule 30 s plus 1 ms per key and container', () => {
    const many = <T>(n: number) => Array.from({ length: n }, () => ({}) as T);
    expect(ruleBudgetMs({ keys: [], containers: [], logging: [] })).toBe(30_000);
    expect(ruleBudgetMs({ keys: many(100_000), containers: many(500), logging: [] })).toBe(130_500);
  });
});
