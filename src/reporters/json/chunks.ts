// `JSON.stringify(value, null, 2)` as a sequence of chunks, so a report of hundreds of megabytes is
// written to disk piece by piece instead of being held as one string (V8 also caps a string at
// about 512 MB). Large arrays are streamed element by element down to `depth` levels; each element
// is stringified on its own and re-indented, which gives the same bytes: JSON strings never hold a
// raw newline, so every "\n" in an element's text is a line break of the indentation.

/** Chunks are joined up to about this many characters before they are handed out (fewer, larger writes). */
const CHUNK_CHARS = 1 << 20;

/** A value `JSON.stringify` leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** `JSON.stringify(value, null, 2)` indented to sit at `pad` (the text after the first line is shifted). */
function indented(value: unknown, pad: string): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return pad === '' ? text : text.replace(/\n/g, `\n${pad}`);
}

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== 'object') return false;
  // A toJSON method decides its own shape: leave such values to JSON.stringify.
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * Yields the pieces of `JSON.stringify(value, null, 2)`. Objects and arrays are opened down to
 * `depth` levels (0 = the value in one piece); below that each member is stringified whole.
 */
function* pieces(value: unknown, depth: number, pad: string): Generator<string> {
  if (depth <= 0 || !isPlainContainer(value)) {
    yield indented(value, pad);
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      const item: unknown = value[i];
      yield* pieces(omitted(item) ? null : item, depth - 1, inner);
    }
    yield `\n${pad}]`;
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (omitted(member)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(member, depth - 1, inner);
  }
  yield first ? '{}' : `\n${pad}}`;
}

/**
 * The text of `JSON.stringify(value, null, 2) + '\n'` in chunks of about 1 MB, streaming arrays and
 * objects down to `depth` levels (2 opens a report's top-level arrays such as its findings).
 */
export function* jsonChunks(value: unknown, depth = 2): Generator<string> {
  let buffer = '';
  for (const piece of pieces(value, depth, '')) {
    buffer += piece;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  yield `${buffer}\n`;
}
