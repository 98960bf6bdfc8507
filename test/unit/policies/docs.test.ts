// docs/policies.md is generated from the policies' METADATA; this fails when it is out of date
// (fix: node scripts/gen-policy-docs.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('docs/policies.md', () => {
  it('matches the policies (run node scripts/gen-policy-docs.mjs after editing METADATA)', async () => {
    const script = pathToFileURL(join(ROOT, 'scripts', 'gen-policy-docs.mjs')).href;
    const { render } = (await import(script)) as { render: (root: string) => string };
    const generated = render(ROOT);
    expect(generated).toContain('## Coverage');
    expect(readFileSync(join(ROOT, 'docs', 'policies.md'), 'utf8')).toBe(generated);
  });
});
