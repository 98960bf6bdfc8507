import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/model.js';
import { ToolError } from '../../../src/core/errors.js';
import { InventoryInvalidError, mergeInventories, readInventory, serializeInventory, validateInventory, writeInventory } from '../../../src/inventory/index.js';

const FIX = 'test/fixtures/inventory';
const estate = (): Inventory => JSON.parse(readFileSync(join(FIX, 'small-estate.json'), 'utf8')) as Inventory;

async function errorOf(p: Promise<unknown>): Promise<ToolError> {
  try {
    await p;
  } catch (e) {
    return e as ToolError;
  }
  throw new Error('expected an error');
}

describe('readInventory', () => {
  it('reads a valid snapshot and records its sha256', async () => {
    const file = join(FIX, 'small-estate.json');
    const { inventory, input } = await readInventory(file);
    expect(inventory.keys.map((k) => k.provider)).toEqual(['aws', 'azure', 'gcp', 'pkcs11']);
    expect(input).toEqual({ path: file, sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), bytes: readFileSync(file).length, kind: 'inventory', format: 'keywarden-inventory-v1', records: 4 });
  });

  it('names the JSON path, the value found and the fix for each wrong field', async () => {
    const err = await errorOf(readInventory(join(FIX, 'invalid-wrong-types.json')));
    expect(err).toBeInstanceOf(InventoryInvalidError);
    expect(err.code).toBe('input-invalid');
    expect((err as InventoryInvalidError).issues.map((i) => i.path)).toEqual(['collectedAt', 'keys[0].rotation.enabled', 'keys[2].state']);
    expect(err.message).toContain('at keys[0].rotation.enabled: must be boolean, got string "yes" (fix: write a boolean)');
    expect(err.message).toContain('at keys[2].state: must be one of "enabled", "disabled"');
    expect(err.message).toContain('got string "ENABLED"');
    expect(err.message).toContain('at collectedAt: must be an ISO 8601 date-time, got string "yesterday"');
  });

  it('reports unknown and missing fields', async () => {
    const err = (await errorOf(readInventory(join(FIX, 'invalid-unknown-field.json')))) as InventoryInvalidError;
    expect(err.issues).toEqual([
      expect.objectContaining({ path: 'containers[0]', message: 'is missing the required field "kind"' }),
      expect.objectContaining({ path: 'keys[1]', message: 'has an unknown field "rotationEnabled"' }),
    ]);
  });

  it('reports JSON syntax errors with a line, and missing files', async () => {
    const syntax = await errorOf(readInventory(join(FIX, 'invalid-syntax.json')));
    expect(syntax.code).toBe('input-invalid');
    expect(syntax.message).toMatch(/is not valid JSON: .*line \d+,? column \d+/);
    expect((await errorOf(readInventory(join(FIX, 'missing.json')))).code).toBe('input-not-found');
  });
});

describe('writeInventory', () => {
  it('writes a sorted, deterministic document that reads back equal', async () => {
    const inv = estate();
    const shuffled: Inventory = { ...inv, keys: [...inv.keys].reverse(), containers: [...inv.containers].reverse() };
    const dir = mkdtempSync(join(tmpdir(), 'kw-inv-'));
    await writeInventory(shuffled, join(dir, 'a.json'));
    await writeInventory(inv, join(dir, 'b.json'));
    const a = readFileSync(join(dir, 'a.json'), 'utf8');
    expect(a).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(a.endsWith('}\n')).toBe(true);
    const back = (await readInventory(join(dir, 'a.json'))).inventory;
    expect(back.keys.map((k) => k.provider)).toEqual(['aws', 'azure', 'gcp', 'pkcs11']);
    expect(Object.keys(back)).toEqual([...Object.keys(back)].sort());
    expect(serializeInventory(back)).toBe(a);
  });

  it('refuses to write an invalid inventory', async () => {
    const inv = estate();
    (inv.keys[0] as unknown as Record<string, unknown>).state = 'on';
    await expect(writeInventory(inv, join(mkdtempSync(join(tmpdir(), 'kw-inv-')), 'x.json'))).rejects.toThrow(/keys\[0\]\.state/);
  });
});

describe('mergeInventories', () => {
  it('unites records, lets the newer snapshot win and unites scopes', () => {
    const older = estate();
    const newer: Inventory = { ...estate(), collectedAt: '2024-06-01T00:00:00.000Z', scope: { providers: ['aws'], accounts: ['444455556666'] }, gaps: [] };
    newer.keys = [{ ...(older.keys[0] as Inventory['keys'][number]), state: 'disabled', enabled: false }];
    newer.keys.push({ ...(older.keys[0] as Inventory['keys'][number]), id: 'arn:aws:kms:us-east-1:444455556666:key/aaaa', account: '444455556666' });
    const merged = mergeInventories([newer, older]);
    expect(merged.collectedAt).toBe('2024-06-01T00:00:00.000Z');
    expect(merged.keys.length).toBe(5);
    expect(merged.keys.find((k) => k.id === older.keys[0]?.id)?.state).toBe('disabled');
    expect(merged.scope).toEqual({ providers: ['aws', 'azure', 'gcp', 'pkcs11'], accounts: ['111122223333', '444455556666'], regions: ['us-east-1'] });
    expect(merged.gaps.length).toBe(1);
    expect(validateInventory(merged, 'merged')).toBe(merged);
  });
});
