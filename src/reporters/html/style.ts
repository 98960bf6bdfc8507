// The report's stylesheet: inline (its hash is in the CSP), no external fonts or images; a print
// stylesheet so an auditor can print to PDF.
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de; --accent: #1f4e79;
  --critical: #8b0000; --high: #cf222e; --medium: #b35900; --low: #0969da; --info: #6e7781;
  --pass: #1a7f37; --fail: #cf222e; --unknown: #9a6700; --waived: #6e7781; }
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
.top { background: var(--accent); color: #fff; padding: 1rem 1.5rem .75rem; }
.top h1 { font-size: 1.5rem; margin: 0; font-weight: 650; letter-spacing: .01em; }
.top p { margin: .2rem 0 0; opacity: .9; }
nav.toc { position: sticky; top: 0; z-index: 5; background: var(--panel); border-bottom: 1px solid var(--line); padding: .35rem 1.5rem; display: flex; flex-wrap: wrap; gap: .15rem 1rem; font-size: 13px; }
nav.toc a { color: var(--accent); text-decoration: none; } nav.toc a:hover { text-decoration: underline; }
main { max-width: 1440px; margin: 0 auto; padding: .5rem 1.5rem 2rem; }
section { margin-top: 1.6rem; }
h2 { font-size: 1.2rem; margin: 0 0 .6rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; color: var(--accent); }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; } h4 { margin: .6rem 0 .2rem; font-size: 13px; }
.muted { color: var(--muted); } .small { font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
table.compact { width: auto; min-width: 28rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; max-height: 22rem; overflow: auto; background: var(--panel); padding: .4rem .6rem; border-radius: 4px; }
.id { word-break: break-all; }
.sev { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: .03em; padding: .05rem .4rem; border-radius: 3px; color: #fff; white-space: nowrap; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.badge { font-size: 11px; font-weight: 600; padding: .05rem .4rem; border-radius: 10px; border: 1px solid currentColor; white-space: nowrap; }
.st-pass, .cov-ok { color: var(--pass); } .st-fail, .cov-failed { color: var(--fail); } .st-unknown, .cov-partial { color: var(--unknown); } .st-suppressed { color: var(--waived); }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: .5rem 0 1rem; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: .45rem .9rem; min-width: 8.5rem; background: var(--bg); }
.card b { display: block; font-size: 1.45rem; font-variant-numeric: tabular-nums; }
.card span { color: var(--muted); font-size: 12px; }
.card-fail { border-left-color: var(--fail); } .card-unknown { border-left-color: var(--unknown); } .card-waived { border-left-color: var(--waived); } .card-pass { border-left-color: var(--pass); }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: .3rem 0; } figcaption { font-weight: 600; font-size: 13px; margin-bottom: .2rem; }
svg.chart { max-width: 100%; height: auto; font-size: 11px; }
svg .lbl, svg .val, svg .tick { fill: var(--fg); } svg .tick { fill: var(--muted); font-size: 10px; }
svg .bar.sev-critical { fill: var(--critical); } svg .bar.sev-high { fill: var(--high); } svg .bar.sev-medium { fill: var(--medium); }
svg .bar.sev-low { fill: var(--low); } svg .bar.sev-info { fill: var(--info); }
svg .bar.st-fail { fill: var(--fail); } svg .bar.st-unknown { fill: var(--unknown); } svg .bar.st-suppressed { fill: var(--waived); } svg .bar.prov { fill: var(--accent); }
svg .axis { stroke: var(--muted); stroke-width: 1; } svg .grid { stroke: var(--line); stroke-dasharray: 2 3; }
svg .obs { fill: #8aa9c8; } svg .obs.hot { fill: var(--high); } svg .window { fill: #cf222e; fill-opacity: .08; }
svg .band { fill: #1a7f37; fill-opacity: .12; } svg .expected { stroke: var(--pass); stroke-width: 2; stroke-dasharray: 5 3; }
svg .line { fill: none; stroke-width: 2; } svg .dot { stroke: none; }
svg .tr-open { stroke: var(--accent); fill: var(--accent); } svg .line.tr-open { fill: none; }
svg .tr-new { stroke: var(--high); fill: var(--high); } svg .line.tr-new { fill: none; }
svg .tr-fixed { stroke: var(--pass); fill: var(--pass); } svg .line.tr-fixed { fill: none; }
.grid2 { display: grid; grid-template-columns: minmax(20rem, 1fr) minmax(20rem, 1.3fr); gap: 1.5rem; }
@media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
details > summary { cursor: pointer; padding: .25rem 0; }
details.fw { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .7rem; margin: .4rem 0; }
ul.checks { margin: 0; padding-left: 1rem; } ul.checks li { margin: .1rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem .8rem; align-items: flex-end; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.filters label, .pager label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: .15rem; }
.filters .search { flex: 1 1 18rem; }
input, select, button { font: inherit; font-size: 13px; padding: .25rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
button { cursor: pointer; background: var(--panel); } button:disabled { opacity: .5; cursor: default; }
.filters label select { max-width: 16rem; }
table.findings th[data-sort], table.keys th[data-ksort] { cursor: pointer; user-select: none; }
table.findings th[aria-sort="ascending"]::after { content: " ▲"; } table.findings th[aria-sort="descending"]::after { content: " ▼"; }
tr.finding { cursor: pointer; } tr.finding:hover, tr.finding.open { background: #eef4fb; }
tr.finding.row-suppressed td { opacity: .7; }
td.msg { max-width: 36rem; }
.detail { padding: .3rem .2rem; }
.pager { display: flex; align-items: center; gap: .8rem; margin: .5rem 0; }
.pager label { flex-direction: row; align-items: center; gap: .4rem; }
article.anomaly { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; margin: .6rem 0; break-inside: avoid; }
article.anomaly p { margin: .3rem 0; }
.anomaly-body { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); margin-top: 2rem; padding-top: .6rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 10.5px; }
  .top { background: none; color: #000; padding: 0 0 .4rem; border-bottom: 2px solid #000; }
  nav.toc, .filters, .pager, .no-print, #f-reset, p.small.muted:last-child { display: none !important; }
  main { max-width: none; padding: 0; }
  section { break-inside: auto; }
  h2 { break-after: avoid; color: #000; }
  tr, article.anomaly, .card, figure { break-inside: avoid; }
  pre { max-height: none; overflow: visible; background: none; border: 1px solid #ccc; }
  a { color: inherit; text-decoration: none; }
  tr.finding:hover { background: none; }
  .sev { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
