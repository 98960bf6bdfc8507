import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/core/model.js';
import { readDataBlock } from '../../../src/reporters/html/embed.js';
import { parseFormats, REPORTERS } from '../../../src/reporters/registry.js';
import { writeReports } from '../../../src/reporters/write.js';
import { canonicalReport, largeReport } from '../../fixtures/reports/canonical-report.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-reports-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('writeReports', () => {
  it('writes the default formats and returns their paths', async () => {
    const outDir = join(tempDir(), 'nested', 'reports');
    const result = await writeReports(canonicalReport(), { outDir });
    expect(result.written.map((w) => w.path)).toEqual(['keywarden.sarif', 'keywarden.json', 'keywarden.html'].map((f) => join(outDir, f)));
    expect(readdirSync(outDir).sort()).toEqual(['keywarden.html', 'keywarden.json', 'keywarden.sarif']);
    const sarif = readFileSync(join(outDir, 'keywarden.sarif'), 'utf8');
    expect(sarif).toBe(REPORTERS.sarif.render(canonicalReport()).text);
    expect(result.written[0]!.bytes).toBe(Buffer.byteLength(sarif));
    // JSON and SARIF are streamed to disk in chunks: the same bytes as the whole rendered text.
    const json = readFileSync(join(outDir, 'keywarden.json'), 'utf8');
    expect(json).toBe(REPORTERS.json.render(canonicalReport()).text);
    expect(result.written[1]!.bytes).toBe(Buffer.byteLength(json));
    expect(result.notes.join('\n')).toMatch(/1 waived finding\(s\) left out of the SARIF/);
  });

  it('writes only the requested formats, including md', async () => {
    const outDir = tempDir();
    const result = await writeReports(canonicalReport(), { outDir, formats: parseFormats('md,json') });
    expect(result.written.map((w) => w.format)).toEqual(['json', 'md']);
    expect(readdirSync(outDir).sort()).toEqual(['keywarden.json', 'keywarden.md']);
  });

  it('passes SARIF notes on when results are aggregated', async () => {
    const result = await writeReports(largeReport(60), { outDir: tempDir(), formats: ['sarif'], sarif: { maxResultsPerRun: 10 } });
    expect(result.notes.join('\n')).toMatch(/keywarden\/policy\/: 60 findings exceed the upload limits/);
  });

  it('does not leave a half-written file when writing fails', async () => {
    const outDir = tempDir();
    const failing = {
      mkdir: (() => Promise.resolve(undefined)) as never,
      writeFile: (() => Promise.reject(new Error('disk full'))) as never,
      rename: (() => Promise.resolve()) as never,
    };
    await expect(writeReports(canonicalReport(), { outDir, fs: failing })).rejects.toThrow('disk full');
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('parseFormats', () => {
  it('accepts comma lists and repeats, in canonical order without duplicates', () => {
    expect(parseFormats(['html,sarif', 'JSON', 'sarif'])).toEqual(['sarif', 'json', 'html']);
  });
  it('rejects unknown formats with the valid list', () => {
    expect(() => parseFormats('sarif,pdf')).toThrow('unknown report format "pdf"; expected one or more of sarif, json, html, md');
  });
});

describe('scale', () => {
  it('renders every format for a 30,000-finding report', async () => {
    const report = largeReport(30_000);
    const outDir = tempDir();
    const started = performance.now();
    const result = await writeReports(report, { outDir, formats: ['sarif', 'json', 'html', 'md'] });
    const ms = performance.now() - started;
    expect(result.written.map((w) => w.format)).toEqual(['sarif', 'json', 'html', 'md']);
    const html = readFileSync(join(outDir, 'keywarden.html'), 'utf8');
    // Findings rows are drawn in the browser from the embedded data block: every finding is in it.
    expect((JSON.parse(readDataBlock(html, 'keywarden-report')!) as RunReport).findings).toHaveLength(30_000);
    console.log(`30k findings, all formats: ${ms.toFixed(0)} ms; ${result.written.map((w) => `${w.format} ${(w.bytes / 1e6).toFixed(1)} MB`).join(', ')}`);
  });
});
