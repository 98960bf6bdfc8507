// The demo's HTML report in headless Chromium: loads from file:// with no request and no console
// error, filters/search/sort change the rows, details show evidence, charts are drawn, it prints.
// UPDATE_SCREENSHOT=1 also saves docs/report-screenshot.png.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory, RunReport } from '../../src/core/model.js';
import { DEMO_DIR } from '../../src/pipeline/paths.js';
import { countChangesFrom, countIs, countOf, countText, inPage, launchChromium, openReport, visibleRows, waitUntil, type OpenedReport } from './browser.js';
import { buildDemoReport } from './demo-report.js';

const fmt = (v: number) => v.toLocaleString('en-US');

describe('HTML report of the demo in Chromium', () => {
  let browser: Browser;
  let report: RunReport;
  let opened: OpenedReport;

  beforeAll(async () => {
    const built = await buildDemoReport(mkdtempSync(join(tmpdir(), 'kw-browser-demo-')));
    report = built.report;
    browser = await launchChromium();
    opened = await openReport(browser, built.file);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads from file:// with no network request, no console error and every section', async () => {
    const { page } = opened;
    expect(opened.requests).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    const sections = await inPage<string[]>(page, `Array.from(document.querySelectorAll('section')).map((x) => x.id)`);
    expect(sections).toEqual(['scope', 'summary', 'compliance', 'findings', 'inventory', 'anomalies', 'trend', 'coverage', 'waivers', 'fixed', 'inputs', 'integrity']);
    expect(await countText(page)).toBe(`Showing 1–50 of ${fmt(report.findings.length)} matching findings (${fmt(report.findings.length)} in total).`);
    expect(await visibleRows(page)).toHaveLength(50);
  });

  it('filters by severity and provider, searches, sorts and resets', async () => {
    const { page } = opened;
    const total = await countText(page);
    await page.selectOption('#f-severity', 'critical');
    const critical = report.findings.filter((f) => f.severity === 'critical');
    expect(await countChangesFrom(page, total)).toContain(`of ${fmt(critical.length)} matching`);
    const rows = await visibleRows(page);
    expect(rows).toHaveLength(critical.length);
    expect(new Set(rows.map((r) => r.severity))).toEqual(new Set(['critical']));

    await page.selectOption('#f-provider', 'gcp');
    const gcpCritical = critical.filter((f) => f.resource.provider === 'gcp');
    expect(gcpCritical.length).toBeGreaterThan(0);
    await waitUntil(page, `document.querySelectorAll('#f-rows tr.finding').length === ${gcpCritical.length}`);
    expect((await visibleRows(page)).every((r) => r.text.includes('gcp'))).toBe(true);

    await page.click('#f-reset');
    await countIs(page, total);
    const target = report.findings.find((f) => f.resource.name === 'alias/partner-share')!;
    await page.fill('#f-search', 'PARTNER-share');
    const found = await countChangesFrom(page, total);
    const expected = report.findings.filter((f) => JSON.stringify([f.resource.name, f.resource.id, f.message]).toLowerCase().includes('partner-share'));
    expect(found).toContain(`of ${fmt(expected.length)} matching`);
    expect((await visibleRows(page)).some((r) => r.resource.includes(target.resource.id))).toBe(true);

    await page.click('#f-reset');
    await countIs(page, total);
    await page.click('th[data-sort="rule"]');
    await page.waitForSelector('th[data-sort="rule"][aria-sort="ascending"]');
    const byRule = (await visibleRows(page)).map((r) => r.rule);
    expect(byRule).toEqual([...byRule].sort());
    await page.click('th[data-sort="rule"]');
    await page.waitForSelector('th[data-sort="rule"][aria-sort="descending"]');
    const reversed = (await visibleRows(page)).map((r) => r.rule);
    expect(reversed[0]! >= reversed[reversed.length - 1]!).toBe(true);
    await page.click('#f-reset');
  });

  it('lists every demo key in the key inventory, keys with findings first; filters and search narrow it', async () => {
    const { page } = opened;
    const inventory = JSON.parse(readFileSync(join(DEMO_DIR, 'inventory.json'), 'utf8')) as Inventory;
    expect(inventory.keys).toHaveLength(59);
    await waitUntil(page, `document.documentElement.getAttribute('data-keys-ready') === 'true'`);
    const keyCount = () => page.locator('#k-count').innerText();
    const keyIds = () => inPage<string[]>(page, `Array.from(document.querySelectorAll('#k-rows tr.key-row td:nth-child(2) .id')).map((x) => x.textContent)`);
    const all = 'Showing 1–50 of 59 matching keys (59 in total).';
    expect(await keyCount()).toBe(all);
    await page.selectOption('#k-size', 'all');
    await waitUntil(page, `document.querySelectorAll('#k-rows tr.key-row').length === 59`);
    expect((await keyIds()).sort()).toEqual(inventory.keys.map((k) => k.id).sort());
    const open = (id: string) => report.findings.filter((f) => f.status === 'fail' && f.resource.id === id).length;
    const counts = (await keyIds()).map(open);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts.slice(counts.indexOf(0)).every((n) => n === 0)).toBe(true);

    await page.selectOption('#k-provider', 'gcp');
    const gcp = inventory.keys.filter((k) => k.provider === 'gcp');
    await waitUntil(page, `document.querySelectorAll('#k-rows tr.key-row').length === ${gcp.length}`);
    expect((await keyIds()).sort()).toEqual(gcp.map((k) => k.id).sort());

    await page.click('#k-reset');
    await page.fill('#k-search', 'PARTNER-share');
    const partner = inventory.keys.filter((k) => [k.id, k.name ?? '', ...(k.aliases ?? [])].join(' ').toLowerCase().includes('partner-share'));
    expect(partner.length).toBeGreaterThan(0);
    await waitUntil(page, `document.querySelectorAll('#k-rows tr.key-row').length === ${partner.length}`);
    expect((await keyIds()).sort()).toEqual(partner.map((k) => k.id).sort());
    expect(await keyCount()).toContain(`of ${partner.length} matching keys (59 in total)`);
    await page.click('#k-reset');
    await page.selectOption('#k-size', '50');
    await waitUntil(page, `document.getElementById('k-count').textContent === ${JSON.stringify(all)}`);
  });

  it('shows a finding\'s evidence, remediation and references when its row is opened', async () => {
    const { page } = opened;
    await page.fill('#f-search', 'anomaly/op-spike');
    await waitUntil(page, `document.querySelector('#f-rows tr.finding code')?.textContent === 'anomaly/op-spike'`);
    await page.click('#f-rows tr.finding >> nth=0');
    const detail = page.locator('#f-rows tr.detail-row').first();
    await detail.waitFor();
    const text = await detail.innerText();
    const spike = report.findings.find((f) => f.ruleId === 'anomaly/op-spike')!;
    expect(text).toContain('Evidence');
    expect(text).toContain('"series"');
    expect(text).toContain('Remediation');
    expect(text).toContain(spike.fingerprint);
    await page.click('#f-reset');
  });

  it('draws the charts: severity bars, anomaly series against expectation, trend lines', async () => {
    const { page } = opened;
    const bars = await inPage<number[]>(page, `Array.from(document.querySelectorAll('#summary svg.chart.bars rect.bar')).map((x) => Number(x.getAttribute('width')))`);
    expect(bars.filter((w) => w > 0).length).toBeGreaterThanOrEqual(5);
    const withSeries = report.findings.filter((f) => f.kind === 'anomaly' && Array.isArray(f.evidence['series']));
    expect(withSeries.length).toBeGreaterThan(0);
    const charts = await inPage<{ obs: number; hot: number; expected: number; height: number }[]>(
      page,
      `Array.from(document.querySelectorAll('#anomalies svg.chart.series')).map((s) => ({ obs: s.querySelectorAll('rect.obs').length, hot: s.querySelectorAll('rect.obs.hot').length, expected: s.querySelectorAll('line.expected').length, height: s.getBoundingClientRect().height }))`,
    );
    expect(charts).toHaveLength(withSeries.length);
    for (const c of charts) {
      expect(c.obs).toBeGreaterThan(0);
      expect(c.height).toBeGreaterThan(50);
    }
    expect(charts.some((c) => c.hot > 0 && c.expected > 0)).toBe(true);
    expect(report.trend?.length).toBe(5);
    const trend = await inPage<number[]>(page, `Array.from(document.querySelectorAll('#trend svg.chart.trend polyline')).map((x) => x.getAttribute('points').split(' ').length)`);
    expect(trend).toEqual([5, 5, 5]);
  });

  it('prints: controls hidden, collapsed sections opened, a PDF produced', async () => {
    const { page } = opened;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#f-controls').isVisible()).toBe(false);
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    await inPage(page, `window.dispatchEvent(new Event('beforeprint'))`);
    expect(await inPage(page, `Array.from(document.querySelectorAll('details')).every((x) => x.open)`)).toBe(true);
    expect(await countOf(page, 'details')).toBeGreaterThan(3);
    expect(await countOf(page, '#f-rows tr.finding')).toBe(report.findings.length);
    expect(await countOf(page, '#k-rows tr.key-row')).toBe(59);
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await inPage(page, `window.dispatchEvent(new Event('afterprint'))`);
    expect(await countOf(page, '#f-rows tr.finding')).toBe(50);
    expect(await countOf(page, '#k-rows tr.key-row')).toBe(50);
    await page.emulateMedia({ media: 'screen' });
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  it('renders a screenshot (UPDATE_SCREENSHOT=1 saves it as docs/report-screenshot.png)', async () => {
    const { page } = opened;
    await page.setViewportSize({ width: 1440, height: 2200 });
    await inPage(page, 'window.scrollTo(0, 0)');
    const png = await page.screenshot({ fullPage: false });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    if (process.env['UPDATE_SCREENSHOT'] === '1') writeFileSync(resolve(import.meta.dirname, '../../docs/report-screenshot.png'), png);
  });
});
