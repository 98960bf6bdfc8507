export type * from './types.js';
export * from './util.js';
export * from './walk.js';
export { printBody, printExpr, printModule, printRef, printRule, printTerm } from './print.js';
