// RFC 7512 PKCS#11 URIs, the resource ids of tokens and objects.
// pk11-pchar keeps unreserved characters and ":[]@!$'()*+,=&"; everything else is percent-encoded.
const SAFE = /[A-Za-z0-9\-._~:[\]@!$'()*+,=&]/;

export function pctEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && SAFE.test(ch) ? ch : `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** CKA_ID is raw bytes: every byte is percent-encoded (`%01%a1`), as RFC 7512 recommends. */
export const idEncode = (hex: string): string => (hex.match(/../g) ?? []).map((b) => `%${b.toLowerCase()}`).join('');

export function tokenUri(label: string, serial: string | undefined): string {
  return `pkcs11:token=${pctEncode(label)}${serial ? `;serial=${pctEncode(serial)}` : ''}`;
}

const OBJECT_TYPES: Record<string, string> = {
  CKO_SECRET_KEY: 'secret-key',
  CKO_PRIVATE_KEY: 'private',
  CKO_PUBLIC_KEY: 'public',
  CKO_CERTIFICATE: 'cert',
  CKO_DATA: 'data',
};

export function objectUri(token: string, o: { label?: string; idHex?: string; className?: string }): string {
  let uri = token;
  if (o.label !== undefined) uri += `;object=${pctEncode(o.label)}`;
  if (o.idHex) uri += `;id=${idEncode(o.idHex)}`;
  const type = o.className ? OBJECT_TYPES[o.className] : undefined;
  if (type) uri += `;type=${type}`;
  return uri;
}
