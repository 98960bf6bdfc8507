import type { BuiltinDecl } from './types.js';

export const aggregatesBuiltins: BuiltinDecl[] = [];
