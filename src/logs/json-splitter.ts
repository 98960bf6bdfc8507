// Streaming splitter for the elements of one JSON array: either the top-level array (`[...]`, as
// `gcloud logging read --format=json` writes) or the array under a top-level key (`{"Records":[...]}`
// as CloudTrail delivers to S3). It never materialises the document: it scans bytes, tracks depth and
// strings, and hands out each element's bytes (with the line it starts on) for `JSON.parse`.

export interface RawRecord {
  bytes: Buffer;
  line: number;
}

export interface SplitterEnd {
  /** The document ended inside a value (plain-text truncation or unbalanced brackets). */
  truncated: boolean;
  /** The wrapper key (or top-level array) was never found. */
  arrayFound: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

export class JsonArraySplitter {
  private depth = 0;
  private line = 1;
  private inString = false;
  private skipNextByte = false;
  /** Depth at which the target array's elements start (1 for a top-level array, 2 under a key). */
  private readonly elementDepth: number;
  private inTarget = false;
  private arrayFound = false;
  // Element being accumulated.
  private inElement = false;
  private elementStartLine = 0;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private oversized = false;
  // Key tracking at depth 1 (wrapper mode only).
  private expectKey = false;
  private keyParts: Buffer[] = [];
  private readingKey = false;
  private currentKey: string | undefined;

  constructor(
    private readonly wrapperKey: string | undefined,
    private readonly maxRecordBytes: number,
    private readonly onRecord: (record: RawRecord) => void,
    private readonly onOversized: (line: number, bytes: number) => void,
    private readonly onStrayValue: (line: number) => void,
  ) {
    this.elementDepth = wrapperKey === undefined ? 1 : 2;
  }

  push(buf: Buffer): void {
    let i = 0;
    let elementStart = this.inElement ? 0 : -1;
    let keyStart = this.readingKey ? 0 : -1;
    const len = buf.length;
    let nextBackslash = -1;
    while (i < len) {
      if (this.inString) {
        if (this.skipNextByte) {
          this.skipNextByte = false;
          i++;
          continue;
        }
        // Jump to the next quote; a backslash before it means an escape to step over.
        const quote = buf.indexOf(QUOTE, i);
        if (nextBackslash < i) {
          nextBackslash = buf.indexOf(BACKSLASH, i);
          if (nextBackslash < 0) nextBackslash = len;
        }
        const quoteAt = quote < 0 ? len : quote;
        if (nextBackslash < quoteAt) {
          i = nextBackslash + 2;
          if (i > len) {
            this.skipNextByte = true;
            i = len;
          }
          continue;
        }
        if (quote < 0) {
          i = len;
          break;
        }
        this.inString = false;
        i = quote + 1;
        if (this.readingKey) {
          this.keyParts.push(buf.subarray(keyStart, quote));
          this.currentKey = Buffer.concat(this.keyParts).toString('utf8');
          this.keyParts = [];
          this.readingKey = false;
          keyStart = -1;
        }
        continue;
      }
      const c = buf[i] as number;
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && this.wrapperKey !== undefined && this.expectKey) {
            this.readingKey = true;
            this.expectKey = false;
            keyStart = i + 1;
          } else if (this.inTarget && this.depth === this.elementDepth && !this.inElement) {
            this.onStrayValue(this.line);
          }
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (this.inTarget && this.depth === this.elementDepth && !this.inElement) {
            this.inElement = true;
            this.elementStartLine = this.line;
            elementStart = i;
          } else if (!this.inTarget && this.isTargetArrayOpening(c)) {
            this.inTarget = true;
            this.arrayFound = true;
          }
          this.depth++;
          if (this.depth === 1 && c === 0x7b) this.expectKey = true;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          this.depth--;
          if (this.inElement && this.depth === this.elementDepth) {
            this.finishElement(buf.subarray(elementStart, i + 1));
            elementStart = -1;
          } else if (this.inTarget && this.depth === this.elementDepth - 1) {
            this.inTarget = false;
          }
          break;
        case 0x2c: // ,
          if (this.depth === 1) this.expectKey = true;
          break;
        case NEWLINE:
          this.line++;
          break;
        case 0x3a: // :
        case 0x20:
        case 0x09:
        case 0x0d:
          break;
        default:
          // A number or literal directly in the target array is not a record.
          if (this.inTarget && this.depth === this.elementDepth && !this.inElement && isValueStart(c)) {
            this.onStrayValue(this.line);
          }
      }
      i++;
    }
    if (this.inElement && elementStart >= 0) this.keepPart(buf.subarray(elementStart));
    if (this.readingKey && keyStart >= 0) this.keyParts.push(Buffer.from(buf.subarray(keyStart)));
  }

  end(): SplitterEnd {
    return { truncated: this.depth !== 0 || this.inString, arrayFound: this.arrayFound };
  }

  private isTargetArrayOpening(c: number): boolean {
    if (c !== 0x5b) return false;
    if (this.wrapperKey === undefined) return this.depth === 0;
    return this.depth === 1 && this.currentKey === this.wrapperKey;
  }

  private keepPart(part: Buffer): void {
    if (this.oversized) {
      this.partBytes += part.length;
      return;
    }
    this.partBytes += part.length;
    if (this.partBytes > this.maxRecordBytes) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(part);
  }

  private finishElement(lastPart: Buffer): void {
    this.inElement = false;
    if (this.parts.length === 0 && !this.oversized) {
      if (lastPart.length > this.maxRecordBytes) this.onOversized(this.elementStartLine, lastPart.length);
      else this.onRecord({ bytes: lastPart, line: this.elementStartLine });
    } else {
      this.keepPart(lastPart);
      if (this.oversized) this.onOversized(this.elementStartLine, this.partBytes);
      else this.onRecord({ bytes: Buffer.concat(this.parts, this.partBytes), line: this.elementStartLine });
    }
    this.parts = [];
    this.partBytes = 0;
    this.oversized = false;
  }
}

function isValueStart(c: number): boolean {
  return c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e; // - digit t f n
}
