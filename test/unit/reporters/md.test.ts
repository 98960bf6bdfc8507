import { describe, expect, it } from 'vitest';
import { render } from '../../../src/reporters/md/index.js';
import { canonicalReport, largeReport } from '../../fixtures/reports/canonical-report.js';

describe('Markdown summary', () => {
  const md = render(canonicalReport());

  it('summarises statuses by severity, providers, lifecycle, gaps and inputs', () => {
    expect(md).toContain('## keywarden 0.1.0: 6 failing, 1 not evaluated, 1 waived');
    expect(md).toContain('| medium | 2 | 1 | 1 |');
    expect(md).toContain('**By provider:** aws 5 · azure 1 · gcp 1 · pkcs11 1');
    expect(md).toContain('**Since the last run:** 4 new · 4 recurring · 1 fixed');
    expect(md).toMatch(/\| log-reader \| MalformedRecord \| 3 \|/);
    expect(md).toContain('`a3f1c2d4e5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071`');
  });

  it('escapes HTML and table syntax from data', () => {
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/<img/i);
    expect(md).toContain('&lt;script&gt;alert\\("pwned"\\)&lt;/script&gt;');
    const piped = canonicalReport();
    piped.findings[0]!.message = 'a | b\nc';
    expect(render(piped)).toContain('a \\| b c');
  });

  it('stays bounded for large reports', () => {
    const big = render(largeReport(5_000));
    expect(big).toContain('### Top findings (20 of 5000)');
    expect(big.length).toBeLessThan(65_536);
  });
});
