import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/logs/line-splitter.js';

function run(text: string, chunk: number, max = 1000) {
  const recs: [number, string][] = [];
  const big: [number, number][] = [];
  const s = new LineSplitter(max, (r) => recs.push([r.line, r.bytes.toString()]), (line, bytes) => big.push([line, bytes]));
  const b = Buffer.from(text);
  for (let i = 0; i < b.length; i += chunk) s.push(b.subarray(i, i + chunk));
  s.end();
  return { recs, big };
}

describe('LineSplitter', () => {
  it('cuts lines across chunks, strips CR, skips blank lines, keeps line numbers', () => {
    for (const chunk of [1, 3, 100]) {
      expect(run('{"a":1}\r\n\n  \n{"b":2}\n{"c":3}', chunk).recs).toEqual([[1, '{"a":1}'], [4, '{"b":2}'], [5, '{"c":3}']]);
    }
  });

  it('reports an over-long line with its size and goes on', () => {
    const { recs, big } = run(`{"a":1}\n${'y'.repeat(50)}\n{"b":2}\n`, 7, 20);
    expect(recs).toEqual([[1, '{"a":1}'], [3, '{"b":2}']]);
    expect(big).toEqual([[2, 50]]);
  });
});
