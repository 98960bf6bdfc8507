import type { BuiltinDecl } from './types.js';

export const uuidBuiltins: BuiltinDecl[] = [];
