// The tool-error catalogue: every error the user can cause or meet has a stable code, a message and
// actions that say how to fix it (design habit 2). Tool errors always end a run with exit code 2.

export type ToolErrorCode =
  | 'usage'
  | 'config-not-found'
  | 'config-parse'
  | 'config-invalid'
  | 'input-not-found'
  | 'input-invalid'
  | 'policy-load'
  | 'policy-eval'
  | 'engine-unavailable'
  | 'collector-unavailable'
  | 'state-corrupt'
  | 'state-newer'
  | 'state-io'
  | 'output-write'
  | 'module-missing'
  | 'internal';

const DEFAULT_ACTIONS: Record<ToolErrorCode, string[]> = {
  usage: ['Run `keywarden scan --help` for the list of flags.'],
  'config-not-found': ['Check the path given with --config, or omit --config to use ./keywarden.config.yaml when present.'],
  'config-parse': ['Fix the YAML syntax at the reported line (indentation, quoting).'],
  'config-invalid': ['Fix the reported fields; see the README section "Configuration" for the schema.'],
  'input-not-found': ['Check the path; --inventory takes a snapshot written by `keywarden collect`, --logs takes files or folders.'],
  'input-invalid': ['Regenerate the file with `keywarden collect`, or fix the reported field.'],
  'policy-load': ['Fix the policy at the reported location; `keywarden policy check DIR` lists all errors.'],
  'policy-eval': ['Run the policy alone with `keywarden policy eval` to see the failing expression.'],
  'engine-unavailable': ['Use `--engine interpreter` (the default).'],
  'collector-unavailable': ['Collect offline instead: pass an inventory snapshot with --inventory and logs with --logs.'],
  'state-corrupt': [
    'Move the file aside (e.g. `mv .keywarden/state.db .keywarden/state.db.bad`) and run again to start a fresh history,',
    'or point --state at another file. keywarden never discards a state file by itself.',
  ],
  'state-newer': ['Upgrade keywarden to the version that wrote this state file, or use another file with --state.'],
  'state-io': ['Check that the folder of the --state file exists and is writable.'],
  'output-write': ['Check that the --out folder is writable.'],
  'module-missing': ['Rebuild keywarden (`npm run build`); a part of this build is missing.'],
  internal: ['This is a bug in keywarden: please report it with the command line and the message.'],
};

export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly actions: string[];
  readonly exitCode = 2 as const;

  constructor(code: ToolErrorCode, message: string, options: { actions?: string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.code = code;
    this.actions = options.actions ?? DEFAULT_ACTIONS[code];
  }

  /** The message with its fix hints, as the CLI prints it. */
  describe(): string {
    const hints = this.actions.map((a) => `  → ${a}`).join('\n');
    return `keywarden: ${this.code}: ${this.message}${hints ? `\n${hints}` : ''}`;
  }
}

export function isToolError(e: unknown): e is ToolError {
  return e instanceof ToolError;
}

/** Wrap anything thrown into a ToolError, keeping ToolErrors as they are. */
export function toToolError(e: unknown, code: ToolErrorCode = 'internal'): ToolError {
  if (e instanceof ToolError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ToolError(code, message, { cause: e });
}
