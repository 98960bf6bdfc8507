// keywarden.html: one self-contained audit report. Inline CSS and one inline script, both allowed by
// their SHA-256 in a strict Content-Security-Policy (nothing else may load or run: no network at all);
// every value escaped; the results embedded as JSON data blocks the script renders with DOM APIs.
// Pure: RunReport in, string out.
import { createHash } from 'node:crypto';
import type { Inventory, RunReport } from '../../core/model.js';
import { countFindings } from '../common/order.js';
import { normaliseReport } from '../json/index.js';
import { anomaliesSection } from './anomalies.js';
import { KEYS_SCRIPT } from './client-keys.js';
import { CLIENT_SCRIPT } from './client.js';
import { complianceSection, frameworkFamily } from './compliance.js';
import { DEFLATE_THRESHOLD, dataBlock } from './embed.js';
import { escapeHtml as e } from './escape.js';
import { findingsSection } from './findings.js';
import { inventorySection } from './inventory.js';
import { keyRows, keysBlock, keysSection } from './keys.js';
import { runSection, summarySection } from './overview.js';
import { coverageSection, fixedSection, inputsSection, rulesSection, waiversSection } from './records.js';
import { REPORT_CSS } from './style.js';
import { trendSection } from './trend.js';

const sha256 = (text: string, encoding: 'hex' | 'base64') => createHash('sha256').update(text, 'utf8').digest(encoding);

/** The page's CSP: only the report's own style and script (by hash), images only as data: URIs. */
export function contentSecurityPolicy(css: string, script: string): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${sha256(script, 'base64')}'`,
    `style-src 'sha256-${sha256(css, 'base64')}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The page's one inline script: the key-inventory table (a no-op without its data block), then the findings. */
export const PAGE_SCRIPT = `${KEYS_SCRIPT}\n${CLIENT_SCRIPT}`;

export const HTML_CSP = contentSecurityPolicy(REPORT_CSS, PAGE_SCRIPT);

/** Data the page script needs besides the report: the framework family of every framework id. */
export function viewData(report: RunReport): { families: Record<string, string> } {
  const ids = new Set<string>();
  for (const r of report.rules) for (const k of Object.keys(r.frameworks ?? {})) ids.add(k);
  for (const f of report.findings) for (const k of Object.keys(f.frameworks ?? {})) ids.add(k);
  return { families: Object.fromEntries([...ids].sort().map((id) => [id, frameworkFamily(id)])) };
}

const SECTIONS: readonly [id: string, title: string][] = [
  ['scope', 'Scope and run'],
  ['summary', 'Summary'],
  ['compliance', 'Compliance'],
  ['findings', 'Findings'],
  ['inventory', 'Key inventory'],
  ['anomalies', 'Anomalies'],
  ['trend', 'Trend'],
  ['coverage', 'Coverage and gaps'],
  ['waivers', 'Waivers'],
  ['fixed', 'Fixed'],
  ['inputs', 'Inputs'],
  ['integrity', 'Integrity'],
];

export interface HtmlOptions {
  /** The evaluated inventory: with it the Key inventory section lists every key, not only those with findings. */
  inventory?: Pick<Inventory, 'keys' | 'containers'>;
}

export function render(input: RunReport, options: HtmlOptions = {}): string {
  // Normalised once (sorted findings, recomputed summary): the same document keywarden.json holds.
  const report = normaliseReport(input);
  const findings = report.findings;
  const counts = countFindings(findings);
  // Compact: indentation would add half again to the file of a 100,000-finding report.
  const embedded = JSON.stringify(report);
  const embeddedSha = sha256(embedded, 'hex');
  // With the evaluated inventory, every key is listed; without it (render(report) alone), the resources with findings.
  const keys = options.inventory ? keyRows(options.inventory, findings) : undefined;
  const title = `keywarden report · ${counts.byStatus.fail.toLocaleString('en-US')} failing · ${report.run.startedAt}`;
  const body: Record<string, string> = {
    scope: runSection(report),
    summary: summarySection(report, findings),
    compliance: complianceSection(report),
    findings: findingsSection(findings.length),
    inventory: keys ? keysSection(keys.length, keys.filter((k) => Number(k.findings) > 0).length) : inventorySection(findings, report.coverage.keys),
    anomalies: anomaliesSection(findings),
    trend: trendSection(report),
    coverage: coverageSection(report),
    waivers: waiversSection(report, findings),
    fixed: fixedSection(report),
    inputs: inputsSection(report) + rulesSection(report),
    integrity:
      `<p>The complete results are embedded at the end of this file as a JSON data block (<code>id="keywarden-report"</code>, not executable): the document keywarden.json holds, without indentation` +
      `${embedded.length > DEFLATE_THRESHOLD ? ' (this report is large, so the block holds it deflated and base64-encoded; docs/report.md shows how to extract it)' : ''}. ` +
      `SHA-256 of the JSON text: <code class="id">${embeddedSha}</code>. ` +
      `Each input's SHA-256 is listed under Inputs.</p>`,
  };
  const sections = SECTIONS.map(([id, heading]) => `<section id="${id}"><h2>${heading}</h2>${body[id] ?? ''}</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<link rel="icon" href="data:,">
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="top">
<h1>keywarden · key-management audit report</h1>
<p>${e(report.tool.name)} ${e(report.tool.version)} · run <code>${e(report.run.id)}</code> · ${e(report.run.startedAt)} (UTC)</p>
</header>
<nav class="toc">${SECTIONS.map(([id, heading]) => `<a href="#${id}">${heading}</a>`).join('')}</nav>
<main>
${sections}
</main>
<footer>Generated by ${e(report.tool.name)} ${e(report.tool.version)}. This file makes no network request; its Content-Security-Policy allows only its own style and script.</footer>
${dataBlock('keywarden-report', embedded)}
${dataBlock('keywarden-view', JSON.stringify(viewData(report)))}
${keys ? `${dataBlock('keywarden-keys', JSON.stringify(keysBlock(keys)))}\n` : ''}<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
