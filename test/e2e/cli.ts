// Running the built CLI as a user would, with a clean environment and a temp working directory.
import { spawn, spawnSync } from 'node:child_process';
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

/**
 * The built CLI as a child process, asynchronously: for tests whose local cloud server runs in this
 * process and must keep answering while the CLI talks to it. `env` is the whole environment.
 */
export function keywardenAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
