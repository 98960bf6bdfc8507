import type { BuiltinDecl } from './types.js';

export const internalBuiltins: BuiltinDecl[] = [];
