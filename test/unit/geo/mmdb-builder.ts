// Builds a tiny MaxMind DB (MMDB v2) in memory: IPv4 search tree with record size 24, a data
// section and the metadata map, following the MaxMind DB File Format Specification 2.0. Enough
// for tests: each /8../32 prefix maps to a record of strings, numbers and nested maps.

type Value = string | number | { [k: string]: Value } | Value[];

function ctrl(type: number, size: number): Buffer {
  // Sizes up to 284 (enough for tests); extended types (> 7) put their type in the next byte.
  if (size >= 285) throw new Error('size too large for this tiny encoder');
  const [bits, extra] = size < 29 ? [size, []] : [29, [size - 29]];
  const head = type <= 7 ? [(type << 5) | bits] : [bits, type - 7];
  return Buffer.from([...head, ...extra]);
}

function uint(type: number, n: number, bytes: number): Buffer {
  const body = Buffer.alloc(bytes);
  for (let i = bytes - 1, v = n; i >= 0; i--, v = Math.floor(v / 256)) body[i] = v % 256;
  return Buffer.concat([ctrl(type, bytes), body]);
}

export function encode(v: Value): Buffer {
  if (typeof v === 'string') return Buffer.concat([ctrl(2, Buffer.byteLength(v)), Buffer.from(v)]);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v < 2 ** 32) return uint(6, v, 4);
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    return Buffer.concat([ctrl(3, 8), b]);
  }
  if (Array.isArray(v)) return Buffer.concat([ctrl(11, v.length), ...v.map(encode)]);
  const entries = Object.entries(v);
  return Buffer.concat([ctrl(7, entries.length), ...entries.flatMap(([k, x]) => [encode(k), encode(x)])]);
}

/** prefixes: '81.0.0.0/8' -> record. */
export function buildMmdb(prefixes: Record<string, Value>, databaseType = 'Test-City'): Buffer {
  // Build a binary trie of the prefixes; leaves point into the data section.
  interface Node { children: [Node | number | undefined, Node | number | undefined] }
  const root: Node = { children: [undefined, undefined] };
  const records: Buffer[] = [];
  const offsets: number[] = [];
  let dataSize = 0;
  for (const [cidr, record] of Object.entries(prefixes)) {
    const [ip, len] = cidr.split('/');
    const bits = ip!.split('.').reduce((acc, o) => (acc << 8) | Number(o), 0) >>> 0;
    const data = encode(record);
    offsets.push(dataSize);
    records.push(data);
    dataSize += data.length;
    let node = root;
    const depth = Number(len);
    for (let i = 0; i < depth; i++) {
      const bit = (bits >>> (31 - i)) & 1;
      if (i === depth - 1) node.children[bit] = -(offsets.length); // leaf marker: -(record index + 1)
      else {
        const next = node.children[bit];
        if (typeof next === 'object') node = next;
        else {
          const created: Node = { children: [undefined, undefined] };
          node.children[bit] = created;
          node = created;
        }
      }
    }
  }
  const nodes: Node[] = [];
  const index = new Map<Node, number>();
  const walk = (n: Node) => {
    index.set(n, nodes.length);
    nodes.push(n);
    for (const c of n.children) if (typeof c === 'object') walk(c);
  };
  walk(root);
  const nodeCount = nodes.length;
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach((n, i) => {
    n.children.forEach((c, side) => {
      let value = nodeCount; // "no data"
      if (typeof c === 'object') value = index.get(c)!;
      else if (typeof c === 'number') value = nodeCount + 16 + offsets[-c - 1]!;
      tree.writeUIntBE(value, i * 6 + side * 3, 3);
    });
  });
  const metadata = encode({
    node_count: nodeCount,
    record_size: 24,
    ip_version: 4,
    database_type: databaseType,
    languages: ['en'],
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_700_000_000,
    description: { en: 'keywarden test database' },
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...records, Buffer.from('\xab\xcd\xefMaxMind.com', 'latin1'), metadata]);
}
