import type { BuiltinDecl } from './types.js';

export const objectsBuiltins: BuiltinDecl[] = [];
