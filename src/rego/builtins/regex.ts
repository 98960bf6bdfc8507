import type { BuiltinDecl } from './types.js';

export const regexBuiltins: BuiltinDecl[] = [];
