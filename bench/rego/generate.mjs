// Deterministic inventories of N keys for the Rego benchmark (a seeded LCG, no Math.random).
export function generateKeys(n, seed = 42) {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const providers = ['aws', 'azure', 'gcp'];
  const keys = [];
  for (let i = 0; i < n; i++) {
    const provider = pick(providers);
    const account = String(100000000000 + Math.floor(rnd() * 5));
    const created = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 6 * 365) * 86400000).toISOString();
    const rotated = new Date(Date.UTC(2022, 0, 1) + Math.floor(rnd() * 4 * 365) * 86400000).toISOString();
    const tags = {};
    if (rnd() > 0.2) tags.owner = `team-${Math.floor(rnd() * 40)}`;
    if (rnd() > 0.3) tags['data-class'] = pick(['public', 'internal', 'restricted']);
    tags.env = pick(['production', 'staging', 'development']);
    keys.push({
      id: `arn:aws:kms:eu-west-1:${account}:key/${i.toString(16).padStart(8, '0')}`,
      name: pick(['payments', 'tmp-export', 'logs', 'backup', 'test-key', 'db']) + '-' + i,
      provider,
      account,
      region: pick(['eu-west-1', 'us-east-1', 'ap-east-1']),
      manager: rnd() > 0.1 ? 'customer' : 'provider',
      spec: pick(['SYMMETRIC_DEFAULT', 'RSA_2048', 'HMAC_256']),
      keyType: pick(['symmetric', 'rsa', 'ec']),
      sizeBits: pick([1024, 2048, 3072, 4096]),
      algorithm: pick(['SYMMETRIC_DEFAULT', 'RSA_1024', 'ECC_NIST_P256']),
      origin: pick(['generated', 'generated', 'imported']),
      protectionLevel: pick(['software', 'hsm']),
      state: pick(['enabled', 'enabled', 'enabled', 'disabled', 'pending-deletion']),
      deletionWindowDays: pick([7, 30]),
      createdAt: created,
      lastRotatedAt: rotated,
      ...(provider === 'azure' && rnd() > 0.5 ? { expiresAt: rotated } : {}),
      rotation: { enabled: rnd() > 0.4, periodDays: pick([90, 365, 730]) },
      tags,
      access: [
        { effect: 'allow', principals: [`arn:aws:iam::${account}:root`], actions: ['kms:*'], source: 'key-policy' },
        ...(rnd() > 0.9 ? [{ effect: 'allow', principals: ['*'], actions: ['kms:Decrypt'], source: 'key-policy' }] : []),
      ],
      grants: rnd() > 0.8 ? [{ id: `g${i}`, granteePrincipal: `arn:aws:iam::${pick([account, '999999999999'])}:role/app`, operations: ['Decrypt'] }] : [],
      versions: [{ id: '1', state: pick(['ENABLED', 'ENABLED', 'DISABLED']) }],
      ...(rnd() > 0.95 ? { multiRegion: { role: 'replica' } } : {}),
    });
  }
  return { now: '2026-11-01T00:00:00Z', keys };
}
