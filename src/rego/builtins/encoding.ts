import type { BuiltinDecl } from './types.js';

export const encodingBuiltins: BuiltinDecl[] = [];
