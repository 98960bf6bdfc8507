import type { BuiltinDecl } from './types.js';

export const templateBuiltins: BuiltinDecl[] = [];
