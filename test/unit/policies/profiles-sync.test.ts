// policies/lib/thresholds.rego carries the built-in threshold profiles so policies work with only a
// profile name (stock OPA); they must stay equal to src/config/profiles.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../../src/config/profiles.js';
import { compile } from '../../../src/rego/index.js';

const LIB = join(import.meta.dirname, '..', '..', '..', 'policies', 'lib');

describe('threshold profiles in policies/lib', () => {
  it('equal the built-in profiles of src/config/profiles.ts', async () => {
    const modules = Object.fromEntries(['thresholds.rego', 'keys.rego', 'dates.rego'].map((f) => [f, readFileSync(join(LIB, f), 'utf8')]));
    const policy = await compile({ modules, data: {} });
    const rows = await policy.query('x = data.keywarden.lib.thresholds.profiles', {});
    expect(rows[0]?.x).toEqual(BUILTIN_PROFILES);
  });
});
