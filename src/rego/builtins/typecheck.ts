import type { BuiltinDecl } from './types.js';

export const typecheckBuiltins: BuiltinDecl[] = [];
