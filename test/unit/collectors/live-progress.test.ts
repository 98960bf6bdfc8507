// Progress lines for live collection and the shared flag helpers.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/core/clock.js';
import { listFlag } from '../../../src/collectors/live.js';
import { lineProgress, progressFor, terminalProgress } from '../../../src/collectors/progress.js';

const sink = (isTTY = false) => {
  const lines: string[] = [];
  return { out: { write: (s: string) => lines.push(s), isTTY }, lines };
};

describe('lineProgress', () => {
  it('prints at most one line per source and phase per interval, and always the end of a phase', () => {
    const clock = manualClock('2026-11-01T00:00:00Z');
    const { out, lines } = sink();
    const p = lineProgress(out, clock, 5000);
    p.update('aws 1 eu-west-1', 'keys', 1, 10);
    p.update('aws 1 eu-west-1', 'keys', 2, 10);
    p.update('aws 1 us-east-1', 'keys', 1);
    clock.advance(5000);
    p.update('aws 1 eu-west-1', 'keys', 7, 10);
    p.end('aws 1 eu-west-1', 'keys', 10);
    p.note('2 accounts');
    expect(lines).toEqual([
      'keywarden: aws 1 eu-west-1: keys 1/10\n',
      'keywarden: aws 1 us-east-1: keys 1\n',
      'keywarden: aws 1 eu-west-1: keys 7/10\n',
      'keywarden: aws 1 eu-west-1: keys done (10)\n',
      'keywarden: 2 accounts\n',
    ]);
  });
});

describe('terminalProgress', () => {
  it('redraws one line in place and clears it before printing finished phases', () => {
    const clock = manualClock('2026-11-01T00:00:00Z');
    const { out, lines } = sink(true);
    const p = terminalProgress(out, clock, 100);
    p.update('gcp p1', 'keys', 5, 20);
    p.end('gcp p1', 'keys', 20);
    p.close();
    expect(lines).toEqual(['gcp p1: keys 5/20 25%', '\r\u001b[2K', 'gcp p1: keys done (20)\n']);
  });
});

describe('progressFor', () => {
  it('uses line progress in CI even on a terminal, and redraws only on a terminal outside CI', () => {
    const clock = manualClock('2026-11-01T00:00:00Z');
    const tty = sink(true);
    progressFor(tty.out, { CI: 'true' }, clock).update('s', 'keys', 1);
    expect(tty.lines).toEqual(['keywarden: s: keys 1\n']);
    const tty2 = sink(true);
    progressFor(tty2.out, {}, clock).update('s', 'keys', 1);
    expect(tty2.lines).toEqual(['s: keys 1']);
  });
});

describe('listFlag', () => {
  it('splits comma-separated and repeated values, trims, drops blanks and duplicates, and sorts', () => {
    expect(listFlag('us-east-1, eu-west-1,,us-east-1')).toEqual(['eu-west-1', 'us-east-1']);
    expect(listFlag(['b,a', 'c'])).toEqual(['a', 'b', 'c']);
    expect(listFlag(undefined)).toEqual([]);
  });
});
