import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', '..', '.github', 'workflows');
const validator = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'action-validator');

describe('GitHub workflows', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
    it(`${file} is a valid workflow`, () => {
      const r = spawnSync(validator, [join(dir, file)], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }
});
