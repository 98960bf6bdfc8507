import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../../src/config/load.js';
import { resolveProfile } from '../../../src/config/profiles.js';
import { ToolError } from '../../../src/core/errors.js';

function errorOf(fn: () => unknown): ToolError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ToolError) return e;
    throw e;
  }
  throw new Error('expected a ToolError');
}

describe('config loading', () => {
  it('uses defaults when no file exists and none was asked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-config-'));
    const c = loadConfig({ cwd: dir });
    expect(c.file).toBeUndefined();
    expect(c.profile).toBe('cis');
    expect(c.thresholds.rotationMaxDays.gcp).toBe(90);
  });

  it('fails with config-not-found for a missing --config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-config-'));
    const e = errorOf(() => loadConfig({ cwd: dir, file: 'nope.yaml' }));
    expect(e.code).toBe('config-not-found');
    expect(e.exitCode).toBe(2);
  });

  it('reads the working directory file and resolves folders relative to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-config-'));
    writeFileSync(join(dir, 'keywarden.config.yaml'), 'policies: [my-policies]\nprofile: nist-800-57\n');
    const c = loadConfig({ cwd: dir });
    expect(c.policies).toEqual([join(dir, 'my-policies')]);
    expect(c.thresholds.rotationMaxDays.aws).toBe(730);
  });

  it('reports YAML syntax errors as config-parse', () => {
    expect(errorOf(() => parseConfig('waivers: [\n  - rule: x\n', '/x/k.yaml')).code).toBe('config-parse');
  });

  it('names the field and the fix for schema errors', () => {
    const e = errorOf(() =>
      parseConfig(
        ['failOn: severe', 'colour: blue', 'waivers:', '  - rule: r', '    resource: "*"', '    reason: because', '    expires: next week'].join('\n'),
        '/x/k.yaml',
      ),
    );
    expect(e.code).toBe('config-invalid');
    expect(e.message).toContain('at failOn: must be one of critical, high, medium, low, info, none');
    expect(e.message).toContain('has an unknown field "colour"');
    expect(e.message).toContain('at waivers[0]: is missing the field "owner"');
    expect(e.message).toMatch(/at waivers\[0\]\.expires: .*YYYY-MM-DD/);
    expect(e.describe()).toContain('→');
  });

  it('accepts unquoted YAML dates for waiver expiry', () => {
    const c = parseConfig('waivers:\n  - {rule: r, resource: "*", reason: because, owner: me, expires: 2026-12-31}\n', '/x/k.yaml');
    expect(c.waivers[0]?.expires).toMatch(/^2026-12-31/);
  });

  it('passes data-class and environment caps and the optional limits through', () => {
    const c = parseConfig(
      'profiles:\n  org:\n    thresholds: {trustedAccounts: ["444455556666"]}\nprofile: org\ndataClasses:\n  secret: {rotationMaxDays: 30, maxKeyUsers: 2}\nenvironments:\n  production: {rotationMaxDays: 180}\n',
      '/x/k.yaml',
    );
    expect(c.thresholds.trustedAccounts).toEqual(['444455556666']);
    expect(c.dataClasses).toEqual({ secret: { rotationMaxDays: 30, maxKeyUsers: 2 } });
    expect(c.environments).toEqual({ production: { rotationMaxDays: 180 } });
    expect(() => parseConfig('dataClasses:\n  secret: {rotationMaxDays: soon}\n', '/x/k.yaml')).toThrow(/dataClasses\.secret\.rotationMaxDays/);
  });

  it('builds custom profiles on a base and rejects unknown ones', () => {
    const c = parseConfig(
      'profile: strict\nprofiles:\n  strict:\n    extends: pci-dss\n    thresholds: {rotationMaxDays: 90, rsaMinBits: 4096}\n',
      '/x/k.yaml',
    );
    expect(c.thresholds.rotationMaxDays).toEqual({ aws: 90, azure: 90, gcp: 90, pkcs11: 90 });
    expect(c.thresholds.rsaMinBits).toBe(4096);
    expect(c.thresholds.symmetricMinBits).toBe(256);
    const e = errorOf(() => parseConfig('profile: mine\n', '/x/k.yaml'));
    expect(e.message).toContain('unknown threshold profile "mine"');
    expect(() => resolveProfile('a', { a: { extends: 'b', thresholds: {} }, b: { extends: 'a', thresholds: {} } })).toThrow(/cycle/);
  });
});
