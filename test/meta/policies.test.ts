// Meta tests of the built-in policy pack: every policy is a unit of three files with one base name
// (the id in snake case), carries the METADATA that reports and docs need, uses an id from the
// catalogue (checks.md), and no two policies share an id. Helper modules in policies/lib have tests
// and no result rules.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readModuleInfo } from '../../src/engine/metadata.js';
import { PROVIDERS, SEVERITIES } from '../../src/core/model.js';

const ROOT = join(import.meta.dirname, '..', '..', 'policies');
const REQUIRED_FRAMEWORKS = ['pci-dss-4.0.1', 'iso-27001-2022', 'nist-800-53-r5', 'soc2'];

function regoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...regoFiles(p));
    else if (e.name.endsWith('.rego') && !e.name.endsWith('_test.rego')) out.push(p);
  }
  return out.sort();
}

interface CatalogueRow {
  id: string;
  providers: string[];
  folder: string;
  gap?: string;
}
const catalogue = parseYaml(readFileSync(join(ROOT, 'frameworks', 'catalogue.yaml'), 'utf8')) as { rows: CatalogueRow[]; extensions: CatalogueRow[] };
const known = new Map([...catalogue.rows, ...catalogue.extensions].map((r) => [r.id, r]));

const libFiles = regoFiles(join(ROOT, 'lib'));
const policyFiles = regoFiles(ROOT).filter((f) => !f.startsWith(join(ROOT, 'lib')));

describe('policy catalogue', () => {
  it('lists the 56 rows of the master table once each', () => {
    expect(catalogue.rows).toHaveLength(56);
    expect(new Set(catalogue.rows.map((r) => r.id)).size).toBe(56);
  });
});

describe('policies/lib', () => {
  it.each(libFiles.map((f) => [relative(ROOT, f), f]))('%s has tests and no result rules', (_name, file) => {
    expect(existsSync(file.replace(/\.rego$/, '_test.rego'))).toBe(true);
    expect(readModuleInfo(file, readFileSync(file, 'utf8')).resultRules).toEqual([]);
  });
});

describe('built-in policies', () => {
  it('exist', () => {
    expect(policyFiles.length).toBeGreaterThanOrEqual(20);
  });

  it('have unique ids', () => {
    const ids = policyFiles.map((f) => {
      const info = readModuleInfo(f, readFileSync(f, 'utf8'));
      return (info.annotations.find((a) => a.scope === 'package')?.data.custom as { id?: string } | undefined)?.id;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(policyFiles.map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const info = readModuleInfo(file, source);
    const pkg = info.annotations.find((a) => a.scope === 'package')?.data;
    expect(pkg, 'a package-scoped METADATA block').toBeDefined();
    const meta = pkg as Record<string, unknown>;
    const custom = meta.custom as Record<string, unknown>;
    const id = custom.id as string;

    // Identity: catalogue id, snake-case file name, package path, folder.
    expect(known.has(id), `${id} is a checks.md id or a listed extension`).toBe(true);
    expect(basename(file, '.rego')).toBe(id.replaceAll('-', '_'));
    expect(info.packagePath).toBe(`keywarden.checks.${id.replaceAll('-', '_')}`);
    expect(`${relative(ROOT, dirname(file))}/`.startsWith(`${known.get(id)!.folder}/`), `${id} lives under policies/${known.get(id)!.folder}`).toBe(true);
    expect(known.get(id)!.gap, `${id} is listed as left out`).toBeUndefined();

    // Metadata that reports, SARIF and docs read.
    expect(typeof meta.title === 'string' && meta.title.length > 5).toBe(true);
    expect(typeof meta.description === 'string' && meta.description.length > 40).toBe(true);
    expect(Array.isArray(meta.related_resources) && meta.related_resources.length > 0).toBe(true);
    expect(SEVERITIES).toContain(custom.severity);
    expect(typeof custom.remediation === 'string' && custom.remediation.length > 10).toBe(true);
    const providers = custom.providers as string[];
    expect(providers.length).toBeGreaterThan(0);
    for (const p of providers) expect(PROVIDERS).toContain(p);
    expect([...providers].sort()).toEqual([...known.get(id)!.providers].sort());
    expect(typeof custom.service).toBe('string');
    expect(Array.isArray(custom.tags) && (custom.tags as unknown[]).length > 0, 'anchors in custom.tags').toBe(true);
    const frameworks = custom.frameworks as Record<string, unknown[]>;
    for (const fw of REQUIRED_FRAMEWORKS) expect(frameworks[fw]?.length, `${id} maps ${fw}`).toBeGreaterThan(0);
    for (const [fw, controls] of Object.entries(frameworks)) {
      expect(fw).toMatch(/^[a-z0-9.-]+$/);
      for (const c of controls) expect(typeof c).toBe('string');
    }
    expect(info.resultRules.length).toBeGreaterThan(0);

    // Tests: a sibling _test.rego in the <package>_test package with failing and passing cases.
    const testFile = file.replace(/\.rego$/, '_test.rego');
    expect(existsSync(testFile)).toBe(true);
    const tests = readFileSync(testFile, 'utf8');
    expect(tests).toContain(`package ${info.packagePath}_test`);
    expect(tests).toMatch(/^test_(deny|unknown)\w*|^test_\w+ if \{?/m);
    expect((tests.match(/^test_/gm) ?? []).length).toBeGreaterThanOrEqual(4);

    // Examples: good and bad inventories.
    const examplesFile = file.replace(/\.rego$/, '.examples.yaml');
    expect(existsSync(examplesFile)).toBe(true);
    const examples = parseYaml(readFileSync(examplesFile, 'utf8')) as { good?: unknown[]; bad?: unknown[] };
    expect(examples.good?.length).toBeGreaterThan(0);
    expect(examples.bad?.length).toBeGreaterThan(0);
  });
});
