// bench/html: how long the HTML report of N findings takes to render (Node) and to open in headless
// Chromium from file:// until its findings table is ready, plus filter and search latency and the
// file size. Needs `npm run build` (imports dist/) and Debian's chromium.
//   node bench/html/run.mjs [--findings 100000] [--runs 3]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { largeReport } from './large-report.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const count = Number(arg('findings', 100_000));
const runs = Number(arg('runs', 3));
const { render } = await import('../../dist/reporters/html/index.js').catch(() => {
  console.error('bench/html needs a build: run `npm run build` first.');
  process.exit(2);
});

const report = largeReport(count);
let t = performance.now();
const html = render(report);
const renderMs = performance.now() - t;
const file = join(mkdtempSync(join(tmpdir(), 'kw-bench-html-')), 'keywarden.html');
writeFileSync(file, html);
const url = pathToFileURL(file).href;

const browser = await chromium.launch({
  executablePath: process.env.KEYWARDEN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const poll = async (page, expression) => { while (!(await page.evaluate(expression))) await new Promise((r) => setTimeout(r, 10)); };
const count_ = `document.getElementById('f-count').textContent`;
const samples = [];
for (let i = 0; i < runs; i++) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  t = performance.now();
  await page.goto(url, { timeout: 0 });
  await poll(page, `document.documentElement.getAttribute('data-ready') === 'true'`);
  const readyMs = performance.now() - t;
  const nav = await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return { fileRead: n.responseEnd, domParsed: n.domInteractive }; })()`);
  const before = await page.evaluate(count_);
  t = performance.now();
  await page.selectOption('#f-severity', 'critical');
  await poll(page, `${count_} !== ${JSON.stringify(before)}`);
  const filterMs = performance.now() - t;
  const filtered = await page.evaluate(count_);
  t = performance.now();
  // typed search is debounced by 120 ms in the page; the figure includes it
  await page.fill('#f-search', 'alias/key-054321');
  await poll(page, `${count_} !== ${JSON.stringify(filtered)}`);
  const searchMs = performance.now() - t;
  samples.push({ readyMs, fileReadMs: nav.fileRead, domParsedMs: nav.domParsed, filterMs, searchMs });
  await page.close();
}
await browser.close();

const median = (k) => { const v = samples.map((s) => s[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
const ms = (v) => `${Math.round(v).toLocaleString('en')} ms`;
console.log(`HTML report, ${count.toLocaleString('en')} findings (median of ${runs} runs; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
console.log(`  file size            ${(html.length / 1e6).toFixed(1)} MB (JSON embedded deflated: ${html.includes('data-encoding=') ? 'yes' : 'no'})`);
console.log(`  render (Node)        ${ms(renderMs)}`);
console.log(`  open until ready     ${ms(median('readyMs'))}  (file read ${ms(median('fileReadMs'))}, HTML parsed ${ms(median('domParsedMs'))})`);
console.log(`  severity filter      ${ms(median('filterMs'))}`);
console.log(`  search (incl. 120 ms debounce) ${ms(median('searchMs'))}`);
