import type { BuiltinDecl } from './types.js';

export const bitsBuiltins: BuiltinDecl[] = [];
