// The inventory snapshot schema (reports/schemas/inventory.schema.json), compiled once with ajv.
// The file ships with the package ("files": reports/schemas) and sits two levels above both
// src/inventory and dist/inventory, so one relative URL works from sources and from the build.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Inventory } from '../core/model.js';

export const INVENTORY_SCHEMA_URL = new URL('../../reports/schemas/inventory.schema.json', import.meta.url);

// RFC 3339 date-time (what collectors write with toISOString); ajv has no formats without ajv-formats.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

let compiled: ValidateFunction<Inventory> | undefined;

export function inventorySchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(INVENTORY_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

export function inventoryValidator(): ValidateFunction<Inventory> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addFormat('date-time', { type: 'string', validate: (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) });
    compiled = ajv.compile<Inventory>(inventorySchema());
  }
  return compiled;
}

export interface InventoryIssue {
  /** JSON Pointer of the offending value ('' = the document). */
  pointer: string;
  /** Readable path: keys[3].rotation.enabled */
  path: string;
  message: string;
  fix: string;
}

/** Turns ajv errors into one issue per location, with a concrete fix. */
export function describeIssues(errors: ErrorObject[], doc: unknown): InventoryIssue[] {
  const issues = new Map<string, InventoryIssue>();
  for (const e of errors) {
    const path = readablePath(e.instancePath);
    const got = valueAt(doc, e.instancePath);
    let message = e.message ?? 'is invalid';
    let fix = 'correct the value';
    switch (e.keyword) {
      case 'additionalProperties': {
        const field = String(e.params.additionalProperty);
        message = `has an unknown field "${field}"`;
        fix = `remove "${field}" or move it under "raw" (provider fields) — check the spelling against the schema`;
        break;
      }
      case 'required': {
        const field = String(e.params.missingProperty);
        message = `is missing the required field "${field}"`;
        fix = `add "${field}"`;
        break;
      }
      case 'type':
        message = `must be ${String(e.params.type)}, got ${describe(got)}`;
        fix = `write a ${String(e.params.type)}`;
        break;
      case 'enum':
        message = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describe(got)}`;
        fix = 'use one of the listed values (normalised names, not the provider\u2019s)';
        break;
      case 'const':
        message = `must be ${JSON.stringify(e.params.allowedValue)}, got ${describe(got)}`;
        fix = `write ${JSON.stringify(e.params.allowedValue)}`;
        break;
      case 'format':
        message = `must be an ISO 8601 date-time, got ${describe(got)}`;
        fix = 'write a UTC timestamp such as 2024-05-01T10:00:00.000Z';
        break;
      default:
        message = `${e.message ?? 'is invalid'} (got ${describe(got)})`;
    }
    const key = `${e.instancePath}|${message}`;
    if (!issues.has(key)) issues.set(key, { pointer: e.instancePath, path: path || '(document)', message, fix });
  }
  return [...issues.values()].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function readablePath(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const s = JSON.stringify(v);
  return `${typeof v} ${s.length > 60 ? `${s.slice(0, 57)}...` : s}`;
}
