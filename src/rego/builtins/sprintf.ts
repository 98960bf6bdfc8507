import type { BuiltinDecl } from './types.js';

export const sprintfBuiltins: BuiltinDecl[] = [];
