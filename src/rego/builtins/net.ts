import type { BuiltinDecl } from './types.js';

export const netBuiltins: BuiltinDecl[] = [];
