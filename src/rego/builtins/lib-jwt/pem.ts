// PEM decoding with the semantics of Go's encoding/pem.Decode that OPA relies on: the first
// well-formed block wins, malformed candidates are skipped, and the text after the END line is
// returned so callers can reject trailing data.

export interface PemBlock {
  type: string;
  bytes: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Splits off one line like Go's getLine: the line without trailing spaces/tabs/CR, and the rest. */
function getLine(s: string): [string, string] {
  const nl = s.indexOf('\n');
  const line = nl < 0 ? s : s.slice(0, nl);
  const rest = nl < 0 ? '' : s.slice(nl + 1);
  return [line.replace(/[ \t\r]+$/, ''), rest];
}

/** Returns the first PEM block and the remaining text, or undefined when there is none. */
export function decodePem(data: string): { block: PemBlock; rest: string } | undefined {
  let rest = data;
  for (;;) {
    if (rest.startsWith('-----BEGIN ')) rest = rest.slice('-----BEGIN '.length);
    else {
      const at = rest.indexOf('\n-----BEGIN ');
      if (at < 0) return undefined;
      rest = rest.slice(at + '\n-----BEGIN '.length);
    }
    const [typeLine, afterType] = getLine(rest);
    if (!typeLine.endsWith('-----')) continue;
    const type = typeLine.slice(0, -5);
    const endMarker = '\n-----END ';
    let endIndex: number;
    let trailerIndex: number;
    if (afterType.startsWith(endMarker.slice(1))) {
      endIndex = 0;
      trailerIndex = endMarker.length - 1;
    } else {
      endIndex = afterType.indexOf(endMarker);
      trailerIndex = endIndex + endMarker.length;
    }
    if (endIndex < 0) continue;
    const trailer = afterType.slice(trailerIndex);
    if (!trailer.startsWith(type + '-----')) continue;
    const [restOfEndLine, afterEnd] = getLine(trailer.slice(type.length + 5));
    if (restOfEndLine.length !== 0) continue;
    const body = afterType.slice(0, endIndex).replace(/[ \t\r\n]/g, '');
    if (!BASE64.test(body) || body.length % 4 !== 0) continue;
    return { block: { type, bytes: Buffer.from(body, 'base64') }, rest: afterEnd };
  }
}
