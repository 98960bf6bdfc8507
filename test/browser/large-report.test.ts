// A 100,000-finding report (embedded deflated) opens in Chromium and its filters, search and sort
// work over the whole set. No wall-clock assertion: bench/html/run.mjs measures the load time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/core/model.js';
import { render } from '../../src/reporters/html/index.js';
// @ts-expect-error -- plain ESM module without type declarations (shared with the benchmark)
import { largeReport } from '../../bench/html/large-report.mjs';
import { countChangesFrom, countIs, countOf, countText, launchChromium, openReport, visibleRows, waitUntil, type OpenedReport } from './browser.js';

const COUNT = 100_000;
const fmt = (v: number) => v.toLocaleString('en-US');
// Generous: this machine may be shared; the benchmark, not the test, reports how fast it is.
const SLOW = 300_000;

describe('HTML report with 100,000 findings in Chromium', () => {
  let browser: Browser;
  let report: RunReport;
  let opened: OpenedReport;

  beforeAll(async () => {
    report = (largeReport as (n: number, o: { hostile: boolean }) => RunReport)(COUNT, { hostile: true });
    const file = join(mkdtempSync(join(tmpdir(), 'kw-browser-large-')), 'keywarden.html');
    writeFileSync(file, render(report));
    browser = await launchChromium();
    opened = await openReport(browser, file, { timeout: SLOW });
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
  });

  it('loads every finding and shows one page of rows', async () => {
    const { page } = opened;
    expect(opened.requests).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(await countText(page)).toBe(`Showing 1–50 of ${fmt(COUNT)} matching findings (${fmt(COUNT)} in total).`);
    expect(await page.locator('#f-rows tr.finding').count()).toBe(50);
    expect(await countOf(page, 'img, [onerror]')).toBe(0);
  });

  it('filters, searches and pages over all 100,000 findings', { timeout: SLOW }, async () => {
    const { page } = opened;
    const all = await countText(page);
    await page.selectOption('#f-severity', 'critical');
    await page.selectOption('#f-status', 'unknown');
    const expected = report.findings.filter((f) => f.severity === 'critical' && f.status === 'unknown').length;
    await waitUntil(page, `document.getElementById('f-count').textContent.includes('of ${fmt(expected)} matching')`, SLOW);
    expect(new Set((await visibleRows(page)).map((r) => `${r.severity}/${r.status}`))).toEqual(new Set(['critical/not evaluated']));

    await page.click('#f-reset');
    await countIs(page, all, SLOW);
    await page.fill('#f-search', 'alias/key-054321');
    await countChangesFrom(page, all, SLOW);
    expect(await countText(page)).toBe(`Showing 1–1 of 1 matching findings (${fmt(COUNT)} in total).`);
    expect((await visibleRows(page))[0]!.resource).toContain('alias/key-054321');

    await page.click('#f-reset');
    await countIs(page, all, SLOW);
    await page.click('#f-next');
    await waitUntil(page, `document.getElementById('f-count').textContent.startsWith('Showing 51–100 ')`, SLOW);
    await page.selectOption('#f-size', '500');
    await waitUntil(page, `document.querySelectorAll('#f-rows tr.finding').length === 500`, SLOW);
    expect(opened.consoleErrors).toEqual([]);
  });
});
