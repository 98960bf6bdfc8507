// Reads and validates an inventory snapshot; the InputFile records the SHA-256 of the exact bytes read.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ToolError } from '../core/errors.js';
import type { InputFile, Inventory } from '../core/model.js';
import { describeIssues, inventoryValidator, type InventoryIssue } from './schema.js';

const MAX_ISSUES_SHOWN = 20;

export class InventoryInvalidError extends ToolError {
  constructor(
    readonly file: string,
    readonly issues: InventoryIssue[],
  ) {
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => `at ${i.path}: ${i.message} (fix: ${i.fix})`);
    const more = issues.length > MAX_ISSUES_SHOWN ? [`... and ${issues.length - MAX_ISSUES_SHOWN} more`] : [];
    super('input-invalid', `${file} is not a valid keywarden inventory snapshot:\n    ${[...shown, ...more].join('\n    ')}`, {
      actions: ['Fix the listed fields (the schema is reports/schemas/inventory.schema.json), or write the snapshot again with `keywarden collect`.'],
    });
  }
}

export async function readInventory(file: string): Promise<{ inventory: Inventory; input: InputFile }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ToolError(err.code === 'ENOENT' ? 'input-not-found' : 'input-invalid', `${file}: ${err.code === 'ENOENT' ? 'no such inventory file' : err.message}`, { cause: e });
  }
  const inventory = parseInventory(bytes.toString('utf8'), file);
  const input: InputFile = {
    path: file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    kind: 'inventory',
    format: `keywarden-inventory-v${inventory.schemaVersion}`,
    records: inventory.keys.length,
  };
  return { inventory, input };
}

/** Parses and validates snapshot text; `file` names the source in messages. */
export function parseInventory(text: string, file: string): Inventory {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ToolError('input-invalid', `${file} is not valid JSON: ${(e as Error).message}${jsonErrorLocation(text, e as Error)}`, {
      actions: ['Fix the JSON syntax at the reported position, or write the snapshot again with `keywarden collect`.'],
    });
  }
  return validateInventory(doc, file);
}

export function validateInventory(doc: unknown, file: string): Inventory {
  const validate = inventoryValidator();
  if (!validate(doc)) throw new InventoryInvalidError(file, describeIssues(validate.errors ?? [], doc));
  return doc;
}

/** Node's JSON errors give a position; turn it into line and column. */
function jsonErrorLocation(text: string, e: Error): string {
  if (/line \d+ column \d+/.test(e.message)) return '';
  const m = /position (\d+)/.exec(e.message);
  if (!m && !/end of JSON input/.test(e.message)) return '';
  const pos = m ? Number(m[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return ` (line ${line}, column ${col})`;
}
