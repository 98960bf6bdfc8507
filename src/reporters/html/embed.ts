// The report's JSON data blocks. Small reports embed the JSON as is (readable in the file); above a
// threshold the JSON is deflated (raw DEFLATE, no header: byte-identical on every platform) and
// base64-encoded, which makes a 100,000-finding report about ten times smaller and faster to open.
// The page inflates it with the browser's DecompressionStream: no network, no library.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { embedJson } from './escape.js';

/** Embedded JSON larger than this (in UTF-16 code units) is deflated. */
export const DEFLATE_THRESHOLD = 4_000_000;
export const DEFLATE_ENCODING = 'deflate-raw+base64';

export function dataBlock(id: string, json: string, threshold = DEFLATE_THRESHOLD): string {
  if (json.length <= threshold) return `<script type="application/json" id="${id}">${embedJson(json)}</script>`;
  const packed = deflateRawSync(Buffer.from(json, 'utf8'), { level: 6 }).toString('base64');
  // A JSON string of base64 characters: nothing in it can close the block.
  return `<script type="application/json" id="${id}" data-encoding="${DEFLATE_ENCODING}">"${packed}"</script>`;
}

/** The JSON text a data block carries, decoded (for tests and tools that read the report). */
export function readDataBlock(html: string, id: string): string | undefined {
  const m = new RegExp(`<script type="application/json" id="${id}"( data-encoding="([^"]+)")?>([^<]*)</script>`).exec(html);
  if (!m) return undefined;
  const text = m[3] ?? '';
  if (!m[2]) return text;
  return inflateRawSync(Buffer.from(JSON.parse(text) as string, 'base64')).toString('utf8');
}
