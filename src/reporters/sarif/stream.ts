// keywarden.sarif written as a stream: each attempt of the size loop (SarifPlan) goes straight to the
// file and, at the same time, through gzip only to count its compressed bytes, so neither the text
// (139 MB for 50,000 results) nor its gzip copy is ever held whole. Same bytes as buildSarif's text.
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { RunReport } from '../../core/model.js';
import { SarifPlan, sarifChunks, type SarifOptions } from './index.js';

/** Writes (or overwrites) the file from the chunks it is given; resolves when they are all written. */
export type ChunkSink = (chunks: AsyncIterable<string>) => Promise<void>;

export interface StreamedSarif {
  /** UTF-8 bytes written (of the last attempt, the one left in the file). */
  bytes: number;
  gzipBytes: number;
  notes: string[];
}

export async function writeSarif(report: RunReport, options: SarifOptions | undefined, sink: ChunkSink): Promise<StreamedSarif> {
  const plan = new SarifPlan(report, options);
  for (;;) {
    const attempt = plan.attempt();
    const { bytes, gzipBytes } = await writeMeasured(sarifChunks(attempt.log), sink);
    if (gzipBytes <= plan.maxGzip || !plan.shrink(attempt, gzipBytes)) return { bytes, gzipBytes, notes: attempt.notes };
  }
}

/** Hands the chunks to `sink` while counting their UTF-8 bytes and their gzip size. */
export async function writeMeasured(chunks: Iterable<string>, sink: ChunkSink): Promise<{ bytes: number; gzipBytes: number }> {
  const gzip = createGzip();
  let gzipBytes = 0;
  let bytes = 0;
  gzip.on('data', (b: Buffer) => {
    gzipBytes += b.length;
  });
  const ended = once(gzip, 'end');
  async function* tee(): AsyncGenerator<string> {
    for (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk, 'utf8');
      if (!gzip.write(chunk)) await once(gzip, 'drain');
      yield chunk;
    }
  }
  try {
    await sink(tee());
    gzip.end();
    await ended;
  } catch (e) {
    ended.catch(() => undefined);
    gzip.destroy();
    throw e;
  }
  return { bytes, gzipBytes };
}
