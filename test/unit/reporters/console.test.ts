import { describe, expect, it } from 'vitest';
import { renderConsoleSummary, sanitizeTerminal } from '../../../src/reporters/console/index.js';
import { canonicalReport, largeReport } from '../../fixtures/reports/canonical-report.js';

describe('console summary', () => {
  const text = renderConsoleSummary(canonicalReport(), { written: ['reports/keywarden.sarif', 'reports/keywarden.json'], notes: ['a note'] });

  it('counts by severity, provider and status, and lifecycle', () => {
    expect(text).toContain('Findings: 8 (fail 6, unknown 1, waived 1)');
    expect(text).toContain('by severity: critical 1  high 2  medium 4  low 1  info 0');
    expect(text).toContain('by provider: aws 5  azure 1  gcp 1  pkcs11 1');
    expect(text).toContain('since last run: 4 new, 4 recurring, 1 fixed');
  });

  it('lists top findings most severe first, without waived ones', () => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('Top findings'));
    const top = lines.slice(start + 1, start + 8);
    expect(top.map((l) => l.trim().split(/\s+/)[0])).toEqual(['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'MEDIUM?', 'LOW']);
    expect(text).not.toContain('Multi-Region key rotated');
  });

  it('groups gaps and shows notes and where the files went', () => {
    expect(text).toContain('log-reader MalformedRecord ×3');
    expect(text).toContain('aws-kms Throttled ×1');
    expect(text).toMatch(/Reports:\n {2}reports\/keywarden\.sarif\n {2}reports\/keywarden\.json/);
    expect(text).toContain('Notes:\n  a note');
  });

  it('uses colour only when asked and never passes control characters through', () => {
    expect(text).not.toContain('\u001b');
    expect(renderConsoleSummary(canonicalReport(), { color: true })).toContain('\u001b[1;31mCRITICAL');
    const hostile = canonicalReport();
    hostile.findings[0]!.message = 'evil \u001b[2J\u001b]0;pwned\u0007 text';
    const out = renderConsoleSummary(hostile);
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(sanitizeTerminal('a\u009bb\nc')).toBe('a\uFFFDb c');
  });

  it('caps the list at ten findings', () => {
    const out = renderConsoleSummary(largeReport(50));
    expect(out).toContain('Top findings (10 of 50):');
  });
});
