// Fake S3 REST (path-style): ListObjectsV2 (`GET /<bucket>?list-type=2&prefix=&delimiter=&continuation-token=`)
// and GetObject (`GET /<bucket>/<key>`), XML listings as S3 writes them. Buckets in `denied` answer 403
// AccessDenied. `pageSize` forces paging (MaxKeys).
import { gzipSync } from 'node:zlib';
import type { AwsJsonServer, RestReply } from './server.js';

export interface FakeS3 {
  buckets: Map<string, Map<string, Buffer>>;
  denied: Set<string>;
}

const xmlError = (status: number, code: string, message: string): RestReply => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>test</RequestId></Error>`,
});

export function installFakeS3(server: AwsJsonServer, pageSize = 1000): FakeS3 {
  const s3: FakeS3 = { buckets: new Map(), denied: new Set() };
  server.rest = (req) => {
    const [, bucket = '', ...rest] = req.path.split('/');
    const key = rest.join('/');
    const objects = s3.buckets.get(bucket);
    if (objects === undefined) return xmlError(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (s3.denied.has(bucket)) return xmlError(403, 'AccessDenied', 'Access Denied');
    if (key === '' && req.query.get('list-type') === '2') {
      const prefix = req.query.get('prefix') ?? '';
      const delimiter = req.query.get('delimiter') ?? '';
      const start = Number(req.query.get('continuation-token') ?? 0);
      const max = Math.min(Number(req.query.get('max-keys') ?? pageSize), pageSize);
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      const common = new Set<string>();
      const listed: string[] = [];
      for (const k of keys) {
        const cut = delimiter === '' ? -1 : k.indexOf(delimiter, prefix.length);
        if (cut >= 0) common.add(k.slice(0, cut + delimiter.length));
        else listed.push(k);
      }
      const page = listed.slice(start, start + max);
      const more = start + max < listed.length;
      const contents = page.map((k) => `<Contents><Key>${k}</Key><LastModified>2026-11-27T00:00:00.000Z</LastModified><Size>${objects.get(k)!.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('');
      const prefixes = [...common].sort().map((p) => `<CommonPrefixes><Prefix>${p}</Prefix></CommonPrefixes>`).join('');
      return {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${more}</IsTruncated>${more ? `<NextContinuationToken>${start + max}</NextContinuationToken>` : ''}${contents}${prefixes}</ListBucketResult>`,
      };
    }
    const body = objects.get(key);
    if (body === undefined) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
    return { status: 200, headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }, body };
  };
  return s3;
}

/** A CloudTrail log file as delivered to S3: {"Records":[...]} gzipped. */
export function cloudTrailLogFile(records: unknown[]): Buffer {
  return gzipSync(Buffer.from(JSON.stringify({ Records: records })));
}
