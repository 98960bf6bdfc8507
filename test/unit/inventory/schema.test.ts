import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inventorySchema } from '../../../src/inventory/index.js';
import { validateInventory } from '../../../src/inventory/read.js';

// The schema must describe Inventory in src/core/model.ts: every property of the model's main
// records appears in the schema (a field added to the model without the schema fails here).
const model = readFileSync('src/core/model.ts', 'utf8');

function modelFields(iface: string): string[] {
  const body = new RegExp(`export interface ${iface} \\{([\\s\\S]*?)\\n\\}`).exec(model)?.[1] ?? '';
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1] as string).sort();
}

describe('inventory.schema.json', () => {
  const schema = inventorySchema() as { properties: Record<string, unknown>; $defs: Record<string, { properties: Record<string, unknown> }> };
  it.each([
    ['KeyRecord', 'keyRecord'],
    ['KeyContainer', 'keyContainer'],
    ['LoggingConfig', 'loggingConfig'],
    ['Gap', 'gap'],
    ['ResourceRef', 'resourceRef'],
    ['AccessStatement', 'accessStatement'],
    ['KeyGrant', 'keyGrant'],
    ['KeyVersion', 'keyVersion'],
    ['RotationSettings', 'rotationSettings'],
    ['HsmAttributes', 'hsmAttributes'],
  ])('%s has exactly the model fields', (iface, def) => {
    expect(Object.keys(schema.$defs[def]?.properties ?? {}).sort()).toEqual(modelFields(iface));
  });

  it('top level matches Inventory (plus an optional $schema)', () => {
    expect(Object.keys(schema.properties).filter((k) => k !== '$schema').sort()).toEqual(modelFields('Inventory'));
  });

  it('accepts the fixture snapshot and an empty one', () => {
    validateInventory(JSON.parse(readFileSync('test/fixtures/inventory/small-estate.json', 'utf8')), 'fixture');
    validateInventory({ schemaVersion: 1, tool: { name: 'keywarden', version: '0' }, collectedAt: '2024-01-01T00:00:00Z', scope: {}, keys: [], containers: [], logging: [], gaps: [] }, 'empty');
    expect(() => validateInventory({ schemaVersion: 2 }, 'v2')).toThrow(/schemaVersion: must be 1/);
  });
});
