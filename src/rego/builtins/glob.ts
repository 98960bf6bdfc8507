import type { BuiltinDecl } from './types.js';

export const globBuiltins: BuiltinDecl[] = [];
