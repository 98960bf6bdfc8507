// Hashes and HMACs over the UTF-8 bytes of strings, hex-encoded (v1/topdown/crypto.go).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { BuiltinDecl } from './types.js';
import { builtin, str, T } from './lib-a/util.js';

function hash(name: string, algorithm: string): BuiltinDecl {
  return builtin(name, 'crypto', [['x', T.str]], T.str, ([x]) =>
    createHash(algorithm).update(str(x, 1), 'utf8').digest('hex'),
  );
}

function hmac(name: string, algorithm: string): BuiltinDecl {
  return builtin(name, 'crypto', [['x', T.str], ['key', T.str]], T.str, ([x, k]) => {
    const message = str(x, 1);
    const key = str(k, 2);
    return createHmac(algorithm, Buffer.from(key, 'utf8')).update(message, 'utf8').digest('hex');
  });
}

/** hmac.Equal: constant-time comparison of the two strings' bytes. */
function equalMacs(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const cryptoBuiltins: BuiltinDecl[] = [
  hash('crypto.md5', 'md5'),
  hash('crypto.sha1', 'sha1'),
  hash('crypto.sha256', 'sha256'),
  hmac('crypto.hmac.md5', 'md5'),
  hmac('crypto.hmac.sha1', 'sha1'),
  hmac('crypto.hmac.sha256', 'sha256'),
  hmac('crypto.hmac.sha512', 'sha512'),
  builtin('crypto.hmac.equal', 'crypto', [['mac1', T.str], ['mac2', T.str]], T.bool, ([a, b]) => {
    const x = str(a, 1);
    const y = str(b, 2);
    return equalMacs(x, y);
  }),
];
