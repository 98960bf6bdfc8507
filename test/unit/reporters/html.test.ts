import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/core/model.js';
import { buildCompliance, compareControls, frameworkFamily } from '../../../src/reporters/html/compliance.js';
import { DEFLATE_ENCODING, readDataBlock } from '../../../src/reporters/html/embed.js';
import { render } from '../../../src/reporters/html/index.js';
import { daysUntil } from '../../../src/reporters/html/records.js';
import { render as renderJson } from '../../../src/reporters/json/index.js';
import { canonicalReport } from '../../fixtures/reports/canonical-report.js';

const sha256b64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');
const between = (html: string, open: RegExp, close: string) => {
  const m = open.exec(html);
  if (!m) throw new Error(`no ${open}`);
  const start = m.index + m[0].length;
  return html.slice(start, html.indexOf(close, start));
};

/** The canonical report plus what the demo pipeline adds: an evidence series and a trend. */
function richReport(): RunReport {
  const report = canonicalReport();
  const spike = report.findings.find((f) => f.ruleId === 'anomaly/op-spike')!;
  spike.evidence = { ...spike.evidence, baseline: { mean: 35, stddev: 5 }, series: [['2026-01-31T12:00:00Z', 30], ['2026-01-31T13:00:00Z', 41], ['2026-01-31T14:00:00Z', 4812]] };
  report.trend = [
    { scanId: 'kw-1', at: '2026-01-18T08:00:00Z', findings: 10, open: 9, new: 10, fixed: 0 },
    { scanId: 'kw-2', at: '2026-01-25T08:00:00Z', findings: 7, open: 6, new: 1, fixed: 4 },
    { scanId: report.run.id, at: report.run.finishedAt, findings: 8, open: 7, new: 4, fixed: 1 },
  ];
  return report;
}

