import type { BuiltinDecl } from './types.js';

export const stringsBuiltins: BuiltinDecl[] = [];
