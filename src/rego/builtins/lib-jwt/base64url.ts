// Base64url as OPA's base64url.decode reads JWT segments: missing padding is restored (RFC 7515
// appendix C), then Go's strict decoder runs. Bytes are kept raw (signatures are not UTF-8).
import { base64Decode } from '../lib-a/bytes.js';
import { BuiltinFailure } from '../types.js';

export function base64urlDecodeBytes(s: string): Buffer {
  let padded = s;
  if (!s.endsWith('=')) {
    const r = s.length % 4;
    if (r === 1) throw new BuiltinFailure(`illegal base64url string: ${s}`);
    padded += r === 2 ? '==' : r === 3 ? '=' : '';
  }
  return Buffer.from(base64Decode(padded, true));
}

/** Go's base64.RawURLEncoding (no padding). */
export function base64urlEncode(b: Uint8Array | string): string {
  return Buffer.from(b).toString('base64url');
}