describe('HTML report', () => {
  const html = render(canonicalReport());

  it('allows only its own style and script, by hash, in a strict CSP', () => {
    const csp = between(html, /<meta http-equiv="Content-Security-Policy" content="/, '"');
    const style = between(html, /<style>/, '</style>');
    const script = between(html, /<script>/, '</script>');
    expect(csp).toBe(
      `default-src 'none'; script-src 'sha256-${sha256b64(script)}'; style-src 'sha256-${sha256b64(style)}'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(csp).not.toContain('unsafe');
    // Two JSON data blocks and the one hashed script; nothing has src.
    expect(html.match(/<script\b[^>]*>/gi)).toEqual(['<script type="application/json" id="keywarden-report">', '<script type="application/json" id="keywarden-view">', '<script>']);
  });

  it('loads nothing: no src, no external href, no style attributes (the CSP would block them), no url() in CSS', () => {
    for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      for (const m of tag.matchAll(/\s([a-zA-Z:-]+)=("[^"]*"|'[^']*'|[^\s>]+)/g)) {
        const name = m[1]!.toLowerCase();
        const value = m[2]!.replace(/^["']|["']$/g, '');
        expect(['src', 'srcset', 'action', 'style', 'xlink:href', 'formaction', 'background']).not.toContain(name);
        expect(name.startsWith('on'), `${name} in ${tag}`).toBe(false);
        if (name === 'href') expect(value === 'data:,' || value.startsWith('#'), value).toBe(true);
      }
    }
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain('<link rel="icon" href="data:,">');
  });

  it('escapes every value: the hostile finding cannot inject markup or leave its data block', () => {
    const body = html.slice(0, html.indexOf('<script type="application/json"'));
    expect(body).not.toMatch(/<script>|<img/i);
    expect(body).toContain('alias/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const data = between(html, /<script type="application\/json" id="keywarden-report">/, '</script>');
    expect(data).not.toMatch(/[<>&]/);
    expect(JSON.parse(readDataBlock(html, 'keywarden-report')!)).toEqual(JSON.parse(renderJson(canonicalReport())));
    const script = between(html, /<script>/, '</script>');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('has every section in order, with scope, severity summary charts, coverage, inputs and the data hash', () => {
    const ids = ['scope', 'summary', 'compliance', 'findings', 'inventory', 'anomalies', 'trend', 'coverage', 'waivers', 'fixed', 'inputs', 'integrity'];
    const order = ids.map((id) => html.indexOf(`<section id="${id}">`));
    expect(order.every((pos, i) => pos > 0 && (i === 0 || pos > order[i - 1]!))).toBe(true);
    expect(html).toMatch(/<td>aws<\/td><td class="num">24<\/td><td class="num">0<\/td><td class="num">20,344<\/td><td><span class="badge cov-partial">partial<\/span><\/td>/);
    expect(html).toContain('a3f1c2d4e5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071');
    expect(html).toContain('log-reader</code> MalformedRecord ×3');
    // severity chart: one bar per severity, the critical bar labelled with the failing count
    expect(html).toMatch(/<svg class="chart bars"[^>]*aria-label="Failing findings by severity">/);
    expect(html).toContain('<title>critical: 1</title>');
    // The hash is over the compact JSON text: JSON.stringify(JSON.parse(block)) reproduces it.
    const embedded = JSON.stringify(JSON.parse(readDataBlock(html, 'keywarden-report')!));
    expect(html).toContain(`SHA-256 of the JSON text: <code class="id">${createHash('sha256').update(embedded).digest('hex')}</code>`);
  });

  it('lists waivers with owner and days to expiry', () => {
    expect(html).toMatch(/<section id="waivers">.*<td>Multi-Region key rotated by the primary<\/td><td>platform-security@example.com<\/td><td>2026-06-30 <span class="badge st-pass">in 148 d<\/span><\/td>/s);
    expect(daysUntil('2026-01-01', '2026-02-01T08:00:00Z')).toBe(-32);
    expect(daysUntil(undefined, '2026-02-01T08:00:00Z')).toBeUndefined();
  });

  it('draws the anomaly chart from the evidence series and the trend from the state history', () => {
    const rich = render(richReport());
    const chart = between(rich, /<svg class="chart series"/, '</svg>');
    expect(chart.match(/class="obs( hot)?"><title>/g)).toHaveLength(3);
    expect(chart).toContain('class="obs hot"><title>2026-01-31T14:00:00Z: 4,812 observed</title>');
    expect(chart).toContain('<title>expected 35</title>');
    expect(chart).toContain('<title>normal range 20–50</title>');
    const trend = between(rich, /<svg class="chart trend"/, '</svg>');
    expect(trend.match(/<polyline /g)).toHaveLength(3);
    expect(trend).toContain('<title>2026-01-25 08:00: 4 fixed</title>');
    expect(html).toContain('No history: this run kept no state file');
  });

  it('deflates the embedded results of a large report and they inflate to the same JSON', () => {
    const big = canonicalReport();
    const base = big.findings[0]!;
    big.findings = Array.from({ length: 6000 }, (_, i) => ({ ...base, resource: { ...base.resource, id: `${base.resource.id}-${i}` }, fingerprint: i.toString(16).padStart(64, '0'), evidence: { padding: 'x'.repeat(600), i } }));
    const out = render(big);
    expect(out).toContain(`<script type="application/json" id="keywarden-report" data-encoding="${DEFLATE_ENCODING}">"`);
    expect(JSON.parse(readDataBlock(out, 'keywarden-report')!)).toEqual(JSON.parse(renderJson(big)));
    expect(out.length).toBeLessThan(renderJson(big).length / 5);
  });

  it('is deterministic', () => {
    const shuffled = canonicalReport();
    shuffled.findings.reverse();
    shuffled.inputs.reverse();
    expect(render(shuffled)).toBe(html);
  });
});

describe('compliance view', () => {
  it('groups framework versions into families and controls in natural order', () => {
    expect(['cis-aws-5.0', 'pci-dss-4.0.1', 'iso-27001-2022', 'nist-800-53-r5', 'soc2', 'mitre-attack', 'custom-x'].map(frameworkFamily)).toEqual([
      'CIS', 'PCI DSS', 'ISO 27001', 'NIST 800-53', 'SOC 2', 'MITRE ATT&CK', 'custom-x',
    ]);
    expect(['3.7.10', 'SC-12(2)', '3.7.4', 'SC-12', 'SC-13', '3.6.1.2'].sort(compareControls)).toEqual(['3.6.1.2', '3.7.4', '3.7.10', 'SC-12', 'SC-12(2)', 'SC-13']);
  });

  it('gives each control its checks with fail, unknown and waived counts and a pass/fail/unknown status', () => {
    const fw = buildCompliance(canonicalReport());
    expect(fw.map((f) => f.family)).toEqual([...fw.map((f) => f.family)].sort((a, b) => ['CIS', 'PCI DSS', 'ISO 27001', 'NIST 800-53', 'SOC 2'].indexOf(a) - ['CIS', 'PCI DSS', 'ISO 27001', 'NIST 800-53', 'SOC 2'].indexOf(b)));
    const pci = fw.find((f) => f.framework === 'pci-dss-4.0.1')!;
    const c374 = pci.controls.find((c) => c.control === '3.7.4')!;
    const rotation = c374.checks.find((x) => x.ruleId === 'aws-kms-auto-rotation-enabled')!;
    expect(rotation).toMatchObject({ fail: 1, unknown: 0, waived: 1, status: 'fail' });
    const azure = c374.checks.find((x) => x.ruleId === 'azure-kv-key-rotation-policy')!;
    expect(azure).toMatchObject({ fail: 0, unknown: 1, status: 'unknown' });
    expect(c374.status).toBe('fail');
    const total = pci.checks.pass + pci.checks.fail + pci.checks.unknown;
    expect(total).toBe(new Set(pci.controls.flatMap((c) => c.checks.map((x) => x.ruleId))).size);
  });
});
