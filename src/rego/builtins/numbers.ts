import type { BuiltinDecl } from './types.js';

export const numbersBuiltins: BuiltinDecl[] = [];
