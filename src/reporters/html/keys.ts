// Key inventory with every key scanned: one compact row per key, embedded as its own JSON data block
// (keywarden-keys) next to the report and rendered by the page script like the findings table.
// Used when the renderer is given the evaluated inventory; keywarden.json never carries it.
import type { Finding, Inventory, KeyRecord, Severity } from '../../core/model.js';
import { SEVERITY_RANK, compareText } from '../common/order.js';

/** Column order of each embedded row (the block says it too, so a reader needs no code). */
export const KEY_COLUMNS = [
  'provider',
  'account',
  'region',
  'container',
  'id',
  'name',
  'manager',
  'purpose',
  'spec',
  'protection',
  'state',
  'created',
  'rotated',
  'rotation',
  'expires',
  'tags',
  'findings',
  'worst',
] as const;

export type KeyColumn = (typeof KEY_COLUMNS)[number];
export type KeyRow = Record<KeyColumn, string | number>;

export interface KeysBlock {
  columns: readonly KeyColumn[];
  rows: (string | number)[][];
}

const joinKey = (provider: string, id: string) => `${provider}\u0000${id}`;

/** Open (failing) findings per key, joined on provider + resource id, with the worst severity. */
function openFindingsByKey(findings: readonly Finding[]): Map<string, { count: number; worst: Severity }> {
  const out = new Map<string, { count: number; worst: Severity }>();
  for (const f of findings) {
    if (f.status !== 'fail') continue;
    const key = joinKey(f.resource.provider, f.resource.id);
    const seen = out.get(key);
    if (!seen) out.set(key, { count: 1, worst: f.severity });
    else {
      seen.count++;
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[seen.worst]) seen.worst = f.severity;
    }
  }
  return out;
}

function specText(k: KeyRecord): string {
  const base = k.spec ?? k.algorithm ?? k.keyType ?? '';
  // RSA_2048 or P-256 already says the size or curve: add them only when the spec does not.
  const size = k.sizeBits !== undefined && !base.includes(String(k.sizeBits)) ? `${k.sizeBits}-bit` : '';
  const curve = k.curve !== undefined && !base.includes(k.curve) ? k.curve : '';
  return [base, size, curve].filter((v) => v !== '').join(' · ');
}

function rotationText(k: KeyRecord): string {
  const r = k.rotation;
  if (!r) return '';
  if (r.enabled) return r.periodDays !== undefined ? `on, ${r.periodDays} d` : 'on';
  if (r.supported === false) return 'not supported';
  return r.enabled === false ? 'off' : '';
}

function nameText(k: KeyRecord): string {
  const names = [k.name, ...(k.aliases ?? [])].filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(names)].join(', ');
}

export function keyRows(inventory: Pick<Inventory, 'keys' | 'containers'>, findings: readonly Finding[]): KeyRow[] {
  const containers = new Map(inventory.containers.map((c) => [joinKey(c.provider, c.id), c.name ?? c.id]));
  const open = openFindingsByKey(findings);
  const rows = inventory.keys.map((k): KeyRow & { rank: number } => {
    const found = open.get(joinKey(k.provider, k.id));
    return {
      provider: k.provider,
      account: k.account,
      region: k.region ?? '',
      container: k.container ? (containers.get(joinKey(k.provider, k.container)) ?? k.container) : '',
      id: k.id,
      name: nameText(k),
      manager: k.manager ?? '',
      purpose: k.purpose ?? (k.usage ?? []).join(', '),
      spec: specText(k),
      protection: [k.protectionLevel, k.origin].filter((v) => v !== undefined).join(' · '),
      state: k.state ?? k.rawState ?? '',
      created: k.createdAt ?? '',
      rotated: k.lastRotatedAt ?? k.rotation?.lastRotatedAt ?? '',
      rotation: rotationText(k),
      expires: k.expiresAt ?? '',
      tags: Object.keys(k.tags ?? {}).length,
      findings: found?.count ?? 0,
      worst: found?.worst ?? '',
      rank: found ? SEVERITY_RANK[found.worst] : Number.MAX_SAFE_INTEGER,
    };
  });
  // Keys with findings first (worst, then most findings), then by provider, account and id: deterministic.
  rows.sort(
    (a, b) =>
      a.rank - b.rank || Number(b.findings) - Number(a.findings) || compareText(String(a.provider), String(b.provider)) || compareText(String(a.account), String(b.account)) || compareText(String(a.id), String(b.id)),
  );
  return rows.map(({ rank: _rank, ...row }) => row);
}

/** The embedded block: column names once, then one array per key (about half the size of objects). */
export function keysBlock(rows: readonly KeyRow[]): KeysBlock {
  return { columns: KEY_COLUMNS, rows: rows.map((r) => KEY_COLUMNS.map((c) => r[c])) };
}

const FILTERS: readonly [id: string, label: string][] = [
  ['k-provider', 'Provider'],
  ['k-account', 'Account'],
  ['k-manager', 'Manager'],
  ['k-state', 'State'],
];

const COLUMNS: readonly [sort: string | undefined, label: string][] = [
  ['findings', 'Open findings'],
  ['name', 'Key (aliases, id)'],
  ['account', 'Provider · account · region'],
  [undefined, 'Container'],
  [undefined, 'Manager · purpose'],
  ['spec', 'Spec · protection'],
  ['state', 'State'],
  ['created', 'Created'],
  ['rotated', 'Last rotated · auto-rotation'],
  ['expires', 'Expires'],
  [undefined, 'Tags'],
];

/** Static markup of the every-key table: filters, table the page script fills, pager. */
export function keysSection(total: number, withFindings: number): string {
  const selects = FILTERS.map(([id, label]) => `<label>${label}<select id="${id}"><option value="">all</option></select></label>`).join('');
  const head = COLUMNS.map(([sort, label]) => (sort ? `<th data-ksort="${sort}" aria-sort="none" title="Sort by ${label.toLowerCase()}">${label}</th>` : `<th>${label}</th>`)).join('');
  return (
    `<p class="muted">Every key scanned: ${total.toLocaleString('en-US')} keys, ${withFindings.toLocaleString('en-US')} of them with open findings (listed first). ` +
    `Vaults, key rings, trails and principals with findings are in the findings table. The rows are embedded as a JSON data block (<code>id="keywarden-keys"</code>); the full snapshot is listed under Inputs with its SHA-256.</p>` +
    `<div class="filters" id="k-controls" hidden>` +
    `<label class="search">Search<input type="search" id="k-search" placeholder="key id, alias, account, container, spec" autocomplete="off" spellcheck="false"></label>` +
    selects +
    `<button type="button" id="k-reset">Reset</button></div>` +
    `<p id="k-count" class="muted" aria-live="polite">${total.toLocaleString('en-US')} keys. The interactive table needs JavaScript.</p>` +
    `<table class="findings keys"><thead><tr>${head}</tr></thead><tbody id="k-rows"></tbody></table>` +
    `<p id="k-empty" class="muted" hidden>No key matches these filters.</p>` +
    `<div class="pager"><button type="button" id="k-prev">‹ Previous</button><span id="k-page"></span><button type="button" id="k-next">Next ›</button>` +
    `<label>Rows per page<select id="k-size"><option value="50">50</option><option value="100">100</option><option value="500">500</option><option value="all">all (up to 5,000)</option></select></label></div>`
  );
}
