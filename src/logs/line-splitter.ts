// Newline-delimited JSON: one record per line. Lines are cut on bytes (no string decoding until a
// record is kept), blank lines are ignored, and a line longer than the record limit is dropped
// without being buffered.
import type { RawRecord } from './json-splitter.js';

const NEWLINE = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private line = 1;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private oversized = false;

  constructor(
    private readonly maxRecordBytes: number,
    private readonly onRecord: (record: RawRecord) => void,
    private readonly onOversized: (line: number, bytes: number) => void,
  ) {}

  push(buf: Buffer): void {
    let start = 0;
    const len = buf.length;
    while (start < len) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl < 0) {
        this.keep(buf.subarray(start));
        return;
      }
      this.keep(buf.subarray(start, nl));
      this.finishLine();
      start = nl + 1;
    }
  }

  /** Flushes a last line without a trailing newline. */
  end(): void {
    if (this.partBytes > 0 || this.oversized) this.finishLine();
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.partBytes += part.length;
    if (this.oversized) return;
    if (this.partBytes > this.maxRecordBytes) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(part);
  }

  private finishLine(): void {
    const line = this.line++;
    if (this.oversized) {
      this.onOversized(line, this.partBytes);
    } else if (this.parts.length > 0) {
      let bytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.partBytes);
      if (bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
      if (!isBlank(bytes)) this.onRecord({ bytes, line });
    }
    this.parts = [];
    this.partBytes = 0;
    this.oversized = false;
  }
}

function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
