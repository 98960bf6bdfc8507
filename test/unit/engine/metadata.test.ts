import { describe, expect, it } from 'vitest';
import { readModuleInfo, toRuleMeta } from '../../../src/engine/metadata.js';

const policy = `# METADATA
# title: AWS KMS keys rotate automatically
# description: Customer-managed symmetric keys have automatic rotation on.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: aws-kms-auto-rotation-enabled
#   severity: HIGH
#   provider: aws
#   remediation: Enable automatic rotation (aws kms enable-key-rotation).
#   frameworks:
#     cis-aws-5.0: ["3.6"]
#     pci-dss-4.0.1: ["3.7.4"]
package keywarden.aws.kms.auto_rotation_enabled

import rego.v1

deny contains result if {
  some key in input.keys
  key.rotation.enabled == false
  result := {"msg": "off", "resource": key.ref}
}

# METADATA
# custom:
#   id: aws-kms-auto-rotation-unknown
#   severity: low
warn_unreadable contains msg if {
  msg := "x"
}

helper(x) := x
`;

describe('METADATA', () => {
  it('finds the package, result rules and annotations', () => {
    const info = readModuleInfo('p.rego', policy);
    expect(info.packagePath).toBe('keywarden.aws.kms.auto_rotation_enabled');
    expect(info.resultRules).toEqual(['deny', 'warn_unreadable']);
    expect(info.annotations.map((a) => [a.scope, a.rule])).toEqual([
      ['package', undefined],
      ['rule', 'warn_unreadable'],
    ]);
  });

  it('maps package metadata to RuleMeta', () => {
    const meta = toRuleMeta(readModuleInfo('p.rego', policy));
    expect(meta).toEqual({
      id: 'aws-kms-auto-rotation-enabled',
      kind: 'policy',
      title: 'AWS KMS keys rotate automatically',
      description: 'Customer-managed symmetric keys have automatic rotation on.',
      severity: 'high',
      remediation: 'Enable automatic rotation (aws kms enable-key-rotation).',
      references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
      frameworks: { 'cis-aws-5.0': ['3.6'], 'pci-dss-4.0.1': ['3.7.4'] },
      providers: ['aws'],
    });
  });

  it('lets a rule block override the package block', () => {
    const meta = toRuleMeta(readModuleInfo('p.rego', policy), 'warn_unreadable');
    expect(meta.id).toBe('aws-kms-auto-rotation-unknown');
    expect(meta.severity).toBe('low');
    expect(meta.title).toBe('AWS KMS keys rotate automatically');
  });

  it('falls back to the package path and default severities without metadata', () => {
    const info = readModuleInfo('c.rego', 'package main\n\ndeny[msg] {\n  msg := "x"\n}\nwarn contains "y" if true\n');
    expect(info.resultRules).toEqual(['deny', 'warn']);
    expect(toRuleMeta(info, 'deny')).toMatchObject({ id: 'main.deny', severity: 'medium', title: 'main.deny' });
    expect(toRuleMeta(info, 'warn').severity).toBe('low');
  });

  it('reports bad METADATA YAML with the file and line', () => {
    expect(() => readModuleInfo('bad.rego', '# METADATA\n# title: [unclosed\npackage x\n')).toThrow(/bad\.rego:2: METADATA is not valid YAML/);
  });
});
