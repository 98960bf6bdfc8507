import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Inventory, KeyRecord } from '../../../src/core/model.js';
import { readDataBlock } from '../../../src/reporters/html/embed.js';
import { render } from '../../../src/reporters/html/index.js';
import { KEY_COLUMNS, keyRows, type KeysBlock } from '../../../src/reporters/html/keys.js';
import { REPORTERS } from '../../../src/reporters/registry.js';
import { canonicalReport } from '../../fixtures/reports/canonical-report.js';

const HOSTILE = '</script><img src=x onerror=alert(1)>';
const sha256b64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** A key for every resource the canonical report's findings name, one hostile key and one clean key. */
function inventoryFor(): Pick<Inventory, 'keys' | 'containers'> {
  const report = canonicalReport();
  const seen = new Map<string, KeyRecord>();
  for (const f of report.findings) {
    const r = f.resource;
    if (!seen.has(r.id)) seen.set(r.id, { ref: { provider: r.provider, account: r.account, type: r.type ?? 'key', id: r.id }, provider: r.provider, account: r.account, id: r.id, ...(r.name ? { name: r.name } : {}), state: 'enabled', manager: 'customer' });
  }
  const hostile: KeyRecord = {
    ref: { provider: 'gcp', account: 'proj-x', type: 'crypto-key', id: 'projects/proj-x/locations/global/keyRings/ring/cryptoKeys/evil' },
    provider: 'gcp',
    account: 'proj-x',
    region: 'global',
    container: 'projects/proj-x/locations/global/keyRings/ring',
    id: 'projects/proj-x/locations/global/keyRings/ring/cryptoKeys/evil',
    aliases: [HOSTILE],
    spec: 'RSA_2048',
    sizeBits: 2048,
    protectionLevel: 'hsm',
    state: 'disabled',
    rotation: { enabled: true, periodDays: 90 },
    tags: { a: '1', b: '2' },
  };
  const clean: KeyRecord = { ref: { provider: 'aws', account: '1', type: 'kms-key', id: 'arn:clean' }, provider: 'aws', account: '1', id: 'arn:clean', spec: 'SYMMETRIC_DEFAULT', sizeBits: 256, state: 'enabled' };
  const containers = [{ ref: { provider: 'gcp' as const, account: 'proj-x', type: 'key-ring', id: hostile.container! }, provider: 'gcp' as const, account: 'proj-x', id: hostile.container!, name: 'ring', kind: 'key-ring' }];
  return { keys: [...seen.values(), hostile, clean], containers };
}

describe('HTML key inventory (every key)', () => {
  const report = canonicalReport();
  const inventory = inventoryFor();
  const html = render(report, { inventory });
  const block = JSON.parse(readDataBlock(html, 'keywarden-keys')!) as KeysBlock;
  const rows = block.rows.map((values) => Object.fromEntries(KEY_COLUMNS.map((c, i) => [c, values[i]])));

  it('embeds one row per key with its open findings joined on the resource id, keys with findings first', () => {
    expect(block.columns).toEqual(KEY_COLUMNS);
    expect(rows).toHaveLength(inventory.keys.length);
    for (const row of rows) {
      const open = report.findings.filter((f) => f.status === 'fail' && f.resource.id === row['id']).length;
      expect(row['findings'], String(row['id'])).toBe(open);
    }
    const counts = rows.map((r) => Number(r['findings']));
    expect(counts.findIndex((n) => n === 0)).toBeGreaterThan(0);
    expect(counts.slice(counts.findIndex((n) => n === 0)).every((n) => n === 0)).toBe(true);
    const evil = rows.find((r) => String(r['id']).endsWith('/evil'))!;
    expect(evil).toMatchObject({ name: HOSTILE, container: 'ring', spec: 'RSA_2048', protection: 'hsm', state: 'disabled', rotation: 'on, 90 d', tags: 2, findings: 0 });
    expect(rows.find((r) => r['id'] === 'arn:clean')).toMatchObject({ spec: 'SYMMETRIC_DEFAULT · 256-bit' });
  });

  it('keeps a hostile alias inert: escaped in the data block, never markup, CSP still by hash', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<img');
    const raw = /<script type="application\/json" id="keywarden-keys">([^<]*)<\/script>/.exec(html)![1]!;
    expect(raw).toContain('\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(html).toContain(`script-src 'sha256-${sha256b64(script)}'`);
    expect(html).toContain('<tbody id="k-rows">');
  });

  it('reaches the HTML through RenderOptions, leaves the JSON report alone and falls back without an inventory', () => {
    expect(REPORTERS.html.render(report, { inventory }).text).toBe(html);
    expect(REPORTERS.json.render(report, { inventory }).text).toBe(REPORTERS.json.render(report).text);
    const plain = render(report);
    expect(readDataBlock(plain, 'keywarden-keys')).toBeUndefined();
    expect(plain).not.toContain('id="k-rows"');
    expect(plain).toContain('<table class="inventory">');
  });

  it('is deterministic whatever the inventory order', () => {
    const reversed = { ...inventory, keys: [...inventory.keys].reverse() };
    expect(render(report, { inventory: reversed })).toBe(html);
    expect(keyRows(reversed, report.findings)).toEqual(keyRows(inventory, report.findings));
  });
});
