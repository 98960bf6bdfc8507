// Where the package's own folders are, from both src/ (tests) and dist/ (the built CLI).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILTIN_POLICIES_DIR = join(PACKAGE_ROOT, 'policies');
export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules');
export const DEMO_DIR = join(PACKAGE_ROOT, 'examples', 'demo');
/** The demo's fixed "now": results of `scan --demo` are reproducible. */
export const DEMO_ANCHOR = '2026-11-01T00:00:00Z';
