// Running the built CLI as a user would, with a clean environment and a temp working directory.
import { spawnSync } from 'node:child_process';
import { BIN } from './global-setup.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function keywarden(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1' },
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
