import type { BuiltinDecl } from './types.js';

export const arraysBuiltins: BuiltinDecl[] = [];
