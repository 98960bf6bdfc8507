import { describe, expect, it } from 'vitest';
import { parseModule } from '../../../../src/rego/parser/index.js';
import type { RegoError } from '../../../../src/rego/errors.js';
import type { Annotations } from '../../../../src/rego/ast/types.js';
import { printModule } from '../../../../src/rego/ast/print.js';

const SRC = `# METADATA
# title: Key rotation
# description: Keys must rotate
# related_resources:
# - https://example.com/a
# - ref: https://example.com/b
#   description: B
# authors:
# - Jane Doe <jane@example.com>
# - name: Bob
# organizations: [Acme]
# custom:
#   id: KW-001
#   severity: HIGH
package checks.rotation

# METADATA
# scope: document
# title: deny doc
# schemas:
#   - input: schema.inventory
#   - input.keys: {type: array}

# METADATA
# title: first deny
deny contains "a" if true

deny contains "b" if true

# METADATA
# entrypoint: true
allow := true
`;

describe('METADATA annotations', () => {
  const m = parseModule(SRC, 'rot.rego');

  it('parses every field of a block', () => {
    const pkg = m.package.annotations?.[0];
    expect(pkg).toMatchObject({
      scope: 'package',
      title: 'Key rotation',
      description: 'Keys must rotate',
      related_resources: [{ ref: 'https://example.com/a' }, { ref: 'https://example.com/b', description: 'B' }],
      authors: [{ name: 'Jane Doe', email: 'jane@example.com' }, { name: 'Bob' }],
      organizations: ['Acme'],
      custom: { id: 'KW-001', severity: 'HIGH' },
      targetPath: ['checks', 'rotation'],
    });
    expect(pkg?.loc).toMatchObject({ file: 'rot.rego', row: 1, col: 1 });
    expect(pkg?.loc?.text?.split('\n')[1]).toBe('# title: Key rotation');
  });

  it('attaches rule and document scopes to rules', () => {
    const [deny1, deny2, allow] = m.rules;
    expect(deny1!.annotations?.map((a) => [a.scope, a.title])).toEqual([
      ['document', 'deny doc'],
      ['rule', 'first deny'],
    ]);
    expect(deny2!.annotations?.map((a) => a.title)).toEqual(['deny doc']);
    expect(deny1!.annotations?.[0]?.schemas).toEqual([
      { path: ['input'], schema: ['schema', 'inventory'] },
      { path: ['input', 'keys'], definition: { type: 'array' } },
    ]);
    expect(deny1!.annotations?.[1]?.targetPath).toEqual(['checks', 'rotation', 'deny']);
    expect(allow!.annotations).toMatchObject([{ scope: 'document', entrypoint: true }]);
  });

  it('keeps every block in the module, in source order', () => {
    expect(m.annotations.map((a) => a.title ?? a.scope)).toEqual(['Key rotation', 'deny doc', 'first deny', 'document']);
  });

  function error(src: string): string {
    try {
      parseModule(src, 'a.rego');
    } catch (e) {
      const r = e as RegoError;
      return `${r.location?.row}:${r.location?.col} ${r.rawMessage}`;
    }
    return 'no error';
  }

  it('reports YAML errors and bad scopes at the block', () => {
    expect(error('package p\n\n# METADATA\n# title: [unclosed\np := 1')).toMatch(/^4:1 yaml: line \d+: /);
    expect(error('package p\n\n# METADATA\n# scope: everything\np := 1')).toBe(
      "3:1 invalid annotation scope 'everything'. Use one of 'rule', 'document', 'package', or 'subpackages'",
    );
    expect(error('package p\n\n# METADATA\n# scope: package\np := 1')).toBe("3:1 annotation scope 'package' must be applied to package (have rule)");
    expect(error('package p\n\n# METADATA\n# authors:\n# - ""\np := 1')).toBe('3:1 invalid author definition : author is an empty string');
  });

  it('ends a block at a blank line or an indented comment', () => {
    const mm = parseModule('package p\n\n# METADATA\n# title: t\n  # not: metadata\np := 1', 'a.rego');
    expect(mm.rules[0]!.annotations).toMatchObject([{ title: 't' }]);
    expect(mm.rules[0]!.annotations?.[0]).not.toHaveProperty('not');
  });
});

describe('printing annotations', () => {
  it('writes METADATA blocks that parse back to the same annotations', () => {
    const m = parseModule(SRC, 'rot.rego');
    const again = parseModule(printModule(m), 'again.rego');
    const fields = (list: Annotations[] | undefined) => (list ?? []).map(({ loc: _loc, ...rest }) => rest);
    expect(fields(again.package.annotations)).toEqual(fields(m.package.annotations));
    expect(again.rules.map((r) => fields(r.annotations))).toEqual(m.rules.map((r) => fields(r.annotations)));
    expect(fields(again.annotations)).toEqual(fields(m.annotations));
  });
});
