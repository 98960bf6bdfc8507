// Progress of live collection. On a terminal: one redrawn line per source on stderr. In CI or a pipe:
// quiet lines, at most one per source every few seconds and one when a phase ends. Never on stdout
// (reports and summaries go there) and never with secrets: callers pass counts and scope names only.
import type { Clock } from '../core/clock.js';

export interface ProgressSink {
  /** `done` of `total` (when known) units of `phase` for `source`, e.g. ('aws 111122223333 eu-west-1', 'keys', 40, 120). */
  update(source: string, phase: string, done: number, total?: number): void;
  /** The phase is finished (prints its final count). */
  end(source: string, phase: string, done: number): void;
  /** A one-off line, e.g. "assuming role in 12 accounts". */
  note(message: string): void;
  /** Clears a terminal line; call once when collection is over. */
  close(): void;
}

export const silentProgress: ProgressSink = { update: () => undefined, end: () => undefined, note: () => undefined, close: () => undefined };

interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** Line-based progress for CI logs and pipes: throttled per source+phase by `everyMs`. */
export function lineProgress(out: Stream, clock: Clock, everyMs = 5000): ProgressSink {
  const last = new Map<string, number>();
  return {
    update(source, phase, done, total) {
      const key = `${source}\u0000${phase}`;
      const now = clock.now().getTime();
      const prev = last.get(key);
      if (prev !== undefined && now - prev < everyMs) return;
      last.set(key, now);
      out.write(`keywarden: ${source}: ${phase} ${done}${total !== undefined ? `/${total}` : ''}\n`);
    },
    end(source, phase, done) {
      last.delete(`${source}\u0000${phase}`);
      out.write(`keywarden: ${source}: ${phase} done (${done})\n`);
    },
    note(message) {
      out.write(`keywarden: ${message}\n`);
    },
    close: () => undefined,
  };
}

/** A single status line redrawn in place (terminal). Finished phases are printed as lines of their own. */
export function terminalProgress(out: Stream, clock: Clock, everyMs = 100): ProgressSink {
  let lastDraw = 0;
  let shown = false;
  const clear = () => {
    if (shown) out.write('\r\u001b[2K');
    shown = false;
  };
  return {
    update(source, phase, done, total) {
      const now = clock.now().getTime();
      if (now - lastDraw < everyMs) return;
      lastDraw = now;
      clear();
      const pct = total !== undefined && total > 0 ? ` ${Math.floor((100 * done) / total)}%` : '';
      out.write(`${source}: ${phase} ${done}${total !== undefined ? `/${total}` : ''}${pct}`.slice(0, 160));
      shown = true;
    },
    end(source, phase, done) {
      clear();
      out.write(`${source}: ${phase} done (${done})\n`);
    },
    note(message) {
      clear();
      out.write(`${message}\n`);
    },
    close: clear,
  };
}

/** The sink a command uses: redrawn on a terminal, line-based in CI (CI=true) or when stderr is a pipe. */
export function progressFor(out: Stream, env: NodeJS.ProcessEnv, clock: Clock): ProgressSink {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  return out.isTTY === true && !ci ? terminalProgress(out, clock) : lineProgress(out, clock);
}
