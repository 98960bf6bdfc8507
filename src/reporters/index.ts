// Public surface of the reporters.
export { renderConsoleSummary, sanitizeTerminal, type ConsoleOptions } from './console/index.js';
export { render as renderHtml } from './html/index.js';
export { normaliseReport, render as renderJson } from './json/index.js';
export { render as renderMarkdown } from './md/index.js';
export { buildSarif, render as renderSarif, type SarifOptions, type SarifOutput } from './sarif/index.js';
export { DEFAULT_FORMATS, parseFormats, REPORT_FORMATS, REPORTERS, type ReportFormat, type Reporter } from './registry.js';
export { writeReports, type WriteOptions, type WriteResult, type WrittenReport } from './write.js';
