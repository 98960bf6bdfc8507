import type { BuiltinDecl } from './types.js';

export const setsBuiltins: BuiltinDecl[] = [];
