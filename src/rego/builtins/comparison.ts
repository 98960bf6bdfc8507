import type { BuiltinDecl } from './types.js';

export const comparisonBuiltins: BuiltinDecl[] = [];
