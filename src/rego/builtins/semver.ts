import type { BuiltinDecl } from './types.js';

export const semverBuiltins: BuiltinDecl[] = [];
