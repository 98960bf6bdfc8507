export type * from './types.js';
export * from './util.js';
export * from './walk.js';
export { printAnnotations, printBody, printExpr, printModule, printRef, printRule, printTerm } from './print.js';
