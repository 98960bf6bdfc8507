// The only place reports touch the file system: render each format, then write it atomically
// (temporary file + rename) so a crash never leaves a half-written report behind. keywarden.json
// and keywarden.sarif are streamed to the file in chunks (each can be hundreds of megabytes at
// 100,000 keys); the other formats are rendered whole.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from '../core/model.js';
import { renderChunks as jsonChunks } from './json/index.js';
import { writeSarif } from './sarif/stream.js';
import { DEFAULT_FORMATS, REPORTERS, type RenderOptions, type ReportFormat } from './registry.js';

export interface WriteOptions extends RenderOptions {
  outDir: string;
  formats?: readonly ReportFormat[];
  /** Injected for tests; defaults to node:fs/promises (writeFile receives a string or an async iterable of strings). */
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

type Sink = (data: string | Iterable<string> | AsyncIterable<string>) => Promise<void>;

export async function writeReports(report: RunReport, options: WriteOptions): Promise<WriteResult> {
  const fs = options.fs ?? { mkdir, writeFile, rename };
  const formats = options.formats ?? DEFAULT_FORMATS;
  await fs.mkdir(options.outDir, { recursive: true });
  const written: WrittenReport[] = [];
  const notes: string[] = [];
  for (const format of formats) {
    const path = join(options.outDir, REPORTERS[format].fileName);
    const temp = `${path}.${process.pid}.tmp`;
    const out = await writeFormat(format, report, options, (data) => fs.writeFile(temp, data, 'utf8'));
    await fs.rename(temp, path);
    written.push({ format, path, bytes: out.bytes });
    notes.push(...out.notes);
  }
  return { written, notes };
}

/** Writes one format through `sink`: JSON and SARIF as chunks, the others as one rendered text. */
async function writeFormat(format: ReportFormat, report: RunReport, options: RenderOptions, sink: Sink): Promise<{ bytes: number; notes: string[] }> {
  if (format === 'sarif') {
    const out = await writeSarif(report, options.sarif, sink);
    return { bytes: out.bytes, notes: out.notes };
  }
  if (format === 'json') {
    let bytes = 0;
    await sink(
      (function* counted() {
        for (const chunk of jsonChunks(report)) {
          bytes += Buffer.byteLength(chunk, 'utf8');
          yield chunk;
        }
      })(),
    );
    return { bytes, notes: [] };
  }
  const rendered = REPORTERS[format].render(report, options);
  await sink(rendered.text);
  return { bytes: Buffer.byteLength(rendered.text, 'utf8'), notes: rendered.notes };
}
