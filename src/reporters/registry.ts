// The report formats `--format` accepts, each a pure renderer with its file name.
import type { Inventory, RunReport } from '../core/model.js';
import { render as renderHtml } from './html/index.js';
import { render as renderJson } from './json/index.js';
import { render as renderMarkdown } from './md/index.js';
import { buildSarif, type SarifOptions } from './sarif/index.js';

export type ReportFormat = 'sarif' | 'json' | 'html' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['sarif', 'json', 'html', 'md'];
export const DEFAULT_FORMATS: readonly ReportFormat[] = ['sarif', 'json', 'html'];

export interface RenderOptions {
  sarif?: SarifOptions;
  /**
   * The inventory the policies evaluated. Only the HTML report uses it (its key-inventory table);
   * keywarden.json stays the RunReport alone, the snapshot being an input with its own SHA-256.
   */
  inventory?: Pick<Inventory, 'keys' | 'containers'>;
}

export interface Rendered {
  text: string;
  /** Notes the console should show (limits applied, results left out). */
  notes: string[];
}

export interface Reporter {
  id: ReportFormat;
  extension: string;
  fileName: string;
  render(report: RunReport, options?: RenderOptions): Rendered;
}

const plain = (fn: (report: RunReport) => string) => (report: RunReport): Rendered => ({ text: fn(report), notes: [] });

export const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  sarif: {
    id: 'sarif',
    extension: 'sarif',
    fileName: 'keywarden.sarif',
    render: (report, options) => {
      const out = buildSarif(report, options?.sarif);
      return { text: out.text, notes: out.notes };
    },
  },
  json: { id: 'json', extension: 'json', fileName: 'keywarden.json', render: plain(renderJson) },
  html: { id: 'html', extension: 'html', fileName: 'keywarden.html', render: (report, options) => ({ text: renderHtml(report, options?.inventory ? { inventory: options.inventory } : {}), notes: [] }) },
  md: { id: 'md', extension: 'md', fileName: 'keywarden.md', render: plain(renderMarkdown) },
};

/** Parses `--format sarif,json` (also repeated flags); throws on an unknown format with the valid list. */
export function parseFormats(values: string | readonly string[]): ReportFormat[] {
  const list = (typeof values === 'string' ? [values] : values).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  const unknown = list.filter((v) => !(REPORT_FORMATS as readonly string[]).includes(v));
  if (unknown.length > 0) throw new Error(`unknown report format ${unknown.map((u) => `"${u}"`).join(', ')}; expected one or more of ${REPORT_FORMATS.join(', ')}`);
  // Keep the canonical order and drop duplicates so output listings are deterministic.
  return REPORT_FORMATS.filter((f) => list.includes(f));
}
