import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, type RawRecord } from '../../../src/logs/json-splitter.js';

function split(doc: string, key: string | undefined, chunkSize: number, max = 1 << 20) {
  const records: { text: string; line: number }[] = [];
  const oversized: number[] = [];
  const stray: number[] = [];
  const s = new JsonArraySplitter(key, max, (r: RawRecord) => records.push({ text: r.bytes.toString('utf8'), line: r.line }), (line) => oversized.push(line), (line) => stray.push(line));
  const buf = Buffer.from(doc, 'utf8');
  for (let i = 0; i < buf.length; i += chunkSize) s.push(buf.subarray(i, i + chunkSize));
  return { records, oversized, stray, end: s.end() };
}

const tricky = [
  { a: 'brackets ] } [ { inside', b: 'quote \\" and backslash \\\\' },
  { nested: { deep: [1, { x: '}' }] }, s: 'é ü 漢字 \u2028' },
  { empty: {}, arr: [], esc: '\\\\"' },
];

describe('JsonArraySplitter', () => {
  it('splits the array under a wrapper key, whatever the chunk boundaries', () => {
    const doc = JSON.stringify({ Other: [{ no: 1 }], Records: tricky, After: 'x' });
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      const { records, end } = split(doc, 'Records', size);
      expect(records.map((r) => JSON.parse(r.text) as unknown)).toEqual(tricky);
      expect(end).toEqual({ truncated: false, arrayFound: true });
    }
  });

  it('splits a top-level array and reports the line each element starts on', () => {
    const doc = JSON.stringify(tricky, null, 2);
    const { records } = split(doc, undefined, 5);
    expect(records.map((r) => JSON.parse(r.text) as unknown)).toEqual(tricky);
    expect(records[0]?.line).toBe(2);
    expect(records[1]?.line).toBe(doc.split('\n').findIndex((l) => l.includes('"nested"')));
  });

  it('ignores a key of the same name deeper in the document', () => {
    const doc = JSON.stringify({ meta: { Records: [{ wrong: 1 }] }, Records: [{ right: 1 }] });
    expect(split(doc, 'Records', 3).records.map((r) => JSON.parse(r.text) as unknown)).toEqual([{ right: 1 }]);
  });

  it('flags truncation and a missing wrapper array', () => {
    const doc = JSON.stringify({ Records: tricky });
    const cut = split(doc.slice(0, doc.length - 30), 'Records', 16);
    expect(cut.end.truncated).toBe(true);
    expect(cut.records.length).toBe(2);
    expect(split('{"Events":[]}', 'Records', 4).end).toEqual({ truncated: false, arrayFound: false });
  });

  it('drops an element over the size limit without buffering it, and keeps the next one', () => {
    const big = { pad: 'x'.repeat(500) };
    const { records, oversized } = split(JSON.stringify({ Records: [{ a: 1 }, big, { b: 2 }] }), 'Records', 10, 100);
    expect(records.map((r) => JSON.parse(r.text) as unknown)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(oversized).toEqual([1]);
  });

  it('reports scalars in the record array as stray values', () => {
    const { records, stray } = split('[\n1,\n"s",\n{"ok":true},\nnull\n]', undefined, 3);
    expect(records.length).toBe(1);
    expect(stray).toEqual([2, 3, 5]);
  });
});
