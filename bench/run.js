// `npm run bench`: runs every benchmark folder's run.mjs with its default (quick) sizes. Needs a build.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
let failed = 0;
for (const dir of readdirSync(here).sort()) {
  const script = join(here, dir, 'run.mjs');
  if (!existsSync(script) || (only && only !== dir)) continue;
  console.log(`\n== bench/${dir}`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', script, ...process.argv.slice(3)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
