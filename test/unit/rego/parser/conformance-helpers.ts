// Reads the modules of the shared Rego conformance cases (../shared/rego-conformance).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const CONFORMANCE_DIR = resolve(process.cwd(), '../shared/rego-conformance');

export interface ConformanceModule {
  /** `cases/<category>/<file>.yaml#<case index>/<module index>` */
  id: string;
  source: string;
  /** Modules that need experimental syntax (`future.keywords.not`, `rego.v2`). */
  experimental: boolean;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (entry.name.endsWith('.yaml')) out.push(p);
  }
  return out.sort();
}

export function conformanceModules(): ConformanceModule[] | undefined {
  if (!existsSync(CONFORMANCE_DIR)) return undefined;
  const out: ConformanceModule[] = [];
  for (const sub of ['cases', 'cases-later']) {
    const dir = join(CONFORMANCE_DIR, sub);
    if (!existsSync(dir)) continue;
    for (const file of yamlFiles(dir)) {
      const rel = file.slice(CONFORMANCE_DIR.length + 1);
      const doc = parse(readFileSync(file, 'utf8'), { intAsBigInt: true }) as { cases?: { modules?: string[] }[] };
      const experimental = rel.startsWith('cases-later/negation/');
      (doc.cases ?? []).forEach((c, i) => {
        (c.modules ?? []).forEach((source, j) => out.push({ id: `${rel}#${i}/${j}`, source, experimental }));
      });
    }
  }
  return out;
}
