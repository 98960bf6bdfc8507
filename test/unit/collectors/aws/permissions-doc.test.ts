// docs/permissions.md lists exactly the guard's allowlist, in its table and in its IAM policy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { READ_ONLY_OPERATIONS } from '../../../../src/collectors/aws/guard.js';

const full = readFileSync(new URL('../../../../docs/permissions.md', import.meta.url), 'utf8');
// Only the AWS part: it ends where the next section after "Organisation scans" (Azure, Google Cloud) starts.
const orgAt = full.indexOf('## Organisation scans');
const nextAt = full.indexOf('\n## ', orgAt + 1);
const doc = nextAt < 0 ? full : full.slice(0, nextAt);
// SDK operation → IAM action where the names differ.
const IAM_ACTION: Record<string, string> = { 's3:ListObjectsV2': 's3:ListBucket' };
const allowlisted = Object.entries(READ_ONLY_OPERATIONS).flatMap(([service, ops]) => [...ops].map((op) => IAM_ACTION[`${service}:${op}`] ?? `${service}:${op}`)).sort();

describe('docs/permissions.md', () => {
  it('has one table row per allowlisted operation, and no other', () => {
    const rows = [...doc.matchAll(/^\| `([a-z0-9]+:[A-Za-z0-9]+)` \|/gm)].map((m) => m[1]).sort();
    expect(rows).toEqual(allowlisted);
  });

  it('its policies grant exactly the allowlist', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as { Statement: { Action: string | string[]; Principal?: unknown }[] });
    const actions = new Set(blocks.flatMap((b) => b.Statement.filter((s) => s.Principal === undefined).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))));
    expect([...actions].sort()).toEqual(allowlisted);
  });
});
