import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../../src/reporters/json/chunks.js';
import { render, renderChunks } from '../../../src/reporters/json/index.js';
import { canonicalReport, largeReport } from '../../fixtures/reports/canonical-report.js';

const joined = (chunks: Iterable<string>) => [...chunks].join('');
const reference = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe('jsonChunks', () => {
  it('gives the bytes of JSON.stringify(value, null, 2) at every streaming depth', () => {
    const awkward = {
      empty: [],
      emptyObject: {},
      nested: [[], [{}], [1, [2, { a: [3] }]], { 'quo"te': 'line\nbreak\u2028', n: null }],
      holes: [undefined, () => 1, Symbol('s'), 4],
      skipped: undefined,
      fn: () => 1,
      dated: new Date(0),
      withToJSON: { toJSON: () => ({ replaced: [1, 2] }) },
      unicode: 'clé 🔑',
      42: 'integer key first',
    };
    for (const depth of [0, 1, 2, 3, 4, 6]) expect(joined(jsonChunks(awkward, depth))).toBe(reference(awkward));
    for (const value of [[], {}, 'text', 7, null, [[[]]]]) expect(joined(jsonChunks(value, 3))).toBe(reference(value));
  });

  it('hands out a large document in several chunks of about a megabyte', () => {
    const report = largeReport(5_000);
    const chunks = [...renderChunks(report)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.slice(0, -1).every((c) => c.length >= 1 << 20 && c.length < (1 << 20) + 64 * 1024)).toBe(true);
    expect(chunks.join('')).toBe(render(report));
  });

  it('renders the canonical JSON report identically streamed or whole', () => {
    expect(joined(renderChunks(canonicalReport()))).toBe(render(canonicalReport()));
  });
});
