// Reading an OPA bundle (`opa build -t wasm` writes bundle.tar.gz holding /policy.wasm, /data.json,
// /.manifest and the .rego sources) without any tar dependency: ustar is 512-byte headers + data.
import { gunzipSync } from 'node:zlib';

export interface OpaBundle {
  wasm?: Uint8Array;
  data: unknown;
  manifest?: Record<string, unknown>;
  /** .rego sources kept in the bundle, by path (metadata is read from them). */
  modules: Record<string, string>;
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/** Lists the regular files of a (possibly gzipped) tar archive. */
export function untar(archive: Uint8Array): Map<string, Buffer> {
  let buf = Buffer.from(archive);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const files = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = field(header, 0, 100);
    const prefix = field(header, 345, 155);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0x30);
    if (Number.isNaN(size)) throw new Error(`bundle: corrupt tar header at byte ${offset}`);
    const body = buf.subarray(offset + 512, offset + 512 + size);
    if (body.length < size) throw new Error('bundle: truncated tar archive');
    if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
    else if (type === '0' || type === '\0') {
      const path = longName ?? (prefix ? `${prefix}/${name}` : name);
      files.set(path.replace(/^\.?\//, ''), Buffer.from(body));
      longName = undefined;
    } else longName = undefined;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

export function readBundle(archive: Uint8Array): OpaBundle {
  const files = untar(archive);
  const bundle: OpaBundle = { data: {}, modules: {} };
  for (const [path, body] of files) {
    if (path === 'policy.wasm' || path.endsWith('/policy.wasm')) bundle.wasm = new Uint8Array(body);
    else if (path === 'data.json') bundle.data = JSON.parse(body.toString('utf8'));
    else if (path === '.manifest') bundle.manifest = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    else if (path.endsWith('.rego')) bundle.modules[path] = body.toString('utf8');
  }
  return bundle;
}
