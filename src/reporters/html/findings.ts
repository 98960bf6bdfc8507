// The findings section's static markup: filter controls, the table the page script fills, a pager.
// The rows themselves come from the embedded JSON (one copy of the data, paged: 100,000 findings stay usable).

const FILTERS: readonly [id: string, label: string][] = [
  ['f-severity', 'Severity'],
  ['f-status', 'Status'],
  ['f-provider', 'Provider'],
  ['f-account', 'Account'],
  ['f-framework', 'Framework'],
  ['f-lifecycle', 'New / recurring'],
  ['f-kind', 'Kind'],
];

const COLUMNS: readonly [sort: string | undefined, label: string][] = [
  ['severity', 'Severity'],
  ['status', 'Status'],
  ['rule', 'Rule'],
  ['resource', 'Resource (alias, id)'],
  ['account', 'Provider · account · region'],
  [undefined, 'Finding'],
  ['seen', 'History'],
];

export function findingsSection(total: number): string {
  const selects = FILTERS.map(([id, label]) => `<label>${label}<select id="${id}"><option value="">all</option></select></label>`).join('');
  const head = COLUMNS.map(([sort, label]) => (sort ? `<th data-sort="${sort}" aria-sort="none" title="Sort by ${label.toLowerCase()}">${label}</th>` : `<th>${label}</th>`)).join('');
  return (
    `<div class="filters" id="f-controls" hidden>` +
    `<label class="search">Search<input type="search" id="f-search" placeholder="rule, key id or alias, account, principal, message" autocomplete="off" spellcheck="false"></label>` +
    selects +
    `<button type="button" id="f-reset">Reset</button></div>` +
    `<p id="f-count" class="muted" aria-live="polite">${total.toLocaleString('en-US')} findings. The interactive table needs JavaScript; the complete results are embedded at the end of this file and in keywarden.json.</p>` +
    `<table class="findings"><thead><tr>${head}</tr></thead><tbody id="f-rows"></tbody></table>` +
    `<p id="f-empty" class="muted" hidden>No finding matches these filters.</p>` +
    `<div class="pager"><button type="button" id="f-prev">‹ Previous</button><span id="f-page"></span><button type="button" id="f-next">Next ›</button>` +
    `<label>Rows per page<select id="f-size"><option value="50">50</option><option value="100">100</option><option value="500">500</option><option value="all">all (up to 5,000)</option></select></label></div>` +
    `<p class="muted small">Click a row for its evidence, remediation and references. Column headings sort; click again to reverse.</p>`
  );
}
