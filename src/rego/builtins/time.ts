import type { BuiltinDecl } from './types.js';

export const timeBuiltins: BuiltinDecl[] = [];
