import type { BuiltinDecl } from './types.js';

export const cryptoBuiltins: BuiltinDecl[] = [];
