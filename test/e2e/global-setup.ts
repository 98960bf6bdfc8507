// Builds the CLI once for the end-to-end tests (they run `node bin/run.js`, i.e. dist/). Usable as a
// vitest globalSetup; the e2e files also call ensureBuilt() in beforeAll, and a lock file makes
// concurrent test workers share one build.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'run.js');
const LOCK = join(tmpdir(), `keywarden-e2e-build-${Buffer.from(ROOT).toString('hex').slice(-16)}.lock`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  const built = join(ROOT, 'dist', 'commands', 'scan.js');
  return existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, 'src'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function ensureBuilt(): Promise<void> {
  for (;;) {
    if (upToDate()) return;
    let fd: number;
    try {
      fd = openSync(LOCK, 'wx');
    } catch {
      // Another worker is building; a lock older than 10 minutes is from a crashed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { force: true });
      await sleep(1000);
      continue;
    }
    try {
      if (!upToDate()) {
        try {
          execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
        } catch (e) {
          // tsc still emits when unrelated work in progress has type errors; the tests then use what was emitted.
          if (!existsSync(join(ROOT, 'dist', 'commands', 'scan.js'))) throw e;
        }
      }
      return;
    } finally {
      closeSync(fd);
      rmSync(LOCK, { force: true });
    }
  }
}

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
