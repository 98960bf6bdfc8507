import type { BuiltinDecl } from './types.js';

export const unitsBuiltins: BuiltinDecl[] = [];
