// Attacker-controlled text (key aliases, tags, messages, evidence, rule text, gaps, scope) stays text
// in the browser: no dialog fires, no element is injected, the data block cannot be closed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory, RunReport } from '../../src/core/model.js';
import { render } from '../../src/reporters/html/index.js';
import { canonicalReport } from '../fixtures/reports/canonical-report.js';
import { countChangesFrom, countOf, countText, inPage, launchChromium, openReport, visibleRows, waitUntil, type OpenedReport } from './browser.js';

const IMG = '<img src=x onerror=alert(1)>';
const BREAKOUT = '</script><script>alert(1)</script>';
const COMMENT = '<!--<script>alert(2)</script>';
const SVG = '<svg onload=alert(3)>';

function hostileReport(): RunReport {
  const report = canonicalReport();
  const [first, second, third] = report.findings;
  first!.resource.name = IMG;
  second!.resource.name = BREAKOUT;
  third!.resource.name = COMMENT;
  first!.message = `${SVG} ${BREAKOUT}`;
  first!.evidence = { tags: { owner: IMG, [BREAKOUT]: COMMENT }, policy: BREAKOUT, series: [[`${BREAKOUT}`, 3]] };
  second!.remediation = `${IMG} fix it`;
  report.rules[0]!.title = `${BREAKOUT} title`;
  report.rules[0]!.references = [`javascript:alert(4)`, `https://example.com/${IMG}`];
  report.gaps[0]!.message = `${IMG} gap`;
  report.run.scope = { aws: { accounts: [BREAKOUT], regions: [IMG] } };
  report.run.parameters = { logs: [COMMENT] };
  report.trend = [{ scanId: BREAKOUT, at: report.run.finishedAt, findings: 1, open: 1, new: 1, fixed: 0 }];
  return report;
}

/** Keys whose every text field is hostile, one of them named by the first finding (so it has findings). */
function hostileInventory(report: RunReport): Pick<Inventory, 'keys' | 'containers'> {
  const named = report.findings[0]!.resource;
  const hostileKey = (id: string) => ({
    ref: { provider: named.provider, account: named.account, type: 'kms-key', id },
    provider: named.provider,
    account: BREAKOUT,
    region: IMG,
    container: SVG,
    id,
    name: IMG,
    aliases: [BREAKOUT, COMMENT],
    spec: SVG,
    rawState: COMMENT,
    tags: { [IMG]: BREAKOUT },
  });
  return { keys: [hostileKey(named.id), hostileKey(`${BREAKOUT}-2`)], containers: [] };
}

describe('HTML report with hostile values in Chromium', () => {
  let browser: Browser;
  let opened: OpenedReport;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kw-browser-hostile-')), 'keywarden.html');
    const report = hostileReport();
    writeFileSync(file, render(report, { inventory: hostileInventory(report) }));
    browser = await launchChromium();
    opened = await openReport(browser, file);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs no injected script and adds no element', async () => {
    const { page } = opened;
    expect(opened.dialogs).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(await inPage(page, `Array.from(document.querySelectorAll('script')).map((x) => x.id || 'page-script')`)).toEqual(['keywarden-report', 'keywarden-view', 'keywarden-keys', 'page-script']);
    expect(await countOf(page, 'img, iframe, object, embed, [onerror], [onload]')).toBe(0);
    const body = await page.locator('body').innerText();
    expect(body).toContain(IMG);
    expect(body).toContain(BREAKOUT);
  });

  it('shows hostile aliases as text in the findings table and its details', async () => {
    const { page } = opened;
    const before = await countText(page);
    await page.fill('#f-search', 'onerror');
    await countChangesFrom(page, before);
    const rows = await visibleRows(page);
    expect(rows.some((r) => r.resource.includes(IMG))).toBe(true);
    await page.fill('#f-search', '</script>');
    // Searching is debounced: wait until the rows reflect this search before clicking one.
    await waitUntil(page, `document.getElementById('f-rows').getAttribute('data-query') === '</script>'`);
    await waitUntil(page, `Array.from(document.querySelectorAll('#f-rows tr.finding')).some((r) => r.textContent.includes(${JSON.stringify(BREAKOUT)}))`);
    await page.click('#f-rows tr.finding >> nth=0');
    await page.locator('#f-rows tr.detail-row').first().waitFor();
    // Opening details renders the evidence, remediation and references: still no element, no dialog.
    await page.fill('#f-search', '');
    await waitUntil(page, `document.getElementById('f-rows').getAttribute('data-query') === ''`);
    await waitUntil(page, `document.querySelectorAll('#f-rows tr.finding').length > 1`);
    for (let i = 0; i < 3; i++) await page.click(`#f-rows tr.finding >> nth=${i * 2}`);
    expect(await countOf(page, 'img, [onerror], [onload]')).toBe(0);
    const hrefs = await inPage<string[]>(page, `Array.from(document.querySelectorAll('#f-rows a[href]')).map((x) => x.getAttribute('href'))`);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.startsWith('https://'))).toBe(true);
    expect(opened.dialogs).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
  });

  it('shows hostile key names, accounts and containers as text in the key inventory', async () => {
    const { page } = opened;
    await waitUntil(page, `document.documentElement.getAttribute('data-keys-ready') === 'true'`);
    expect(await countOf(page, '#k-rows tr.key-row')).toBe(2);
    const text = await page.locator('#k-rows').innerText();
    for (const hostile of [IMG, BREAKOUT, COMMENT, SVG]) expect(text).toContain(hostile);
    const accounts = await inPage<string[]>(page, `Array.from(document.querySelectorAll('#k-account option')).map((o) => o.value)`);
    expect(accounts).toEqual(['', BREAKOUT]);
    await page.selectOption('#k-account', BREAKOUT);
    await page.fill('#k-search', 'onerror');
    await waitUntil(page, `document.getElementById('k-count').textContent.includes('of 2 matching keys')`);
    expect(await countOf(page, 'img, iframe, svg:not(.chart), [onerror], [onload]')).toBe(0);
    expect(opened.dialogs).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
  });
});
