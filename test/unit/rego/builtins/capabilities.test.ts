import { describe, expect, it } from 'vitest';
import { capabilities, capabilitiesJSON, typeToJSON } from '../../../../src/rego/builtins/capabilities.js';
import { BUILTINS, buildTable } from '../../../../src/rego/builtins/table.js';
import type { BuiltinDecl } from '../../../../src/rego/builtins/types.js';

type Entry = { name: string; decl: Record<string, unknown>; infix?: string; nondeterministic?: boolean; relation?: boolean };

describe('capabilities', () => {
  const caps = capabilities() as { builtins: Entry[]; future_keywords: string[] };
  const byName = new Map(caps.builtins.map((b) => [b.name, b]));

  it('lists every builtin of the table once, sorted by name', () => {
    const names = caps.builtins.map((b) => b.name);
    expect(names.length).toBe(BUILTINS.size);
    expect([...names].sort()).toEqual(names);
  });

  it('writes declarations in OPA form', () => {
    expect(byName.get('plus')).toEqual({
      decl: { args: [{ type: 'number' }, { type: 'number' }], result: { type: 'number' }, type: 'function' },
      infix: '+',
      name: 'plus',
    });
    expect(byName.get('rand.intn')?.nondeterministic).toBe(true);
    expect(byName.get('walk')?.relation).toBe(true);
    expect(byName.get('count')?.decl.args).toEqual([
      {
        of: [
          { of: { type: 'any' }, type: 'set' },
          { dynamic: { type: 'any' }, type: 'array' },
          { dynamic: { key: { type: 'any' }, value: { type: 'any' } }, type: 'object' },
          { type: 'string' },
        ],
        type: 'any',
      },
    ]);
  });

  it('handles variadic and static array types', () => {
    const print: BuiltinDecl = {
      name: 'print',
      category: 'tracing',
      args: [{ name: 'xs', type: { kind: 'any' } }],
      result: { name: 'ok', type: { kind: 'boolean' } },
      variadic: true,
      impl: () => true,
    };
    const table = buildTable([print]);
    const entry = (capabilities(table) as { builtins: Entry[] }).builtins.find((b) => b.name === 'print');
    expect(entry?.decl).toEqual({ type: 'function', variadic: { type: 'any' } });
    expect(typeToJSON({ kind: 'array', static: [{ kind: 'string' }] })).toEqual({ static: [{ type: 'string' }], type: 'array' });
  });

  it('serialises to parseable JSON text', () => {
    const text = capabilitiesJSON();
    expect(JSON.parse(text)).toEqual(caps);
    expect(caps.future_keywords).toContain('if');
  });
});
