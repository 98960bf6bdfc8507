// Finding policy modules: every .rego file under the given folders (sorted, recursively), except the
// `_test.rego` files, which belong to `keywarden policy test`, not to a scan.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ToolError } from '../core/errors.js';

export interface PolicyModule {
  /** Stable name used in messages and locations: relative to its root folder, prefixed by the root's label. */
  path: string;
  file: string;
  source: string;
  builtin: boolean;
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith('.rego') && !e.name.endsWith('_test.rego')) out.push(p);
  }
}

/** Load modules from folders (or single files). A named folder that does not exist is a usage error. */
export function loadPolicyModules(roots: readonly { dir: string; builtin: boolean; label: string; optional?: boolean }[]): PolicyModule[] {
  const modules: PolicyModule[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    if (!existsSync(root.dir)) {
      if (root.optional) continue;
      throw new ToolError('input-not-found', `policy folder not found: ${root.dir}`, { actions: ['Check the --policies path or the `policies:` list in keywarden.config.yaml.'] });
    }
    const files: string[] = [];
    if (statSync(root.dir).isFile()) files.push(root.dir);
    else walk(root.dir, files);
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const rel = statSync(root.dir).isFile() ? file.split(sep).pop()! : relative(root.dir, file).split(sep).join('/');
      modules.push({ path: `${root.label}/${rel}`, file, source: readFileSync(file, 'utf8'), builtin: root.builtin });
    }
  }
  return modules;
}
