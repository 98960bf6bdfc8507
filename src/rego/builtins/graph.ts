import type { BuiltinDecl } from './types.js';

export const graphBuiltins: BuiltinDecl[] = [];
