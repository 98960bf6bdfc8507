import { describe, expect, it } from 'vitest';
import { buildSarif } from '../../../src/reporters/sarif/index.js';
import { writeMeasured, writeSarif, type ChunkSink } from '../../../src/reporters/sarif/stream.js';
import { canonicalReport, largeReport } from '../../fixtures/reports/canonical-report.js';

/** A sink that keeps what it was given (each call replaces the previous text, as writeFile does). */
function memorySink(): { sink: ChunkSink; text: () => string; calls: () => number } {
  let text = '';
  let calls = 0;
  return {
    sink: async (chunks) => {
      calls++;
      text = '';
      for await (const c of chunks) text += c;
    },
    text: () => text,
    calls: () => calls,
  };
}

describe('writeSarif (streamed)', () => {
  it('writes the same text, byte count, gzip size and notes as buildSarif', async () => {
    for (const report of [canonicalReport(), largeReport(3_000)]) {
      const mem = memorySink();
      const out = await writeSarif(report, {}, mem.sink);
      const whole = buildSarif(report);
      expect(mem.text()).toBe(whole.text);
      expect(out.bytes).toBe(Buffer.byteLength(whole.text));
      expect(out.gzipBytes).toBe(whole.gzipBytes);
      expect(out.notes).toEqual(whole.notes);
    }
  });

  it('shrinks under the gzip limit exactly as buildSarif does, rewriting the file each attempt', async () => {
    const options = { maxGzipBytes: 40_000, maxResultsPerRun: 2_500 };
    const mem = memorySink();
    const out = await writeSarif(largeReport(3_000), options, mem.sink);
    const whole = buildSarif(largeReport(3_000), options);
    expect(mem.calls()).toBeGreaterThan(1);
    expect(mem.text()).toBe(whole.text);
    expect(out.gzipBytes).toBe(whole.gzipBytes);
    expect(out.gzipBytes).toBeLessThanOrEqual(40_000);
    expect(out.notes).toEqual(whole.notes);
  });

  it('reports the note when even full aggregation does not fit', async () => {
    const options = { maxGzipBytes: 100 };
    const out = await writeSarif(largeReport(50), options, memorySink().sink);
    expect(out.notes).toEqual(buildSarif(largeReport(50), options).notes);
    expect(out.notes.at(-1)).toMatch(/even with every result aggregated; GitHub's limit is 100\./);
  });

  it('passes a failing sink on', async () => {
    const failing: ChunkSink = async (chunks) => {
      for await (const c of chunks) if (c.length > 0) throw new Error('disk full');
    };
    await expect(writeMeasured(['{', '}'], failing)).rejects.toThrow('disk full');
  });
});
