// Golden outputs of every reporter on the canonical fixture, in reports/examples/. They change only
// when regenerated on purpose: UPDATE_GOLDEN=1 npx vitest run test/unit/reporters/golden.test.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConsoleSummary } from '../../../src/reporters/console/index.js';
import { REPORTERS } from '../../../src/reporters/registry.js';
import { render as renderSarif } from '../../../src/reporters/sarif/index.js';
import { canonicalReport } from '../../fixtures/reports/canonical-report.js';
import { githubIngestionProblems, sarifSchemaAvailable, validateSarifSchema } from './sarif-validators.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../reports/examples');
const update = process.env['UPDATE_GOLDEN'] === '1';

const goldens: [string, () => string][] = [
  ['keywarden.sarif', () => REPORTERS.sarif.render(canonicalReport()).text],
  ['keywarden.with-suppressions.sarif', () => renderSarif(canonicalReport(), { includeSuppressed: true })],
  ['keywarden.by-account.sarif', () => renderSarif(canonicalReport(), { grouping: 'account' })],
  ['keywarden.json', () => REPORTERS.json.render(canonicalReport()).text],
  ['keywarden.html', () => REPORTERS.html.render(canonicalReport()).text],
  ['keywarden.md', () => REPORTERS.md.render(canonicalReport()).text],
  [
    'console.txt',
    () =>
      renderConsoleSummary(canonicalReport(), {
        written: ['reports/keywarden.sarif', 'reports/keywarden.json', 'reports/keywarden.html'],
        notes: REPORTERS.sarif.render(canonicalReport()).notes,
      }),
  ],
];

describe('golden reports (reports/examples)', () => {
  for (const [file, produce] of goldens) {
    it(file, () => {
      const path = resolve(EXAMPLES, file);
      const actual = produce();
      if (update) {
        mkdirSync(EXAMPLES, { recursive: true });
        writeFileSync(path, actual);
        return;
      }
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and review the diff`).toBe(true);
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }
  for (const [file] of goldens.filter(([f]) => f.endsWith('.sarif'))) {
    it.skipIf(!sarifSchemaAvailable)(`${file} validates against the SARIF 2.1.0 schema`, () => {
      const log = JSON.parse(readFileSync(resolve(EXAMPLES, file), 'utf8')) as Parameters<typeof githubIngestionProblems>[0];
      expect(validateSarifSchema(log)).toEqual([]);
      expect(githubIngestionProblems(log, { allowSuppressed: file.includes('suppressions') })).toEqual([]);
    });
  }
});
