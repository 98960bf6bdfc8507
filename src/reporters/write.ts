// The only place reports touch the file system: render each format, then write it atomically
// (temporary file + rename) so a crash never leaves a half-written report behind.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from '../core/model.js';
import { DEFAULT_FORMATS, REPORTERS, type RenderOptions, type ReportFormat } from './registry.js';

export interface WriteOptions extends RenderOptions {
  outDir: string;
  formats?: readonly ReportFormat[];
  /** Injected for tests; defaults to node:fs/promises. */
  fs?: { mkdir: typeof mkdir; writeFile: typeof writeFile; rename: typeof rename };
}

export interface WrittenReport {
  format: ReportFormat;
  path: string;
  bytes: number;
}

export interface WriteResult {
  written: WrittenReport[];
  /** Notes for the console (e.g. SARIF results aggregated to fit GitHub's limits). */
  notes: string[];
}

export async function writeReports(report: RunReport, options: WriteOptions): Promise<WriteResult> {
  const fs = options.fs ?? { mkdir, writeFile, rename };
  const formats = options.formats ?? DEFAULT_FORMATS;
  await fs.mkdir(options.outDir, { recursive: true });
  const written: WrittenReport[] = [];
  const notes: string[] = [];
  for (const format of formats) {
    const reporter = REPORTERS[format];
    const rendered = reporter.render(report, options);
    const path = join(options.outDir, reporter.fileName);
    const temp = `${path}.${process.pid}.tmp`;
    await fs.writeFile(temp, rendered.text, 'utf8');
    await fs.rename(temp, path);
    written.push({ format, path, bytes: Buffer.byteLength(rendered.text, 'utf8') });
    notes.push(...rendered.notes);
  }
  return { written, notes };
}
