// Headless Chromium for the HTML report's browser tests: Debian's `chromium` driven by playwright-core.
// Missing Chromium is a failure, not a skip (npm test installs it from scripts/debian-packages.txt).
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['KEYWARDEN_CHROMIUM'] ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; npm test does it from scripts/debian-packages.txt)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface OpenedReport {
  page: Page;
  /** Every request other than the report file itself (each one is a failure: the report must load nothing). */
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
}

/** Opens the report from file:// and records requests, console errors, page errors and dialogs. */
export async function openReport(browser: Browser, file: string, opts: { timeout?: number; viewport?: { width: number; height: number } } = {}): Promise<OpenedReport> {
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const opened: OpenedReport = { page, requests: [], consoleErrors: [], dialogs: [] };
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) return route.continue();
    opened.requests.push(route.request().url());
    return route.abort();
  });
  page.on('request', (r) => {
    if (r.url() !== url && !opened.requests.includes(r.url())) opened.requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') opened.consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => opened.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  const timeout = opts.timeout ?? 60_000;
  await page.goto(url, { timeout });
  await page.waitForSelector('html[data-ready="true"]', { timeout });
  return opened;
}

/** Text of the findings table's count line. */
export const countText = (page: Page) => page.locator('#f-count').innerText();

// Page-side code is passed as expression strings: the project compiles without the DOM library.

/** Evaluates a JavaScript expression in the page. */
export async function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/**
 * Waits until a JavaScript expression is truthy in the page. Polled from here: page.waitForFunction
 * with a string needs eval inside the page, which the report's CSP (rightly) forbids.
 */
export async function waitUntil(page: Page, expression: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate<unknown>(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the count line is exactly `text`. */
export const countIs = (page: Page, text: string, timeout?: number) => waitUntil(page, `document.getElementById('f-count').textContent === ${JSON.stringify(text)}`, timeout);

/** Number of elements matching a selector. */
export const countOf = (page: Page, selector: string) => page.locator(selector).count();

/** Waits until the count line changes from `before` (filters are applied after a short debounce). */
export async function countChangesFrom(page: Page, before: string, timeout = 30_000): Promise<string> {
  await waitUntil(page, `document.getElementById('f-count').textContent !== ${JSON.stringify(before)}`, timeout);
  return countText(page);
}

/** First-column (severity) and resource texts of the visible rows. */
export async function visibleRows(page: Page): Promise<{ severity: string; status: string; rule: string; resource: string; text: string }[]> {
  return inPage(
    page,
    `Array.from(document.querySelectorAll('#f-rows tr.finding')).map((r) => {
      const cells = Array.from(r.children).map((c) => c.textContent);
      return { severity: cells[0], status: cells[1], rule: r.children[2].querySelector('code').textContent, resource: cells[3], text: r.textContent };
    })`,
  );
}
