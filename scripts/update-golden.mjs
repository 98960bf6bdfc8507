#!/usr/bin/env node
// Regenerates the golden reports in reports/examples/ from the canonical fixture
// (test/fixtures/reports/canonical-report.ts). Review the diff before committing.
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const result = spawnSync('npx', ['vitest', 'run', 'test/unit/reporters/golden.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, UPDATE_GOLDEN: '1' },
});
process.exit(result.status ?? 1);
